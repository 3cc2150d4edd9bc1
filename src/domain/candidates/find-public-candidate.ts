import type { Db } from '#src/db/client.ts';
import { findCampaign } from '../campaigns/find-campaign.ts';
import type { CampaignDetail, TrackRow } from '../campaigns/get-campaign.ts';
import { nullIfNotFound } from '../errors.ts';
import { getPublicCandidate, type PublicCandidate } from './get-public-candidate.ts';

export interface PublicCandidatePage extends PublicCandidate {
  detail: CampaignDetail;
  track: TrackRow;
}

/**
 * A public candidate by the path parameters of its pages (`/campaigns/{slug}/candidates/{id}`
 * and below), with its campaign and track; null for a malformed id, an unknown campaign or a
 * candidate the public may not see, which pages answer with their 404.
 */
export async function findPublicCandidate(
  db: Db,
  input: { campaignSlug: string; candidateId: string | undefined; preview?: boolean | undefined },
): Promise<PublicCandidatePage | null> {
  const id = Number(input.candidateId);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const detail = await findCampaign(db, input.campaignSlug);
  if (!detail) return null;
  const found = await nullIfNotFound(
    getPublicCandidate(db, detail.campaign.id, id, { preview: input.preview }),
  );
  if (!found) return null;
  const track = detail.tracks.find((t) => t.id === found.candidate.trackId)!;
  return { ...found, detail, track };
}
