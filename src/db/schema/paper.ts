import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { paperChannels } from '../../schemas/enums.ts';
import { campaign } from './campaign.ts';
import { staffUser } from './staff.ts';
import { track } from './track.ts';
import { inList } from './sql-list.ts';

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
    campaignId: integer()
      .notNull()
      .references(() => campaign.id, { onDelete: 'restrict' }),
    trackId: integer()
      .notNull()
      .references(() => track.id, { onDelete: 'restrict' }),
    channel: text({ enum: paperChannels }).notNull(),
    /** Staff's own name for it, e.g. 《澄川日报》12月1日版 or 市民服务中心票箱. */
    label: text().notNull(),
    /** Printed on the ballot: where to send it or where to cast it, and by when. */
    destination: text().notNull(),
    ballotCount: integer().notNull(),
    firstSerial: integer().notNull(),
    registeredBy: integer()
      .notNull()
      .references(() => staffUser.id, { onDelete: 'restrict' }),
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
