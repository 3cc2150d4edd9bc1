import type { Db } from '#src/db/client.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { buildNoticeContent } from './build-notice-content.ts';
import { buildNoticeEntries } from './build-notice-entries.ts';
import { checkNoticeReadiness } from './check-notice-readiness.ts';
import { diffNoticeRevisions, isEmptyDiff } from './diff-notice-revisions.ts';
import { getCampaignNotice } from './get-campaign-notice.ts';
import { appendNoticeRevision, findLatestNoticeContent } from './notice-revisions.ts';

export interface PublishNoticeInput {
  campaignSlug: string;
  changeNote?: string | undefined;
  actorId: number | null;
  now: Date;
  /** The site's public address (PUBLIC_BASE_URL), which the web channel must point into. */
  siteUrl: string;
}

export interface PublishNoticeResult {
  slug: string;
  revision: number;
  publishedAt: Date;
}

/**
 * Publishes the draft as the next revision: a complete snapshot (framing and the elected
 * candidates as they are now) that is never changed afterwards. A correction (revision 2 on)
 * must say why, and must change something. The first problem found is refused; the admin page
 * lists them all beforehand (checkNoticeReadiness).
 */
export async function publishNotice(
  db: Db,
  input: PublishNoticeInput,
): Promise<PublishNoticeResult> {
  return db.transaction(async (tx) => {
    const { row, stage } = await getCampaignNotice(tx, input.campaignSlug);
    const entries = await buildNoticeEntries(tx, {
      campaignId: row.campaignId,
      showPhotos: row.showPhotos,
      order: row.entryOrder,
    });
    const [problem] = checkNoticeReadiness(stage, row, entries, input.siteUrl);
    if (problem) {
      const { reason, ...details } = problem;
      throw new DomainError('rule_violation', reason, details);
    }
    const revision = row.currentRevision + 1;
    const changeNote = input.changeNote?.trim() ?? '';
    let content = buildNoticeContent(row, entries);
    let diff = null;
    if (revision > 1) {
      if (changeNote === '') {
        throw new DomainError('rule_violation', 'notice_change_note_required', { revision });
      }
      const previous = (await findLatestNoticeContent(tx, row))!;
      content = buildNoticeContent(row, entries, previous.outcome);
      diff = diffNoticeRevisions(previous, content);
      if (isEmptyDiff(diff)) {
        throw new DomainError('conflict', 'notice_unchanged', { revision: row.currentRevision });
      }
    }
    await appendNoticeRevision(tx, row, {
      content,
      changeNote,
      actorId: input.actorId,
      now: input.now,
      // The notice's date of publication stays that of revision 1; each revision has its own.
      head: { status: 'published', publishedAt: row.publishedAt ?? input.now },
    });
    await recordAuditEntry(tx, input, {
      action: 'notice.publish',
      entityType: 'notice',
      entityId: row.id,
      before: { status: row.status, currentRevision: row.currentRevision },
      after: {
        status: 'published',
        currentRevision: revision,
        changeNote,
        entries: entries.map((e) => e.candidateId),
        ...(diff ? { changes: diff } : {}),
      },
    });
    return { slug: row.slug, revision, publishedAt: input.now };
  });
}
