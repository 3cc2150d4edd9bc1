import type { Db } from '#src/db/client.ts';
import type { NoticeContent, NoticeOutcome } from '#src/schemas/notice-content.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { localDay } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { countNoticeReports } from '../reports/count-notice-reports.ts';
import { computeNoticeStatus, noticeTimeZone } from './compute-notice-status.ts';
import { diffNoticeRevisions, isEmptyDiff } from './diff-notice-revisions.ts';
import { getCampaignNotice } from './get-campaign-notice.ts';
import { appendNoticeRevision, findLatestNoticeContent } from './notice-revisions.ts';

export interface PublishNoticeOutcomeInput {
  campaignSlug: string;
  /** What verification found, in staff's words; required when reports were received. */
  findings: string;
  /** Candidate ids of the entries whose naming is suspended (暂缓命名). */
  suspended: number[];
  /** Why a published outcome is corrected; not needed the first time. */
  changeNote?: string | undefined;
  actorId: number | null;
  now: Date;
}

export interface PublishNoticeOutcomeResult {
  slug: string;
  revision: number;
  outcome: NoticeOutcome;
}

/** The change note of the revision that first states the outcome. */
const outcomeChangeNote = '公示期满，公布公示结果。';

/**
 * Publishes the outcome of the publicity as the notice's next revision: the latest published
 * revision as it stands (never unpublished draft edits) with the outcome added. Only after the
 * period has ended (Asia/Shanghai days), only once every report received has been concluded,
 * with the number of reports counted here from the database, never typed in. Suspended
 * candidates must be entries of the notice. A later call corrects the outcome and must say why.
 */
export async function publishNoticeOutcome(
  db: Db,
  input: PublishNoticeOutcomeInput,
): Promise<PublishNoticeOutcomeResult> {
  return db.transaction(async (tx) => {
    const { row } = await getCampaignNotice(tx, input.campaignSlug);
    if (row.currentRevision < 1) {
      throw new DomainError('rule_violation', 'notice_outcome_unpublished', { slug: row.slug });
    }
    const latest = (await findLatestNoticeContent(tx, row))!;
    if (computeNoticeStatus(latest, input.now) !== 'ended') {
      throw new DomainError('rule_violation', 'notice_outcome_too_early', {
        periodEnd: latest.periodEnd,
      });
    }
    const reports = await countNoticeReports(tx, row.id);
    if (reports.open > 0) {
      throw new DomainError('rule_violation', 'notice_outcome_reports_open', {
        open: reports.open,
      });
    }
    const findings = input.findings.trim();
    if (reports.received > 0 && findings === '') {
      throw new DomainError('rule_violation', 'notice_outcome_findings_required', {
        received: reports.received,
      });
    }
    const entryIds = latest.entries.map((e) => e.candidateId);
    const unknown = input.suspended.filter((id) => !entryIds.includes(id));
    if (unknown.length > 0) {
      throw new DomainError('rule_violation', 'notice_outcome_not_entry', {
        candidateIds: unknown,
      });
    }
    const outcome: NoticeOutcome = {
      reportsReceived: reports.received,
      findings,
      suspended: entryIds.filter((id) => input.suspended.includes(id)),
      // A correction keeps the day the outcome was first stated unless its words change.
      statedOn: latest.outcome?.statedOn ?? localDay(input.now, noticeTimeZone),
    };
    const content: NoticeContent = { ...latest, outcome };
    const diff = diffNoticeRevisions(latest, content);
    let changeNote = input.changeNote?.trim() ?? '';
    if (latest.outcome) {
      if (isEmptyDiff(diff)) {
        throw new DomainError('conflict', 'notice_unchanged', { revision: row.currentRevision });
      }
      if (changeNote === '') {
        throw new DomainError('rule_violation', 'notice_change_note_required', {
          revision: row.currentRevision + 1,
        });
      }
    } else if (changeNote === '') {
      changeNote = outcomeChangeNote;
    }
    const revision = await appendNoticeRevision(tx, row, {
      content,
      changeNote,
      actorId: input.actorId,
      now: input.now,
    });
    await recordAuditEntry(tx, input, {
      action: 'notice.publish_outcome',
      entityType: 'notice',
      entityId: row.id,
      before: { currentRevision: row.currentRevision, outcome: latest.outcome ?? null },
      after: {
        currentRevision: revision,
        changeNote,
        // Numbers and ids only: the findings are public text, but the log keeps their length.
        reportsReceived: outcome.reportsReceived,
        findingsLength: findings.length,
        suspended: outcome.suspended,
      },
    });
    return { slug: row.slug, revision, outcome };
  });
}
