import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import type { publicCandidateStatuses } from '#src/schemas/enums.ts';
import type { CampaignDetail, TrackRow } from '../campaigns/get-campaign.ts';
import type { CandidateRow } from '../candidates/list-public-candidates.ts';
import { publicCandidateCondition } from '../candidates/public-candidate-condition.ts';
import type { resultsStatuses } from '#src/schemas/open-data.ts';
import type { StoredCertificate } from './find-result-certificate.ts';
import { getResults, type CampaignResults, type TrackResult } from './get-results.ts';

function statusOf(results: CampaignResults): OpenResults['status'] {
  if (results.visible) return results.standing;
  return results.reason === 'under_review' ? 'under_review' : 'hidden';
}

/** A public candidate's whole row (the board shows deeds and portraits), with its counts. */
export interface OpenResultCandidate extends Omit<CandidateRow, 'status'> {
  /** Only public statuses: the query below admits no other. */
  status: (typeof publicCandidateStatuses)[number];
  /** Present only while counts are public. */
  votes?: number;
  /** Competition rank by votes (1, 2, 2, 4) within the track; only while counts are public. */
  rank?: number;
  /** Votes lost with voided ballots; only once the results are certified. */
  votesVoided?: number;
  /** Tracks with paper or on-site channels, while counts are public. */
  votesByChannel?: TrackResult['ranking'][number]['votesByChannel'];
  votesAllChannels?: number;
  score?: string;
}

export interface OpenTrackResults {
  track: TrackRow;
  /** Always in ballot-number order, whether counts are public or not. */
  candidates: OpenResultCandidate[];
  /** Present only while counts are public. */
  counted?: number;
  invalidated?: number;
  channels?: TrackResult['channels'];
  weights?: TrackResult['weights'];
}

export interface OpenResults {
  countsVisible: boolean;
  status: (typeof resultsStatuses)[number];
  /** Present once the results are certified. */
  certificate: StoredCertificate | null;
  tracks: OpenTrackResults[];
}

/**
 * The results as open data (JSON, CSV, the lobby board): every public candidate of every track,
 * with votes and ballot totals only when the campaign's counts are public.
 *
 * The list is ordered by ballot number in both cases, so the order of rows never tells anything
 * about counts; and the counts come from getResults, which reads nothing while they are hidden.
 * The candidates are read here rather than taken from getResults because a list that is not yet
 * published (nomination, review) must stay empty even for a campaign with live counts.
 */
export async function getOpenResults(
  db: Db,
  detail: CampaignDetail,
  now: Date,
): Promise<OpenResults> {
  const { campaign: c, tracks } = detail;
  const [rows, results] = await Promise.all([
    db
      .select()
      .from(candidate)
      .where(and(eq(candidate.campaignId, c.id), publicCandidateCondition()))
      .orderBy(asc(candidate.number)),
    getResults(db, c, tracks, now),
  ]);

  return {
    countsVisible: results.visible,
    status: statusOf(results),
    certificate: results.visible ? results.certificate : null,
    tracks: tracks.map((t) => {
      const listed = rows.filter((r) => r.trackId === t.id) as OpenResultCandidate[];
      if (!results.visible) return { track: t, candidates: listed };
      const counts = results.tracks.find((r) => r.track.id === t.id);
      const votesOf = new Map(counts?.ranking.map((r) => [r.id, r]) ?? []);
      const withVotes = listed.map((r) => {
        const counted = votesOf.get(r.id);
        return {
          ...r,
          votes: counted?.votes ?? 0,
          ...(counted?.votesVoided !== undefined ? { votesVoided: counted.votesVoided } : {}),
          ...(counted?.votesByChannel
            ? {
                votesByChannel: counted.votesByChannel,
                votesAllChannels: counted.votesAllChannels,
              }
            : {}),
          ...(counted?.score !== undefined ? { score: counted.score } : {}),
        };
      });
      // Ranked as the results page ranks: by score where weighted, else by all channels' votes.
      const standing = (r: (typeof withVotes)[number]) =>
        r.score !== undefined ? Number(r.score) : (r.votesAllChannels ?? r.votes);
      const ranked = withVotes.map((r) => ({
        ...r,
        rank: 1 + withVotes.filter((o) => standing(o) > standing(r)).length,
      }));
      return {
        track: t,
        candidates: ranked,
        counted: counts?.counted ?? 0,
        invalidated: counts?.invalidated ?? 0,
        ...(counts?.channels ? { channels: counts.channels } : {}),
        ...(counts?.weights ? { weights: counts.weights } : {}),
      };
    }),
  };
}
