import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ballotCount, candidate, tally } from '../../db/schema/index.ts';
import { publicCandidateCondition } from '../candidates/public-candidate-condition.ts';
import type { CampaignRow, TrackRow } from '../campaigns/get-campaign.ts';
import { votingStateOf } from '../campaigns/voting-window.ts';
import { findResultCertificate, type StoredCertificate } from './find-result-certificate.ts';

export interface TrackResult {
  track: TrackRow;
  /** Public candidates, most votes first (ties by ballot number) once counts may be shown. */
  ranking: {
    id: number;
    number: number;
    name: string;
    status: string;
    votes: number;
    /** Certified results only: the votes lost with voided ballots, and the certified share. */
    votesVoided?: number;
    share?: string;
  }[];
  counted: number;
  invalidated: number;
}

/**
 * How far the shown figures are settled: `live` while a campaign with live counts votes,
 * `provisional` once that vote has closed but staff have not certified it yet, `certified` once
 * they have (the figures are then the certificate's and never change).
 */
export type ResultsStanding = 'live' | 'provisional' | 'certified';

export type CampaignResults =
  | {
      visible: true;
      standing: ResultsStanding;
      tracks: TrackResult[];
      certificate: StoredCertificate | null;
    }
  /**
   * `counts_hidden_until_close`: the vote has not closed and counts are not live;
   * `under_review` (核验中): it has closed and staff have not certified the figures yet.
   */
  | { visible: false; reason: 'counts_hidden_until_close' | 'under_review' };

/**
 * Whether the results page has anything to say yet: counts (live ones, or once the vote has
 * closed, certified ones) or that they are under review. Before the close of a vote whose counts
 * are hidden it has not.
 */
export function resultsPageOpen(c: CampaignRow, now: Date): boolean {
  return c.countsVisibility === 'live' || votingStateOf(c, now) === 'closed';
}

/**
 * The public vote's outcome per track. Every page, feed and export asks this one verb. Counts
 * are public while a live count runs; after the close, those of a live count stay up marked
 * provisional, and any others wait (核验中) until staff certify them; certified figures are read
 * from the certificate, never recomputed. While counts are hidden nothing about them is read, so
 * nothing about them can leak through this verb.
 */
export async function getResults(
  db: Db,
  c: CampaignRow,
  tracks: TrackRow[],
  now: Date,
): Promise<CampaignResults> {
  if (votingStateOf(c, now) !== 'closed') {
    if (c.countsVisibility !== 'live')
      return { visible: false, reason: 'counts_hidden_until_close' };
    return {
      visible: true,
      standing: 'live',
      tracks: await readCounts(db, c, tracks),
      certificate: null,
    };
  }
  const certificate = await findResultCertificate(db, c.id);
  if (certificate) {
    return {
      visible: true,
      standing: 'certified',
      tracks: await readCertificate(db, c, tracks, certificate),
      certificate,
    };
  }
  if (c.countsVisibility !== 'live') return { visible: false, reason: 'under_review' };
  return {
    visible: true,
    standing: 'provisional',
    tracks: await readCounts(db, c, tracks),
    certificate: null,
  };
}

/** Certified figures, with each candidate's present status (elected or not) from its row. */
async function readCertificate(
  db: Db,
  c: CampaignRow,
  tracks: TrackRow[],
  certificate: StoredCertificate,
): Promise<TrackResult[]> {
  const statuses = await db
    .select({ id: candidate.id, status: candidate.status })
    .from(candidate)
    .where(and(eq(candidate.campaignId, c.id), publicCandidateCondition()));
  const statusOf = new Map(statuses.map((s) => [s.id, s.status]));
  return tracks.map((t) => {
    const certified = certificate.document.tracks.find((x) => x.slug === t.slug);
    return {
      track: t,
      ranking: (certified?.candidates ?? [])
        .filter((x) => statusOf.has(x.id))
        .map((x) => ({
          id: x.id,
          number: x.number,
          name: x.name,
          status: statusOf.get(x.id)!,
          votes: x.votes,
          votesVoided: x.votesVoided,
          share: x.share,
        }))
        .sort((a, b) => b.votes - a.votes || a.number - b.number),
      counted: certified?.ballotsCounted ?? 0,
      invalidated: certified?.ballotsVoided ?? 0,
    };
  });
}

/** The counts as they stand, from the tallies and the trigger-kept ballot counts. */
async function readCounts(db: Db, c: CampaignRow, tracks: TrackRow[]): Promise<TrackResult[]> {
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
  return tracks.map((t) => ({
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
  }));
}
