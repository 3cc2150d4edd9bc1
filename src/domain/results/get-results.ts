import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballotCount, candidate, tally } from '#src/db/schema/index.ts';
import { publicCandidateCondition } from '../candidates/public-candidate-condition.ts';
import type { CampaignRow, TrackRow } from '../campaigns/get-campaign.ts';
import { votingStateOf } from '../campaigns/voting-window.ts';
import type { VoteChannel } from '#src/schemas/enums.ts';
import type { CertificateTrack } from '#src/schemas/result-certificate.ts';
import { countPaperChannels, type PaperCount } from '../paper/count-paper-channels.ts';
import { joinTrackChannels } from './join-track-channels.ts';
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
    /** Tracks with paper or on-site channels: votes per channel and in all. */
    votesByChannel?: Partial<Record<VoteChannel, number>>;
    votesAllChannels?: number;
    /** Tracks with channel weights: the weighted score it is ranked by. */
    score?: string;
  }[];
  counted: number;
  invalidated: number;
  /** Tracks with paper or on-site channels: each channel's ballots (online first). */
  channels?: NonNullable<CertificateTrack['channels']>;
  countedAllChannels?: number;
  weights?: Record<VoteChannel, number>;
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
          ...(x.votesByChannel
            ? { votesByChannel: x.votesByChannel, votesAllChannels: x.votesAllChannels }
            : {}),
          ...(x.score !== undefined ? { score: x.score } : {}),
        }))
        .sort(byRank),
      counted: certified?.ballotsCounted ?? 0,
      invalidated: certified?.ballotsVoided ?? 0,
      ...(certified?.channels
        ? {
            channels: certified.channels,
            countedAllChannels: certified.ballotsCountedAllChannels ?? certified.ballotsCounted,
          }
        : {}),
      ...(certified?.weights ? { weights: certified.weights } : {}),
    };
  });
}

type Ranked = TrackResult['ranking'][number];

/**
 * Most first: by the weighted score where the track has weights, else by votes in all channels
 * (online votes where it has only that), ties by ballot number.
 */
function byRank(a: Ranked, b: Ranked): number {
  if (a.score !== undefined && b.score !== undefined && a.score !== b.score) {
    return Number(b.score) - Number(a.score);
  }
  const va = a.votesAllChannels ?? a.votes;
  const vb = b.votesAllChannels ?? b.votes;
  return vb - va || a.number - b.number;
}

/**
 * Live or provisional counts with the paper side added: the reconciled paper and on-site
 * batches of a track that runs those channels, as the certificate will hold them.
 */
function addPaperChannels(result: TrackResult, paper: PaperCount): TrackResult {
  const t = result.track;
  const joined = joinTrackChannels(t, paper, {
    received: result.counted + result.invalidated,
    voided: result.invalidated,
    counted: result.counted,
  });
  if (!joined) return result;
  return {
    ...result,
    channels: joined.channels,
    countedAllChannels: joined.countedAllChannels,
    ...(joined.weights ? { weights: joined.weights } : {}),
    ranking: result.ranking.map((x) => ({ ...x, ...joined.votesOf(x.id, x.votes) })).sort(byRank),
  };
}

/** The counts as they stand, from the tallies and the trigger-kept ballot counts. */
async function readCounts(db: Db, c: CampaignRow, tracks: TrackRow[]): Promise<TrackResult[]> {
  const trackIds = tracks.map((t) => t.id);
  const [rows, statuses, paper] = await Promise.all([
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
    countPaperChannels(db, c.id),
  ]);
  const online = tracks.map((t) => ({
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
  return online.map((r) => addPaperChannels(r, paper));
}
