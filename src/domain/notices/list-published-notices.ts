import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, notice, noticeRevision } from '#src/db/schema/index.ts';
import { noticeContentSchema } from '#src/schemas/notice-content.ts';
import type { NoticePeriodStatus } from '#src/schemas/notice-input.ts';
import { computeNoticeStatus } from './compute-notice-status.ts';

export interface PublishedNoticeSummary {
  slug: string;
  campaignSlug: string;
  year: number;
  serial: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  workingDays: number;
  revision: number;
  firstPublishedAt: Date;
  latestPublishedAt: Date;
  status: NoticePeriodStatus;
}

/**
 * Every published notice, newest first (by the selection's year, then by first publication),
 * as its latest revision reads: a draft's unpublished edits never show. `campaignId` narrows
 * the list to one selection's notice, for the link from its results page.
 */
export async function listPublishedNotices(
  db: Db,
  input: { now: Date; campaignId?: number },
): Promise<PublishedNoticeSummary[]> {
  const conditions = [
    gte(notice.currentRevision, 1),
    eq(noticeRevision.revision, notice.currentRevision),
  ];
  if (input.campaignId !== undefined) conditions.push(eq(notice.campaignId, input.campaignId));
  const rows = await db
    .select({ n: notice, year: campaign.year, campaignSlug: campaign.slug, r: noticeRevision })
    .from(notice)
    .innerJoin(campaign, eq(campaign.id, notice.campaignId))
    .innerJoin(noticeRevision, eq(noticeRevision.noticeId, notice.id))
    .where(and(...conditions))
    .orderBy(desc(campaign.year), desc(notice.publishedAt), desc(notice.id));
  return rows.map(({ n, year, campaignSlug, r }) => {
    const content = noticeContentSchema.parse(r.content);
    return {
      slug: n.slug,
      campaignSlug,
      year,
      serial: content.serial,
      title: content.title,
      periodStart: content.periodStart,
      periodEnd: content.periodEnd,
      workingDays: content.workingDays,
      revision: r.revision,
      firstPublishedAt: n.publishedAt ?? r.publishedAt,
      latestPublishedAt: r.publishedAt,
      status: computeNoticeStatus(content, input.now),
    };
  });
}

/** Archive order, grouped: `[{ year: 2026, notices }, { year: 2025, notices }]`. */
export function groupNoticesByYear(
  notices: PublishedNoticeSummary[],
): { year: number; notices: PublishedNoticeSummary[] }[] {
  const groups: { year: number; notices: PublishedNoticeSummary[] }[] = [];
  for (const n of notices) {
    const last = groups[groups.length - 1];
    if (last && last.year === n.year) last.notices.push(n);
    else groups.push({ year: n.year, notices: [n] });
  }
  return groups;
}
