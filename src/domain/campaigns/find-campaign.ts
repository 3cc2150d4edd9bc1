import type { Db } from '#src/db/client.ts';
import { nullIfNotFound } from '../errors.ts';
import { getCampaign, type CampaignDetail } from './get-campaign.ts';

/** getCampaign for pages, which answer an unknown campaign with their 404 page: null then. */
export async function findCampaign(db: Db, slug: string): Promise<CampaignDetail | null> {
  return nullIfNotFound(getCampaign(db, slug));
}
