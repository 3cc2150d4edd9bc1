import { eq } from 'drizzle-orm';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { preparedStatementsOf, type Db } from '#src/db/client.ts';
import { statement } from '#src/db/prepared.ts';
import { campaign } from '#src/db/schema/index.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import { localDay, startOfNextLocalDay } from '../clock.ts';
import { votingStateOf } from '../campaigns/voting-window.ts';
import {
  recordProofUse,
  withBotCheck,
  type BotCheckProof,
  type ProofUse,
} from '../bot-check/pass-bot-check.ts';
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
  /** Keyed hash of what the per-address limit counts (an IPv4 address, an IPv6 /64). */
  addressHash: string;
  /** Keyed hash of the full client address, kept as evidence. */
  hostHash: string;
  /** Keyed hash of the client's network (/24 or /48). */
  networkHash: string;
  /**
   * The ballot's bot-check proof, judged once the ballot's own rules are met and before
   * anything is written; its use is recorded in the ballot's own transaction.
   */
  botCheck: BotCheckProof;
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

/** The campaign and track a ballot names, as the hot path reads them: one row, no builder. */
interface BallotTrack {
  campaignId: number;
  campaignSlug: string;
  stage: CampaignStage;
  timeZone: string;
  voteOpensAt: number | null;
  voteClosesAt: number | null;
  trackId: number;
  trackSlug: string;
  minPicks: number;
  maxPicks: number;
  perDevice: number;
  perAddress: number;
}

const ballotTrack = statement<BallotTrack>(`
  select c.id as campaignId, c.slug as campaignSlug, c.stage, c.time_zone as timeZone,
    c.vote_opens_at as voteOpensAt, c.vote_closes_at as voteClosesAt,
    t.id as trackId, t.slug as trackSlug, t.min_picks as minPicks, t.max_picks as maxPicks,
    t.ballots_per_device_per_day as perDevice, t.ballots_per_address_per_day as perAddress
  from track t join campaign c on c.id = t.campaign_id
  where c.slug = ? and t.slug = ?`);

/**
 * During the vote only shortlisted candidates are on the ballot. Today's counts are each
 * answered from a unique index. Arguments: track, picks (a JSON array), device, address, day.
 */
const ballotCheck = statement<{ eligible: string; device: number; address: number }>(`
  select
    (select json_group_array(id) from candidate where track_id = ?1
      and status = 'shortlisted' and id in (select value from json_each(?2))) as eligible,
    (select count(*) from ballot where track_id = ?1
      and device_hash = ?3 and day = ?5) as device,
    (select count(*) from ballot where track_id = ?1
      and address_hash = ?4 and day = ?5) as address`);

const insertBallot = statement<{ id: number }>(`
  insert into ballot (receipt, campaign_id, track_id, device_hash, address_hash,
    host_hash, network_hash, device_issued_at, day, device_seq, address_seq, cast_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  returning id`);

/** Arguments: the ballot's id, its picks (a JSON array). */
const insertPicks = statement(`
  insert into ballot_pick (ballot_id, candidate_id)
  select ?, value from json_each(?) returning candidate_id`);

/** Argument: the picks (a JSON array). */
const countPicks = statement(`
  insert into tally (candidate_id, votes) select value, 1 from json_each(?) where true
  on conflict (candidate_id) do update set votes = votes + 1 returning candidate_id`);

/** Why the write transaction refused a ballot; it commits what it did before (the token's use). */
type WriteRefusal =
  | { refused: 'token_used' }
  | { refused: 'not_on_ballot'; candidates: number[] }
  | { refused: 'device' | 'address' };

/** The campaign and track of a ballot, once the rules that need nothing else are met. */
async function checkBallotRules(db: Db, input: CastBallotInput): Promise<BallotTrack> {
  const [t] = await preparedStatementsOf(db).all(ballotTrack, [
    input.campaignSlug,
    input.trackSlug,
  ]);
  if (!t) {
    // Only a miss asks which of the two was unknown.
    const known = await db.query.campaign.findFirst({
      where: eq(campaign.slug, input.campaignSlug),
      columns: { id: true },
    });
    if (!known)
      throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
    throw new DomainError('not_found', 'track_not_found', { slug: input.trackSlug });
  }
  const window = {
    stage: t.stage,
    voteOpensAt: t.voteOpensAt === null ? null : new Date(Number(t.voteOpensAt)),
    voteClosesAt: t.voteClosesAt === null ? null : new Date(Number(t.voteClosesAt)),
  };

  const state = votingStateOf(window, input.now);
  if (state !== 'open') {
    throw new DomainError(
      'rule_violation',
      state === 'closed' ? 'voting_closed' : 'voting_not_open',
      {
        opensAt: window.voteOpensAt?.toISOString() ?? null,
        closesAt: window.voteClosesAt?.toISOString() ?? null,
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
  return t;
}

/**
 * Records one ballot. The rules that depend only on the campaign and the track are checked first,
 * for a precise message; a ballot refused by them spends nothing. Then the bot check
 * (withBotCheck), which spends the proof whatever becomes of the ballot. Then one transaction
 * records the proof's use, checks the picks against the candidates on the ballot and today's
 * counts, and writes the ballot, its picks and the tallies, so nothing can change between the
 * check and the write. The database itself refuses
 * a ballot over the daily limits as well (unique keys plus a trigger), so the limits hold across
 * processes and under concurrency.
 *
 * This runs for every ballot, so its statements are written by hand with a fixed text (the picks
 * travel as one JSON array) and run prepared, on the connections of prepared.ts.
 */
export async function castBallot(db: Db, input: CastBallotInput): Promise<CastBallotResult> {
  const t = await checkBallotRules(db, input);
  return withBotCheck(db, input.botCheck, input.now, 'bot_check_failed', (proof) =>
    writeBallot(db, input, t, proof),
  );
}

async function writeBallot(
  db: Db,
  input: CastBallotInput,
  t: BallotTrack,
  proof: ProofUse,
): Promise<CastBallotResult> {
  const ids = input.candidateIds;
  const day = localDay(input.now, t.timeZone);
  const nextBallotAt = startOfNextLocalDay(input.now, t.timeZone);
  const receipt = newReceiptCode();
  const picks = JSON.stringify(ids);
  const castAt = input.now.getTime();
  let written: { deviceSeq: number } | WriteRefusal;
  try {
    // libSQL starts write transactions with BEGIN IMMEDIATE: other processes wait on the busy
    // timeout, so the counts read below cannot go stale before the ballot is written.
    written = await preparedStatementsOf(db).transaction(async (tx) => {
      const claimed = await tx.all(recordProofUse, [proof.keyHash, castAt]);
      if (claimed.length === 0) return { refused: 'token_used' } as const;
      const [check] = await tx.all(ballotCheck, [
        t.trackId,
        picks,
        input.deviceHash,
        input.addressHash,
        day,
      ]);
      const eligible = new Set(JSON.parse(check!.eligible) as number[]);
      if (eligible.size !== ids.length) {
        return { refused: 'not_on_ballot', candidates: ids.filter((id) => !eligible.has(id)) };
      }
      const deviceSeq = Number(check!.device) + 1;
      const addressSeq = Number(check!.address) + 1;
      if (deviceSeq > t.perDevice) return { refused: 'device' } as const;
      if (addressSeq > t.perAddress) return { refused: 'address' } as const;
      const [inserted] = await tx.all(insertBallot, [
        receipt,
        t.campaignId,
        t.trackId,
        input.deviceHash,
        input.addressHash,
        input.hostHash,
        input.networkHash,
        input.deviceIssuedAt?.getTime() ?? null,
        day,
        deviceSeq,
        addressSeq,
        castAt,
      ]);
      await tx.all(insertPicks, [inserted!.id, picks]);
      await tx.all(countPicks, [picks]);
      return { deviceSeq };
    });
  } catch (e) {
    // Another process won the race for the same slot: the unique key or the limit trigger
    // refused this ballot, and nothing of it was written (withBotCheck spends the proof).
    if (isLimitRefusal(e)) throw limitReached('device', t.perDevice, nextBallotAt);
    throw e;
  }
  // Committed: a refusal from inside the transaction recorded the proof's use with it.
  proof.markSpent();
  if ('refused' in written) {
    switch (written.refused) {
      case 'token_used':
        throw new DomainError('bot_check_failed', 'bot_check_failed', {
          codes: ['token-already-used'],
        });
      case 'not_on_ballot':
        throw new DomainError('rule_violation', 'candidate_not_on_ballot', {
          candidates: written.candidates,
        });
      case 'device':
        throw limitReached('device', t.perDevice, nextBallotAt);
      case 'address':
        throw limitReached('address', t.perAddress, nextBallotAt);
    }
  }
  return {
    receipt,
    castAt: input.now,
    campaign: t.campaignSlug,
    track: t.trackSlug,
    candidateIds: ids,
    remainingToday: t.perDevice - written.deviceSeq,
    nextBallotAt,
  };
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
