import { and, eq, inArray, sql } from 'drizzle-orm';
import { databaseErrorMentions } from '../../db/database-error.ts';
import type { Db } from '../../db/client.ts';
import { ballot, ballotPick, campaign, candidate, tally, track } from '../../db/schema/index.ts';
import { localDay, startOfNextLocalDay } from '../clock.ts';
import { votingStateOf } from '../campaigns/voting-window.ts';
import { DomainError } from '../errors.ts';
import { newReceiptCode } from './receipt-code.ts';

export interface CastBallotInput {
  campaignSlug: string;
  trackSlug: string;
  candidateIds: number[];
  /** Keyed hash of the device cookie. */
  deviceHash: string;
  /** When the device cookie was first issued. */
  deviceIssuedAt: Date | null;
  /** Keyed hash of the client address. */
  addressHash: string;
  /** Keyed hash of the client's network (/24 or /48). */
  networkHash: string;
  now: Date;
}

export interface CastBallotResult {
  receipt: string;
  castAt: Date;
  campaign: string;
  track: string;
  candidateIds: number[];
  /** Ballots this device may still cast in this track today. */
  remainingToday: number;
  /** When the next ballot becomes possible once today's are used. */
  nextBallotAt: Date;
}

/**
 * Records one ballot. The rules are checked first, for a precise message; then the ballot, its
 * picks and the tallies are written in one transaction, and the database itself refuses a
 * ballot over the daily limits (unique keys plus a trigger), so the limits hold across
 * processes and under concurrency.
 */
export async function castBallot(db: Db, input: CastBallotInput): Promise<CastBallotResult> {
  // One query on the hot path; only a miss asks which of the two was unknown.
  const [found] = await db
    .select({ c: campaign, t: track })
    .from(track)
    .innerJoin(campaign, eq(campaign.id, track.campaignId))
    .where(and(eq(campaign.slug, input.campaignSlug), eq(track.slug, input.trackSlug)));
  if (!found) {
    const known = await db.query.campaign.findFirst({
      where: eq(campaign.slug, input.campaignSlug),
      columns: { id: true },
    });
    if (!known)
      throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
    throw new DomainError('not_found', 'track_not_found', { slug: input.trackSlug });
  }
  const { c, t } = found;

  const state = votingStateOf(c, input.now);
  if (state !== 'open') {
    throw new DomainError(
      'rule_violation',
      state === 'closed' ? 'voting_closed' : 'voting_not_open',
      {
        opensAt: c.voteOpensAt?.toISOString() ?? null,
        closesAt: c.voteClosesAt?.toISOString() ?? null,
      },
    );
  }

  const ids = input.candidateIds;
  if (new Set(ids).size !== ids.length) throw new DomainError('rule_violation', 'duplicate_pick');
  if (ids.length > t.maxPicks) {
    throw new DomainError('rule_violation', 'too_many_picks', {
      max: t.maxPicks,
      given: ids.length,
    });
  }
  if (ids.length < t.minPicks) {
    throw new DomainError('rule_violation', 'too_few_picks', {
      min: t.minPicks,
      given: ids.length,
    });
  }
  // During the vote only shortlisted candidates are on the ballot.
  const eligible = await db
    .select({ id: candidate.id })
    .from(candidate)
    .where(
      and(
        eq(candidate.trackId, t.id),
        eq(candidate.status, 'shortlisted'),
        inArray(candidate.id, ids),
      ),
    );
  if (eligible.length !== ids.length) {
    const ok = new Set(eligible.map((e) => e.id));
    throw new DomainError('rule_violation', 'candidate_not_on_ballot', {
      candidates: ids.filter((id) => !ok.has(id)),
    });
  }

  const day = localDay(input.now, c.timeZone);
  const nextBallotAt = startOfNextLocalDay(input.now, c.timeZone);
  const receipt = newReceiptCode();
  try {
    const deviceSeq = await db.transaction(
      async (tx) => {
        // Both of today's counts in one statement; each is answered from a unique index.
        const counts = await tx.get<{ device: number; address: number }>(sql`
          select
            (select count(*) from ${ballot} where ${ballot.trackId} = ${t.id}
              and ${ballot.deviceHash} = ${input.deviceHash} and ${ballot.day} = ${day}) as device,
            (select count(*) from ${ballot} where ${ballot.trackId} = ${t.id}
              and ${ballot.addressHash} = ${input.addressHash} and ${ballot.day} = ${day}) as address`);
        const deviceSeq = Number(counts.device) + 1;
        const addressSeq = Number(counts.address) + 1;
        if (deviceSeq > t.ballotsPerDevicePerDay)
          throw limitReached('device', t.ballotsPerDevicePerDay, nextBallotAt);
        if (addressSeq > t.ballotsPerAddressPerDay)
          throw limitReached('address', t.ballotsPerAddressPerDay, nextBallotAt);
        const [inserted] = await tx
          .insert(ballot)
          .values({
            receipt,
            campaignId: c.id,
            trackId: t.id,
            deviceHash: input.deviceHash,
            addressHash: input.addressHash,
            networkHash: input.networkHash,
            deviceIssuedAt: input.deviceIssuedAt,
            day,
            deviceSeq,
            addressSeq,
            castAt: input.now,
          })
          .returning({ id: ballot.id });
        const ballotId = inserted!.id;
        await tx.insert(ballotPick).values(ids.map((candidateId) => ({ ballotId, candidateId })));
        await tx
          .insert(tally)
          .values(ids.map((candidateId) => ({ candidateId, votes: 1 })))
          .onConflictDoUpdate({
            target: tally.candidateId,
            set: { votes: sql`${tally.votes} + 1` },
          });
        return deviceSeq;
      },
      // libSQL starts write transactions with BEGIN IMMEDIATE: the counts above cannot go stale
      // inside this process's transaction, and other processes wait on the busy timeout.
    );
    return {
      receipt,
      castAt: input.now,
      campaign: c.slug,
      track: t.slug,
      candidateIds: ids,
      remainingToday: t.ballotsPerDevicePerDay - deviceSeq,
      nextBallotAt,
    };
  } catch (e) {
    // Another process won the race for the same slot: the unique key or the limit trigger
    // refused this ballot, and nothing of it was written.
    if (isLimitRefusal(e)) throw limitReached('device', t.ballotsPerDevicePerDay, nextBallotAt);
    throw e;
  }
}

function limitReached(by: 'device' | 'address', limit: number, nextBallotAt: Date): DomainError {
  return new DomainError('already_voted', by === 'device' ? 'daily_limit' : 'address_limit', {
    limit,
    nextBallotAt: nextBallotAt.toISOString(),
  });
}

function isLimitRefusal(e: unknown): boolean {
  return databaseErrorMentions(
    e,
    'ballot over the daily limit',
    'ballot.track_id, ballot.device_hash',
    'ballot.track_id, ballot.address_hash',
  );
}
