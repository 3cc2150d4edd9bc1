import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, notice } from '#src/db/schema/index.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import type { NoticeContent, NoticeEntry } from '#src/schemas/notice-content.ts';
import {
  noticeDocument,
  readRevisionHistory,
  type RevisionHistoryItem,
} from '../documents/document-revisions.ts';
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
  revisions: RevisionHistoryItem[];
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
  const { revisions, latest } = row
    ? await readRevisionHistory(db, noticeDocument, row.id)
    : { revisions: [], latest: null };
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
    revisions,
    pendingChanges,
    problems: row ? checkNoticeReadiness(c.stage, row, entries, input.siteUrl) : [],
    latest,
    periodEnded: latest !== null && computeNoticeStatus(latest, input.now) === 'ended',
    reports,
  };
}
