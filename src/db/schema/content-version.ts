import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * One row whose `version` goes up, by trigger, in the same transaction as every change that can
 * alter a public page (campaigns and their stage dates, tracks, candidates, media, notices and
 * their revisions, committee records, conversion terms, and voided ballots). The page cache of
 * every process compares it with the version its pages were rendered at (src/server/page-cache.ts).
 * Ballots cast do not move it: pages that show live counts expire by time instead.
 */
export const contentVersion = sqliteTable(
  'content_version',
  {
    id: integer().primaryKey(),
    version: integer().notNull(),
  },
  (t) => [check('content_version_single_row', sql`${t.id} = 1`)],
);
