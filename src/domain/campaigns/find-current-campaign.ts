import type { Db } from '../../db/client.ts';
import type { CampaignStage } from '../../schemas/enums.ts';
import { listCampaigns, type CampaignSummary } from './list-campaigns.ts';
import { votingStateOf } from './voting-window.ts';

export interface HomeCampaigns {
  /** The campaign the home page leads with. */
  current: CampaignSummary;
  /** Campaigns before it (往届), newest first. */
  earlier: CampaignSummary[];
  /** Campaigns after it, already announced or public ahead of their vote, soonest first. */
  upcoming: CampaignSummary[];
}

const publicStages: CampaignStage[] = ['public_vote', 'second_shortlist', 'committee_vote'];

/**
 * The campaign the home page leads with: the one whose vote is open now; failing that, the
 * newest in its publicity period (its notice is what readers come for); then the newest that
 * has gone public; then the newest of all (nomination and review happen behind closed doors,
 * but the campaign and its timeline may already be announced).
 *
 * Next year's campaign moved into its public stage early must not push aside this year's open
 * vote: "newest public" alone did exactly that. Only campaigns before the one shown are
 * earlier (往届); later ones are listed as upcoming.
 */
export async function findCurrentCampaign(db: Db, now: Date): Promise<HomeCampaigns | null> {
  const all = await listCampaigns(db);
  const current =
    all.find((c) => votingStateOf(c.campaign, now) === 'open') ??
    all.find((c) => c.campaign.stage === 'publicity') ??
    all.find((c) => publicStages.includes(c.campaign.stage)) ??
    all[0];
  if (!current) return null;
  return { current, ...campaignsAround(all, current.campaign.id) };
}

/**
 * The campaigns before and after one, from listCampaigns' order (newest year first, then newest
 * id): earlier ones newest first, later ones soonest first.
 */
export function campaignsAround(
  all: CampaignSummary[],
  campaignId: number,
): { earlier: CampaignSummary[]; upcoming: CampaignSummary[] } {
  const at = all.findIndex((c) => c.campaign.id === campaignId);
  return { earlier: all.slice(at + 1), upcoming: all.slice(0, Math.max(0, at)).reverse() };
}
