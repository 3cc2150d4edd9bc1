import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The random key of one local day (Asia/Shanghai) under which that day's client addresses are
 * hashed: ballots, reports and staff logins. Kept apart from the hashes it made, shared by every
 * process (so an address has one hash per day wherever it votes), left out of every backup, and
 * destroyed two days after its day (src/domain/privacy/prune-expired-records.ts): from then on
 * that day's hashes can be compared with each other and with nothing else. A key derived from a
 * long-term secret could be recomputed for all of IPv4 in hours by whoever held a backup.
 */
export const addressKey = sqliteTable(
  'address_key',
  {
    /** `YYYY-MM-DD` in Asia/Shanghai. */
    day: text().primaryKey(),
    /** 32 random bytes, base64url. */
    key: text().notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    check('address_key_day_format', sql`${t.day} glob '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`),
  ],
);
