import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { campaign, notice } from '#src/db/schema/index.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';

/**
 * A campaign's notice (its draft row) with the campaign's stage, for the verbs that change it.
 * Refuses with `campaign_not_found` or `notice_not_found`; only a miss asks which.
 */
export async function getCampaignNotice(
  db: Db | Tx,
  campaignSlug: string,
): Promise<{ row: typeof notice.$inferSelect; stage: CampaignStage }> {
  const [found] = await db
    .select({ row: notice, stage: campaign.stage })
    .from(notice)
    .innerJoin(campaign, eq(campaign.id, notice.campaignId))
    .where(eq(campaign.slug, campaignSlug));
  if (found) return found;
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: campaignSlug });
  throw new DomainError('not_found', 'notice_not_found', { campaign: campaignSlug });
}
