import type { Db } from '#src/db/client.ts';
import type { TrackRow } from '../campaigns/get-campaign.ts';
import { filterCandidates } from './filter-candidates.ts';
import { listPublicCandidates, type CandidateRow } from './list-public-candidates.ts';

/**
 * A search over all of a campaign's tracks: each track's public candidates that match `query`
 * (in Simplified Chinese, by the same rule as a track's own search box), in ballot-number order.
 * Every track is answered, those with no match with an empty list.
 */
export async function searchPublicCandidates(
  db: Db,
  input: { tracks: TrackRow[]; query: string; preview?: boolean },
): Promise<{ track: TrackRow; candidates: CandidateRow[] }[]> {
  return Promise.all(
    input.tracks.map(async (track) => {
      const all = await listPublicCandidates(db, track.id, { preview: input.preview });
      return { track, candidates: filterCandidates(all, { query: input.query }) };
    }),
  );
}
