import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, track } from '#src/db/schema/index.ts';
import type { CampaignRow, TrackRow } from './get-campaign.ts';

export interface CampaignSummary {
  campaign: CampaignRow;
  tracks: TrackRow[];
}

/** All campaigns, newest year first, each with its tracks. */
export async function listCampaigns(db: Db): Promise<CampaignSummary[]> {
  const campaigns = await db
    .select()
    .from(campaign)
    .orderBy(desc(campaign.year), desc(campaign.id));
  if (campaigns.length === 0) return [];
  const tracks = await db
    .select()
    .from(track)
    .where(
      inArray(
        track.campaignId,
        campaigns.map((c) => c.id),
      ),
    )
    .orderBy(asc(track.position), asc(track.id));
  return campaigns.map((c) => ({
    campaign: c,
    tracks: tracks.filter((t) => t.campaignId === c.id),
  }));
}
