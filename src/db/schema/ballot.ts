import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { ballotStatuses } from '#src/schemas/enums.ts';
import { candidate } from './candidate.ts';
import { campaign } from './campaign.ts';
import { staffUser } from './staff.ts';
import { track } from './track.ts';
import { inList } from './sql-list.ts';
import { requiredRef } from './columns.ts';

/**
 * One ballot in one track. Voters have no accounts: a ballot is tied to a keyed hash of the
 * device cookie and of the client address, never to a raw address.
 *
 * The daily limits are held by the database: the n-th ballot of a device on a day in a track
 * carries `deviceSeq = n`, and (track, device, day, seq) is unique. Two processes that both
 * see n-1 earlier ballots both try to write seq n; one of them fails on the key. The same holds
 * for the address. Invalidated ballots keep their row and keep using their slot.
 */
export const ballot = sqliteTable(
  'ballot',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    receipt: text().notNull(),
    campaignId: requiredRef(() => campaign.id),
    trackId: requiredRef(() => track.id),
    deviceHash: text().notNull(),
    /**
     * Keyed hash of what the per-address limit counts: an IPv4 address, or the /64 of an IPv6
     * address (one subscriber's network; a host picks any address inside it at will).
     */
    addressHash: text().notNull(),
    /**
     * Keyed hash of the full address, as evidence only (two ballots from one IPv6 /64 came from
     * the same host or not); no limit counts it. Empty for ballots from before it was kept.
     */
    hostHash: text().notNull().default(''),
    /**
     * Keyed hash of the network the address belongs to (IPv4 /24, IPv6 /48): paid vote stuffing
     * rotates addresses inside one network, which this still groups.
     */
    networkHash: text().notNull().default(''),
    /** When the device cookie was first issued; a ballot from a minutes-old device is "new". */
    deviceIssuedAt: integer({ mode: 'timestamp_ms' }),
    /** Local calendar day of the campaign's time zone, `YYYY-MM-DD`. */
    day: text().notNull(),
    deviceSeq: integer().notNull(),
    addressSeq: integer().notNull(),
    status: text({ enum: ballotStatuses }).notNull().default('counted'),
    invalidReason: text(),
    invalidatedBy: integer().references(() => staffUser.id, { onDelete: 'restrict' }),
    invalidatedAt: integer({ mode: 'timestamp_ms' }),
    castAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('ballot_receipt_unique').on(t.receipt),
    uniqueIndex('ballot_device_day_seq_unique').on(t.trackId, t.deviceHash, t.day, t.deviceSeq),
    uniqueIndex('ballot_address_day_seq_unique').on(t.trackId, t.addressHash, t.day, t.addressSeq),
    index('ballot_track_cast_idx').on(t.trackId, t.castAt),
    index('ballot_campaign_cast_idx').on(t.campaignId, t.castAt),
    check('ballot_status_known', inList(t.status, ballotStatuses)),
    check('ballot_seq_positive', sql`${t.deviceSeq} >= 1 and ${t.addressSeq} >= 1`),
    check(
      'ballot_invalidation_complete',
      sql`(${t.status} = 'counted' and ${t.invalidReason} is null and ${t.invalidatedAt} is null) or (${t.status} = 'invalidated' and ${t.invalidReason} is not null and ${t.invalidatedAt} is not null)`,
    ),
    check('ballot_day_format', sql`${t.day} glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`),
  ],
);

/**
 * How many ballots each track has, per status, for the results pages. Counting a track's ballots
 * visits every one of them: with a million ballots that took over a second per request, and
 * still over 0.1 s from a covering index. Triggers on `ballot`
 * (db/migrations/0006_ballot_count_triggers.sql) keep these rows in the same statement as the
 * insert or the voiding that changes them, whoever writes; ballots are never deleted.
 */
export const ballotCount = sqliteTable(
  'ballot_count',
  {
    trackId: requiredRef(() => track.id),
    status: text({ enum: ballotStatuses }).notNull(),
    ballots: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.trackId, t.status] }),
    check('ballot_count_status_known', inList(t.status, ballotStatuses)),
    check('ballot_count_not_negative', sql`${t.ballots} >= 0`),
  ],
);

/** The candidates picked on a ballot; the primary key makes a double pick impossible. */
export const ballotPick = sqliteTable(
  'ballot_pick',
  {
    ballotId: requiredRef(() => ballot.id),
    candidateId: requiredRef(() => candidate.id),
  },
  (t) => [
    primaryKey({ columns: [t.ballotId, t.candidateId] }),
    index('ballot_pick_candidate_idx').on(t.candidateId),
  ],
);

/**
 * Bot-check tokens already presented. A token is refused here before any call to Cloudflare,
 * so a replay costs nothing and is caught even if siteverify is slow to notice.
 */
export const botTokenUse = sqliteTable('bot_token_use', {
  /** SHA-256 of the token. */
  tokenHash: text().primaryKey(),
  usedAt: integer({ mode: 'timestamp_ms' }).notNull(),
});
