import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, notice, noticeRevision, staffUser } from '#src/db/schema/index.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import {
  noticeContentSchema,
  type NoticeContent,
  type NoticeEntry,
} from '#src/schemas/notice-content.ts';
import { countNoticeReports } from '../reports/count-notice-reports.ts';
import { computeNoticeStatus } from './compute-notice-status.ts';
import { DomainError } from '../errors.ts';
import { buildNoticeContent, type NoticeRow } from './build-notice-content.ts';
import { buildNoticeEntries } from './build-notice-entries.ts';
import { checkNoticeReadiness, type NoticeProblem } from './check-notice-readiness.ts';
import { diffNoticeRevisions, type NoticeDiff } from './diff-notice-revisions.ts';

export interface StaffNoticeView {
  campaign: { slug: string; title: string; year: number; organiser: string; stage: CampaignStage };
  /** The draft (the next revision's framing); null before it is created. */
  notice: NoticeRow | null;
  /** The entries that publishing now would print: the campaign's elected candidates. */
  entries: NoticeEntry[];
  revisions: {
    revision: number;
    publishedAt: Date;
    changeNote: string;
    publishedBy: string | null;
  }[];
  /** What publishing now would change from the latest revision; null before the first. */
  pendingChanges: NoticeDiff | null;
  /** Why publishing now would be refused; empty when it would work. */
  problems: NoticeProblem[];
  /** The latest published revision's content (its outcome included); null before the first. */
  latest: NoticeContent | null;
  /** Whether the latest revision's period has ended at `now`: the outcome may be published. */
  periodEnded: boolean;
  /** Reports received for this notice, and how many are not concluded yet. */
  reports: { received: number; open: number };
}

/** Everything the admin page and GET /api/staff/campaigns/{slug}/notice show. */
export async function getStaffNotice(
  db: Db,
  input: { campaignSlug: string; siteUrl: string; now: Date },
): Promise<StaffNoticeView> {
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, input.campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
  const row = (await db.query.notice.findFirst({ where: eq(notice.campaignId, c.id) })) ?? null;
  const entries = await buildNoticeEntries(db, {
    campaignId: c.id,
    showPhotos: row?.showPhotos ?? true,
    order: row?.entryOrder ?? 'stroke',
  });
  const revisionRows = row
    ? await db
        .select({ r: noticeRevision, by: staffUser.displayName })
        .from(noticeRevision)
        .leftJoin(staffUser, eq(staffUser.id, noticeRevision.publishedBy))
        .where(eq(noticeRevision.noticeId, row.id))
        .orderBy(asc(noticeRevision.revision))
    : [];
  const latestRow = revisionRows[revisionRows.length - 1]?.r;
  const latest = latestRow ? noticeContentSchema.parse(latestRow.content) : null;
  const pendingChanges =
    row && latest
      ? diffNoticeRevisions(latest, buildNoticeContent(row, entries, latest.outcome))
      : null;
  const reports = row ? await countNoticeReports(db, row.id) : { received: 0, open: 0 };
  return {
    campaign: {
      slug: c.slug,
      title: c.title,
      year: c.year,
      organiser: c.organiser,
      stage: c.stage,
    },
    notice: row,
    entries,
    revisions: revisionRows.map(({ r, by }) => ({
      revision: r.revision,
      publishedAt: r.publishedAt,
      changeNote: r.changeNote,
      publishedBy: by,
    })),
    pendingChanges,
    problems: row ? checkNoticeReadiness(c.stage, row, entries, input.siteUrl) : [],
    latest,
    periodEnded: latest !== null && computeNoticeStatus(latest, input.now) === 'ended',
    reports,
  };
}
