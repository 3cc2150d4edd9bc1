import { and, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, namingDecision, namingDecisionRevision, notice } from '#src/db/schema/index.ts';
import { decisionContentSchema } from '#src/schemas/decision-content.ts';

export interface PublishedDecisionSummary {
  slug: string;
  campaignSlug: string;
  campaignId: number;
  noticeSlug: string;
  year: number;
  serial: string;
  title: string;
  signedOn: string;
  revision: number;
  firstPublishedAt: Date;
  latestPublishedAt: Date;
}

/**
 * Every published naming decision as its latest revision reads, newest selection first. With
 * `campaignId`, that selection's only.
 */
export async function listPublishedDecisions(
  db: Db,
  input: { campaignId?: number } = {},
): Promise<PublishedDecisionSummary[]> {
  const conditions = [
    gte(namingDecision.currentRevision, 1),
    eq(namingDecisionRevision.revision, namingDecision.currentRevision),
  ];
  if (input.campaignId !== undefined) {
    conditions.push(eq(namingDecision.campaignId, input.campaignId));
  }
  const rows = await db
    .select({
      d: namingDecision,
      year: campaign.year,
      campaignSlug: campaign.slug,
      noticeSlug: notice.slug,
      r: namingDecisionRevision,
    })
    .from(namingDecision)
    .innerJoin(campaign, eq(campaign.id, namingDecision.campaignId))
    .innerJoin(notice, eq(notice.id, namingDecision.noticeId))
    .innerJoin(namingDecisionRevision, eq(namingDecisionRevision.decisionId, namingDecision.id))
    .where(and(...conditions))
    .orderBy(desc(campaign.year), desc(namingDecision.publishedAt), desc(namingDecision.id));
  return rows.map(({ d, year, campaignSlug, noticeSlug, r }) => {
    const content = decisionContentSchema.parse(r.content);
    return {
      slug: d.slug,
      campaignSlug,
      campaignId: d.campaignId,
      noticeSlug,
      year,
      serial: content.serial,
      title: content.title,
      signedOn: content.signedOn,
      revision: r.revision,
      firstPublishedAt: d.publishedAt ?? r.publishedAt,
      latestPublishedAt: r.publishedAt,
    };
  });
}
