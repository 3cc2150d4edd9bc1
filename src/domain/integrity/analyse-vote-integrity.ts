import { and, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballot, ballotPick, candidate, campaign, track } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';

/** Thresholds of the stuffing signals; exported so the staff pages can explain them. */
export const integrityThresholds = {
  /** A candidate-minute is flagged at this many ballots… */
  minBurst: 8,
  /** …and at least this many times the candidate's own median rate. */
  burstFactor: 5,
  /** A device is "new" when its cookie was issued less than this before the ballot. */
  newDeviceMs: 10 * 60_000,
  /** Longest window one report may cover. */
  maxWindowMs: 31 * 24 * 3600_000,
} as const;

export interface FlaggedWindow {
  candidateId: number;
  candidateName: string;
  track: string;
  minute: string;
  ballots: number;
  baselinePerMinute: number;
  distinctAddresses: number;
  topAddressHash: string;
  topAddressShare: number;
  topNetworkHash: string;
  topNetworkShare: number;
  newDeviceShare: number;
}

export interface IntegrityReport {
  campaign: string;
  window: { from: string; to: string };
  tracks: {
    slug: string;
    name: string;
    counted: number;
    invalidated: number;
    perMinute: { minute: string; ballots: number }[];
  }[];
  newDeviceShare: number;
  topAddresses: { addressHash: string; ballots: number; share: number }[];
  topNetworks: { networkHash: string; ballots: number; share: number }[];
  flaggedWindows: FlaggedWindow[];
  /** Counted ballots per candidate in the window, most first. */
  candidates: { candidateId: number; name: string; track: string; ballots: number }[];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const minuteIso = (m: number) => new Date(m * 60_000).toISOString();

/**
 * Signals of vote stuffing in a window: ballots per minute per track; for each candidate, the
 * minutes whose ballots exceed both a floor and a multiple of that candidate's own median rate
 * (its baseline), with the evidence staff need to judge them (how concentrated the window is
 * on one address or one network, and how many ballots came from devices minutes old); and the
 * most active addresses and networks. Addresses appear only as their daily keyed hashes.
 */
export async function analyseVoteIntegrity(
  db: Db,
  input: { campaignSlug: string; from?: Date; to?: Date; now: Date },
): Promise<IntegrityReport> {
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, input.campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
  const to = input.to ?? input.now;
  const from = input.from ?? new Date(to.getTime() - 24 * 3600_000);
  if (!(from < to)) throw new DomainError('invalid_request', 'window_empty');
  if (to.getTime() - from.getTime() > integrityThresholds.maxWindowMs) {
    throw new DomainError('invalid_request', 'window_too_long', { maxDays: 31 });
  }
  const inWindow = and(
    eq(ballot.campaignId, c.id),
    gte(ballot.castAt, from),
    lt(ballot.castAt, to),
  )!;
  const minute = sql<number>`${ballot.castAt} / 60000`;

  const [tracks, perTrackMinute, statusCounts, candidateMinutes, addresses, networks, devices] =
    await Promise.all([
      db.select().from(track).where(eq(track.campaignId, c.id)),
      db
        .select({ trackId: ballot.trackId, minute, n: sql<number>`count(*)` })
        .from(ballot)
        .where(inWindow)
        .groupBy(ballot.trackId, minute),
      db
        .select({ trackId: ballot.trackId, status: ballot.status, n: sql<number>`count(*)` })
        .from(ballot)
        .where(inWindow)
        .groupBy(ballot.trackId, ballot.status),
      db
        .select({
          candidateId: ballotPick.candidateId,
          trackId: ballot.trackId,
          minute,
          n: sql<number>`count(*)`,
        })
        .from(ballotPick)
        .innerJoin(ballot, eq(ballot.id, ballotPick.ballotId))
        .where(and(inWindow, eq(ballot.status, 'counted')))
        .groupBy(ballotPick.candidateId, ballot.trackId, minute),
      db
        .select({ hash: ballot.addressHash, n: sql<number>`count(*)` })
        .from(ballot)
        .where(and(inWindow, eq(ballot.status, 'counted')))
        .groupBy(ballot.addressHash)
        .orderBy(sql`count(*) desc`)
        .limit(10),
      // Ballots cast before networks were recorded have none (''): they are not one network,
      // and counting them as one showed a false "99% from one network".
      db
        .select({ hash: ballot.networkHash, n: sql<number>`count(*)` })
        .from(ballot)
        .where(and(inWindow, eq(ballot.status, 'counted'), ne(ballot.networkHash, '')))
        .groupBy(ballot.networkHash)
        .orderBy(sql`count(*) desc`)
        .limit(10),
      db
        .select({
          total: sql<number>`count(*)`,
          fresh: sql<number>`coalesce(sum(case when ${ballot.deviceIssuedAt} is not null and ${ballot.castAt} - ${ballot.deviceIssuedAt} < ${integrityThresholds.newDeviceMs} then 1 else 0 end), 0)`,
        })
        .from(ballot)
        .where(and(inWindow, eq(ballot.status, 'counted'))),
    ]);

  const countedTotal = Number(devices[0]?.total ?? 0);
  const share = (n: number) => (countedTotal === 0 ? 0 : Number(n) / countedTotal);

  // Minutes in which each track saw any ballot: the candidate's baseline is its median over
  // those, zeros included, so a quiet candidate's sudden burst stands out.
  const activeMinutes = new Map<number, number[]>();
  for (const r of perTrackMinute) {
    const list = activeMinutes.get(r.trackId) ?? [];
    list.push(Number(r.minute));
    activeMinutes.set(r.trackId, list);
  }
  const byCandidate = new Map<number, { trackId: number; counts: Map<number, number> }>();
  for (const r of candidateMinutes) {
    const entry = byCandidate.get(r.candidateId) ?? { trackId: r.trackId, counts: new Map() };
    entry.counts.set(Number(r.minute), Number(r.n));
    byCandidate.set(r.candidateId, entry);
  }

  const suspects: {
    candidateId: number;
    trackId: number;
    minute: number;
    ballots: number;
    baseline: number;
  }[] = [];
  for (const [candidateId, { trackId, counts }] of byCandidate) {
    const minutes = activeMinutes.get(trackId) ?? [];
    const baseline = median(minutes.map((m) => counts.get(m) ?? 0));
    const threshold = Math.max(
      integrityThresholds.minBurst,
      integrityThresholds.burstFactor * baseline,
    );
    for (const [m, n] of counts) {
      if (n >= threshold) suspects.push({ candidateId, trackId, minute: m, ballots: n, baseline });
    }
  }
  suspects.sort((a, b) => b.ballots - a.ballots);

  const totals = [...byCandidate].map(([candidateId, { trackId, counts }]) => ({
    candidateId,
    trackId,
    ballots: [...counts.values()].reduce((sum, n) => sum + n, 0),
  }));
  const names =
    totals.length === 0
      ? []
      : await db
          .select({ id: candidate.id, name: candidate.name })
          .from(candidate)
          .where(
            inArray(
              candidate.id,
              totals.map((t) => t.candidateId),
            ),
          );

  const nameOf = (id: number) => names.find((n) => n.id === id)?.name ?? '';

  const flaggedWindows: FlaggedWindow[] = [];
  for (const s of suspects.slice(0, 50)) {
    const start = new Date(s.minute * 60_000);
    const end = new Date((s.minute + 1) * 60_000);
    const rows = await db
      .select({
        addressHash: ballot.addressHash,
        networkHash: ballot.networkHash,
        castAt: ballot.castAt,
        deviceIssuedAt: ballot.deviceIssuedAt,
      })
      .from(ballot)
      .innerJoin(ballotPick, eq(ballotPick.ballotId, ballot.id))
      .where(
        and(
          eq(ballot.campaignId, c.id),
          eq(ballot.status, 'counted'),
          gte(ballot.castAt, start),
          lt(ballot.castAt, end),
          eq(ballotPick.candidateId, s.candidateId),
        ),
      );
    const top = (key: 'addressHash' | 'networkHash') => {
      const counts = new Map<string, number>();
      for (const r of rows) {
        if (r[key] === '') continue;
        counts.set(r[key], (counts.get(r[key]) ?? 0) + 1);
      }
      let best = ['', 0] as [string, number];
      for (const e of counts) if (e[1] > best[1]) best = e;
      return {
        hash: best[0],
        share: rows.length ? best[1] / rows.length : 0,
        distinct: counts.size,
      };
    };
    const address = top('addressHash');
    const network = top('networkHash');
    const fresh = rows.filter(
      (r) =>
        r.deviceIssuedAt &&
        r.castAt.getTime() - r.deviceIssuedAt.getTime() < integrityThresholds.newDeviceMs,
    ).length;
    flaggedWindows.push({
      candidateId: s.candidateId,
      candidateName: nameOf(s.candidateId),
      track: tracks.find((t) => t.id === s.trackId)?.slug ?? '',
      minute: minuteIso(s.minute),
      ballots: s.ballots,
      baselinePerMinute: s.baseline,
      distinctAddresses: address.distinct,
      topAddressHash: address.hash,
      topAddressShare: address.share,
      topNetworkHash: network.hash,
      topNetworkShare: network.share,
      newDeviceShare: rows.length ? fresh / rows.length : 0,
    });
  }

  return {
    campaign: c.slug,
    window: { from: from.toISOString(), to: to.toISOString() },
    tracks: tracks.map((t) => ({
      slug: t.slug,
      name: t.name,
      counted: Number(
        statusCounts.find((r) => r.trackId === t.id && r.status === 'counted')?.n ?? 0,
      ),
      invalidated: Number(
        statusCounts.find((r) => r.trackId === t.id && r.status === 'invalidated')?.n ?? 0,
      ),
      perMinute: perTrackMinute
        .filter((r) => r.trackId === t.id)
        .map((r) => ({ minute: minuteIso(Number(r.minute)), ballots: Number(r.n) }))
        .sort((a, b) => a.minute.localeCompare(b.minute)),
    })),
    newDeviceShare: countedTotal === 0 ? 0 : Number(devices[0]?.fresh ?? 0) / countedTotal,
    topAddresses: addresses.map((r) => ({
      addressHash: r.hash,
      ballots: Number(r.n),
      share: share(r.n),
    })),
    topNetworks: networks.map((r) => ({
      networkHash: r.hash,
      ballots: Number(r.n),
      share: share(r.n),
    })),
    flaggedWindows,
    candidates: totals
      .map((t) => ({
        candidateId: t.candidateId,
        name: nameOf(t.candidateId),
        track: tracks.find((tr) => tr.id === t.trackId)?.slug ?? '',
        ballots: t.ballots,
      }))
      .sort((a, b) => b.ballots - a.ballots),
  };
}
