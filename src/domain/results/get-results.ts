import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ballotCount, candidate, tally } from '../../db/schema/index.ts';
import { publicCandidateCondition } from '../candidates/public-candidate-condition.ts';
import type { CampaignRow, TrackRow } from '../campaigns/get-campaign.ts';
import { votingStateOf } from '../campaigns/voting-window.ts';

export interface TrackResult {
  track: TrackRow;
  /** Public candidates, most votes first (ties by ballot number) once counts may be shown. */
  ranking: { id: number; number: number; name: string; status: string; votes: number }[];
  counted: number;
  invalidated: number;
}

export type CampaignResults =
  | { visible: true; tracks: TrackResult[] }
  | { visible: false; reason: 'counts_hidden_until_close' };

/**
 * Whether a campaign's counts may be shown now: always for a live count, otherwise only once
 * voting has closed. Every page, feed and export asks this one function.
 */
export function countsVisible(c: CampaignRow, now: Date): boolean {
  return c.countsVisibility === 'live' || votingStateOf(c, now) === 'closed';
}

/**
 * The public vote's outcome per track. While counts are hidden nothing about them is read, so
 * nothing about them can leak through this verb.
 */
export async function getResults(
  db: Db,
  c: CampaignRow,
  tracks: TrackRow[],
  now: Date,
): Promise<CampaignResults> {
  if (!countsVisible(c, now)) return { visible: false, reason: 'counts_hidden_until_close' };
  const trackIds = tracks.map((t) => t.id);
  const [rows, statuses] = await Promise.all([
    db
      .select({
        id: candidate.id,
        trackId: candidate.trackId,
        number: candidate.number,
        name: candidate.name,
        status: candidate.status,
        votes: sql<number>`coalesce(${tally.votes}, 0)`,
      })
      .from(candidate)
      .leftJoin(tally, eq(tally.candidateId, candidate.id))
      .where(and(eq(candidate.campaignId, c.id), publicCandidateCondition())),
    // Kept by the database as ballots are cast and voided: counting the ballots here would
    // visit every one of them on every request.
    db
      .select({ trackId: ballotCount.trackId, status: ballotCount.status, n: ballotCount.ballots })
      .from(ballotCount)
      .where(inArray(ballotCount.trackId, trackIds.length ? trackIds : [-1])),
  ]);
  return {
    visible: true,
    tracks: tracks.map((t) => ({
      track: t,
      ranking: rows
        .filter((r) => r.trackId === t.id)
        .map((r) => ({
          id: r.id,
          number: r.number,
          name: r.name,
          status: r.status,
          votes: Number(r.votes),
        }))
        .sort((a, b) => b.votes - a.votes || a.number - b.number),
      counted: Number(statuses.find((s) => s.trackId === t.id && s.status === 'counted')?.n ?? 0),
      invalidated: Number(
        statuses.find((s) => s.trackId === t.id && s.status === 'invalidated')?.n ?? 0,
      ),
    })),
  };
}
