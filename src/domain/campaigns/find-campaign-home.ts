import type { Db } from '#src/db/client.ts';
import { countPublicCandidates } from '../candidates/count-public-candidates.ts';
import { getNamingOutcome, type NamingOutcome } from '../decisions/get-naming-outcome.ts';
import { findCampaign } from './find-campaign.ts';
import { getCampaign, type CampaignDetail } from './get-campaign.ts';
import { campaignsAround, findCurrentCampaign } from './find-current-campaign.ts';
import { listCampaigns, type CampaignSummary } from './list-campaigns.ts';

export interface CampaignHome {
  detail: CampaignDetail;
  /** Public candidates per track id (with `preview`, those staff may preview too). */
  counts: Map<number, number>;
  /** Campaigns of earlier years (往届), newest first. */
  earlier: CampaignSummary[];
  /** The other campaigns of its year or later (a special selection, next year's), newest first. */
  alongside: CampaignSummary[];
  /** How the campaign ended for its candidates, once the decision or the outcome is published. */
  naming: NamingOutcome;
}

/**
 * What a campaign's home page shows: the campaign named by `slug`, or without one the campaign
 * the site leads with (findCurrentCampaign), its track counts, the campaigns around it and how it
 * ended for its candidates (getNamingOutcome). Null
 * when there is no such campaign (or none at all), for the page's 404.
 */
export async function findCampaignHome(
  db: Db,
  input: { slug?: string; now: Date; preview?: boolean },
): Promise<CampaignHome | null> {
  const options = { preview: input.preview };
  if (input.slug === undefined) {
    const home = await findCurrentCampaign(db, input.now);
    if (!home) return null;
    const [detail, counts, naming] = await Promise.all([
      getCampaign(db, home.current.campaign.slug),
      countPublicCandidates(db, home.current.campaign.id, options),
      getNamingOutcome(db, home.current.campaign.id),
    ]);
    return { detail, counts, earlier: home.earlier, alongside: home.alongside, naming };
  }
  const [all, detail] = await Promise.all([listCampaigns(db), findCampaign(db, input.slug)]);
  if (!detail) return null;
  const [counts, naming] = await Promise.all([
    countPublicCandidates(db, detail.campaign.id, options),
    getNamingOutcome(db, detail.campaign.id),
  ]);
  return { detail, counts, ...campaignsAround(all, detail.campaign.id), naming };
}
