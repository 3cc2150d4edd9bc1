import type { Db } from '../../db/client.ts';
import type { CampaignStage } from '../../schemas/enums.ts';
import { listCampaigns, type CampaignSummary } from './list-campaigns.ts';

/**
 * The campaign the home page leads with: the newest one that has gone public (public vote or
 * later); failing that, the newest of all. Nomination and review happen behind closed doors but
 * the campaign and its timeline may already be announced.
 */
export async function findCurrentCampaign(db: Db): Promise<CampaignSummary | null> {
  const all = await listCampaigns(db);
  const publicStages: CampaignStage[] = [
    'public_vote',
    'second_shortlist',
    'committee_vote',
    'publicity',
  ];
  return all.find((c) => publicStages.includes(c.campaign.stage)) ?? all[0] ?? null;
}
