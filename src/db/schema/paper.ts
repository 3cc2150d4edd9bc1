import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { paperChannels, paperInvalidReasons } from '#src/schemas/enums.ts';
import { campaign } from './campaign.ts';
import { staffUser } from './staff.ts';
import { track } from './track.ts';
import { inList } from './sql-list.ts';
import { requiredRef } from './columns.ts';

/**
 * A batch of numbered paper ballots printed for one track and channel (paper: sent by post or
 * handed in at counters; on-site: cast at a booth). Its serials are the bodies
 * `firstSerial … firstSerial + ballotCount - 1`, each printed with a Damm check digit; ranges
 * never overlap across the whole database, so a serial names its batch, and a photocopy or an
 * invented number is refused at entry. Triggers keep a batch unchanged and undeleted.
 */
export const ballotBatch = sqliteTable(
  'ballot_batch',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: requiredRef(() => campaign.id),
    trackId: requiredRef(() => track.id),
    channel: text({ enum: paperChannels }).notNull(),
    /** Staff's own name for it, e.g. 《澄川日报》12月1日版 or 市民服务中心票箱. */
    label: text().notNull(),
    /** Printed on the ballot: where to send it or where to cast it, and by when. */
    destination: text().notNull(),
    ballotCount: integer().notNull(),
    firstSerial: integer().notNull(),
    registeredBy: requiredRef(() => staffUser.id),
    registeredAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('ballot_batch_first_serial_unique').on(t.firstSerial),
    index('ballot_batch_campaign_idx').on(t.campaignId),
    check('ballot_batch_channel_known', inList(t.channel, paperChannels)),
    check('ballot_batch_count_range', sql`${t.ballotCount} between 1 and 1000000`),
    check(
      'ballot_batch_serial_range',
      sql`${t.firstSerial} >= 1 and ${t.firstSerial} + ${t.ballotCount} - 1 <= 9999999`,
    ),
    check('ballot_batch_label_length', sql`length(${t.label}) between 1 and 100`),
    check('ballot_batch_destination_length', sql`length(${t.destination}) between 1 and 300`),
  ],
);

/**
 * One of the two entries of a batch: every batch is entered twice, by two different tellers
 * (the database holds both: two passes at most, one teller each, never the same one twice).
 */
export const batchPass = sqliteTable(
  'batch_pass',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: requiredRef(() => ballotBatch.id),
    pass: integer().notNull(),
    tellerId: requiredRef(() => staffUser.id),
    startedAt: integer({ mode: 'timestamp_ms' }).notNull(),
    /** When the teller said their pass is complete; then it is compared with the other. */
    finishedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('batch_pass_batch_pass_unique').on(t.batchId, t.pass),
    uniqueIndex('batch_pass_batch_teller_unique').on(t.batchId, t.tellerId),
    check('batch_pass_pass_range', sql`${t.pass} in (1, 2)`),
  ],
);

/**
 * One paper ballot as one teller entered it in their pass: its serial (the body, without the
 * check digit) and the candidate numbers marked, or why it is invalid. A correction is a new
 * row; the earlier one is kept with `replacedAt` set (triggers allow nothing else), so in each
 * pass a serial has one current entry (the partial unique index).
 */
export const paperEntry = sqliteTable(
  'paper_entry',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: requiredRef(() => ballotBatch.id),
    pass: integer().notNull(),
    serial: integer().notNull(),
    /** Candidate numbers marked, ascending, as a JSON array; `[]` for a ballot with none. */
    picks: text().notNull(),
    invalidReason: text({ enum: paperInvalidReasons }),
    enteredBy: requiredRef(() => staffUser.id),
    enteredAt: integer({ mode: 'timestamp_ms' }).notNull(),
    /** Set when a later entry of the same serial in the same pass corrects this one. */
    replacedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('paper_entry_serial_pass_current')
      .on(t.serial, t.pass)
      .where(sql`${t.replacedAt} is null`),
    index('paper_entry_batch_idx').on(t.batchId, t.pass),
    check('paper_entry_pass_range', sql`${t.pass} in (1, 2)`),
    check(
      'paper_entry_picks_json',
      sql`json_valid(${t.picks}) and json_type(${t.picks}) = 'array'`,
    ),
    check(
      'paper_entry_invalid_reason_known',
      sql`${t.invalidReason} is null or ${inList(t.invalidReason, paperInvalidReasons)}`,
    ),
  ],
);

/**
 * An on-site booth's tally sheet as one teller entered it: ballots cast, invalid ones, votes per
 * candidate number and the sheet's stated total of votes (which must add up). Entered twice
 * like ballots, corrected by a new row.
 */
export const tallySheet = sqliteTable(
  'tally_sheet',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: requiredRef(() => ballotBatch.id),
    pass: integer().notNull(),
    ballotsCast: integer().notNull(),
    invalidBallots: integer().notNull(),
    /** `{"<candidate number>": votes}` as JSON. */
    counts: text().notNull(),
    totalVotes: integer().notNull(),
    enteredBy: requiredRef(() => staffUser.id),
    enteredAt: integer({ mode: 'timestamp_ms' }).notNull(),
    replacedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('tally_sheet_batch_pass_current')
      .on(t.batchId, t.pass)
      .where(sql`${t.replacedAt} is null`),
    check('tally_sheet_pass_range', sql`${t.pass} in (1, 2)`),
    check(
      'tally_sheet_figures',
      sql`${t.ballotsCast} >= 0 and ${t.invalidBallots} between 0 and ${t.ballotsCast} and ${t.totalVotes} >= 0`,
    ),
    check(
      'tally_sheet_counts_json',
      sql`json_valid(${t.counts}) and json_type(${t.counts}) = 'object'`,
    ),
  ],
);

/**
 * How a third person (an admin or a monitor, never one of the batch's tellers) settled a
 * difference between the two passes, after looking at the paper: for a ballot, the reading that
 * counts (`picks` and `invalidReason`), or `picks` null when there is no such ballot in the
 * batch; for an on-site batch (`serial` null), the tally sheet adopted. One resolution per
 * ballot or sheet, never changed or deleted.
 */
export const paperResolution = sqliteTable(
  'paper_resolution',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: requiredRef(() => ballotBatch.id),
    serial: integer(),
    picks: text(),
    invalidReason: text({ enum: paperInvalidReasons }),
    tallySheetId: integer().references(() => tallySheet.id, { onDelete: 'restrict' }),
    note: text().notNull().default(''),
    resolvedBy: requiredRef(() => staffUser.id),
    resolvedAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('paper_resolution_serial_unique').on(t.batchId, t.serial),
    uniqueIndex('paper_resolution_tally_unique')
      .on(t.batchId)
      .where(sql`${t.serial} is null`),
    check(
      'paper_resolution_kind',
      sql`(${t.serial} is not null and ${t.tallySheetId} is null) or (${t.serial} is null and ${t.tallySheetId} is not null and ${t.picks} is null)`,
    ),
    check(
      'paper_resolution_picks_json',
      sql`${t.picks} is null or (json_valid(${t.picks}) and json_type(${t.picks}) = 'array')`,
    ),
    check(
      'paper_resolution_invalid_reason_known',
      sql`${t.invalidReason} is null or ${inList(t.invalidReason, paperInvalidReasons)}`,
    ),
    check('paper_resolution_note_length', sql`length(${t.note}) <= 500`),
  ],
);
