import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, campaignStageDate, track } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';

export type CampaignRow = typeof campaign.$inferSelect;
export type TrackRow = typeof track.$inferSelect;
export type StageDateRow = typeof campaignStageDate.$inferSelect;

export interface CampaignDetail {
  campaign: CampaignRow;
  tracks: TrackRow[];
  stageDates: StageDateRow[];
}

/** A campaign with its tracks (in display order) and its stage timeline. */
export async function getCampaign(db: Db, slug: string): Promise<CampaignDetail> {
  const row = await db.query.campaign.findFirst({ where: eq(campaign.slug, slug) });
  if (!row) throw new DomainError('not_found', 'campaign_not_found', { slug });
  const [tracks, stageDates] = await Promise.all([
    db
      .select()
      .from(track)
      .where(eq(track.campaignId, row.id))
      .orderBy(asc(track.position), asc(track.id)),
    db.select().from(campaignStageDate).where(eq(campaignStageDate.campaignId, row.id)),
  ]);
  return { campaign: row, tracks, stageDates };
}
