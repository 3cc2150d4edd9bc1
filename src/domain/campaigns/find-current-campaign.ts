import type { Db } from '#src/db/client.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import { listCampaigns, type CampaignSummary } from './list-campaigns.ts';
import { votingStateOf } from './voting-window.ts';

export interface HomeCampaigns {
  /** The campaign the home page leads with. */
  current: CampaignSummary;
  /** Campaigns of earlier years (往届), newest first. */
  earlier: CampaignSummary[];
  /** The other campaigns of its year or later (a special selection, next year's), newest first. */
  alongside: CampaignSummary[];
}

const publicStages: CampaignStage[] = ['public_vote', 'second_shortlist', 'committee_vote'];

/**
 * The campaign the home page leads with: the one whose vote is open now; failing that, the
 * newest in its publicity period (its notice is what readers come for); then the newest that
 * has gone public; then the newest of all (nomination and review happen behind closed doors,
 * but the campaign and its timeline may already be announced).
 *
 * Next year's campaign moved into its public stage early must not push aside this year's open
 * vote: "newest public" alone did exactly that. Only campaigns of earlier years are 往届; the
 * others of this year or later are listed apart.
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

/** The campaigns of earlier years than one, and the others (its year or later), newest first. */
export function campaignsAround(
  all: CampaignSummary[],
  campaignId: number,
): { earlier: CampaignSummary[]; alongside: CampaignSummary[] } {
  const shown = all.find((c) => c.campaign.id === campaignId);
  const others = all.filter((c) => c.campaign.id !== campaignId);
  if (!shown) return { earlier: others, alongside: [] };
  return {
    earlier: others.filter((c) => c.campaign.year < shown.campaign.year),
    alongside: others.filter((c) => c.campaign.year >= shown.campaign.year),
  };
}
