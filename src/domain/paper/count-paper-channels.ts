import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { ballotBatch, candidate } from '#src/db/schema/index.ts';
import type { PaperChannel, PaperInvalidReason, VoteChannel } from '#src/schemas/enums.ts';
import { paperInvalidReasons } from '#src/schemas/enums.ts';
import { compareBatchPasses } from './compare-batch-passes.ts';

/**
 * Why a counted paper or on-site ballot was invalid: a teller's reason, or `tally_sheet` for
 * the invalid ballots a booth reported on its sheet (a sheet counts them without reasons).
 */
export type ChannelInvalidReason = PaperInvalidReason | 'tally_sheet';
const channelInvalidReasons = [...paperInvalidReasons, 'tally_sheet'] as const;

export interface ChannelCount {
  channel: PaperChannel;
  /** Ballots in reconciled batches: every agreed or settled reading, and booths' ballots cast. */
  ballotsReceived: number;
  invalidByReason: { reason: ChannelInvalidReason; ballots: number }[];
  ballotsInvalid: number;
  ballotsCounted: number;
  /** Votes per candidate id on the counted ballots. */
  votes: Map<number, number>;
}

export interface PaperCount {
  /** Per track id, the paper and on-site channels it runs, in that order. */
  tracks: Map<number, ChannelCount[]>;
  /** Batches with entries whose two passes are not reconciled: they do not count yet. */
  unreconciled: { id: number; label: string }[];
}

/**
 * One track's paper and on-site counts, for the channels it runs (`channels`, in their order;
 * online is left out): zeros for a channel none of whose batches counts yet.
 */
export function trackPaperCounts(
  paper: PaperCount,
  trackId: number,
  channels: readonly VoteChannel[],
): ChannelCount[] {
  const counts = paper.tracks.get(trackId) ?? [];
  return channels
    .filter((ch): ch is PaperChannel => ch !== 'online')
    .map((ch) => {
      const found = counts.find((x) => x.channel === ch);
      return {
        channel: ch,
        ballotsReceived: found?.ballotsReceived ?? 0,
        ballotsInvalid: found?.ballotsInvalid ?? 0,
        invalidByReason: found?.invalidByReason ?? [],
        ballotsCounted: found?.ballotsCounted ?? 0,
        votes: found?.votes ?? new Map<number, number>(),
      };
    });
}

/**
 * The paper side of a campaign's count: only reconciled batches (both passes finished, every
 * difference settled) count, each serial once, with its agreed or settled reading; on-site
 * batches entered by sheet count their agreed or adopted sheet. Invalid ballots are counted with
 * their reason, never dropped.
 */
export async function countPaperChannels(db: Db | Tx, campaignId: number): Promise<PaperCount> {
  const batches = await db
    .select()
    .from(ballotBatch)
    .where(eq(ballotBatch.campaignId, campaignId))
    .orderBy(asc(ballotBatch.id));
  const numbers = await db
    .select({ id: candidate.id, trackId: candidate.trackId, number: candidate.number })
    .from(candidate)
    .where(eq(candidate.campaignId, campaignId));
  const idOf = (trackId: number, number: number) =>
    numbers.find((c) => c.trackId === trackId && c.number === number)?.id;
  const tracks = new Map<number, ChannelCount[]>();
  const slot = (trackId: number, channel: PaperChannel): ChannelCount => {
    const list = tracks.get(trackId) ?? [];
    tracks.set(trackId, list);
    let found = list.find((c) => c.channel === channel);
    if (!found) {
      found = {
        channel,
        ballotsReceived: 0,
        invalidByReason: [],
        ballotsInvalid: 0,
        ballotsCounted: 0,
        votes: new Map(),
      };
      list.push(found);
      list.sort((a, b) => (a.channel === 'paper' ? -1 : b.channel === 'paper' ? 1 : 0));
    }
    return found;
  };
  const addInvalid = (count: ChannelCount, reason: ChannelInvalidReason, n: number) => {
    if (n === 0) return;
    const row = count.invalidByReason.find((r) => r.reason === reason);
    if (row) row.ballots += n;
    else count.invalidByReason.push({ reason, ballots: n });
    count.ballotsInvalid += n;
  };
  const addVote = (count: ChannelCount, trackId: number, number: number, n = 1) => {
    const id = idOf(trackId, number);
    if (id !== undefined) count.votes.set(id, (count.votes.get(id) ?? 0) + n);
  };
  const unreconciled: PaperCount['unreconciled'] = [];
  for (const b of batches) {
    const count = slot(b.trackId, b.channel);
    const comparison = await compareBatchPasses(db, b.id);
    if (comparison.passes.length === 0) continue;
    if (comparison.state !== 'reconciled') {
      unreconciled.push({ id: b.id, label: b.label });
      continue;
    }
    const readings = [
      ...comparison.agreed.values(),
      ...comparison.differences.flatMap((d) =>
        d.resolution?.reading ? [d.resolution.reading] : [],
      ),
    ];
    for (const r of readings) {
      count.ballotsReceived += 1;
      if (r.invalidReason) {
        addInvalid(count, r.invalidReason, 1);
        continue;
      }
      count.ballotsCounted += 1;
      for (const n of r.picks) addVote(count, b.trackId, n);
    }
    const t = comparison.tally;
    if (t) {
      const sheet = t.differ
        ? [t.pass1, t.pass2].find((s) => s?.id === t.adopted?.sheetId)
        : t.pass1;
      if (sheet) {
        count.ballotsReceived += sheet.ballotsCast;
        addInvalid(count, 'tally_sheet', sheet.invalidBallots);
        count.ballotsCounted += sheet.ballotsCast - sheet.invalidBallots;
        for (const [n, votes] of Object.entries(sheet.counts)) {
          addVote(count, b.trackId, Number(n), votes);
        }
      }
    }
  }
  for (const list of tracks.values()) {
    for (const c of list) {
      c.invalidByReason.sort(
        (x, y) => channelInvalidReasons.indexOf(x.reason) - channelInvalidReasons.indexOf(y.reason),
      );
    }
  }
  return { tracks, unreconciled };
}
