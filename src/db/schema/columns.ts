import { sql } from 'drizzle-orm';
import { integer, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { staffUser } from './staff.ts';

/**
 * Column shapes that many tables share, so that each means one thing everywhere: a reference
 * that keeps the row it points to, a moment in milliseconds, who published a revision.
 */

/**
 * A required reference to another table's row. `restrict` (the default) keeps that row while
 * this one points to it: nothing the site records is lost by deleting what it refers to.
 */
export function requiredRef(
  target: () => AnySQLiteColumn,
  onDelete: 'restrict' | 'cascade' = 'restrict',
) {
  return integer().notNull().references(target, { onDelete });
}

/**
 * A required moment (milliseconds) that the database sets to the insert's own when the insert
 * does not say: `createdAt`, and an `updatedAt` that starts there.
 */
export function timestampDefaultNow() {
  return integer({ mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
}

/**
 * A published revision of an official document (a notice, a naming decision): the whole text as
 * JSON, why it was published, when and by whom. Rows are never updated or deleted (triggers).
 */
export function publishedRevisionColumns() {
  return {
    revision: integer().notNull(),
    content: text({ mode: 'json' }).notNull(),
    /** Why this revision was published (empty for the first). */
    changeNote: text().notNull().default(''),
    publishedAt: integer({ mode: 'timestamp_ms' }).notNull(),
    publishedBy: integer().references(() => staffUser.id, { onDelete: 'restrict' }),
  };
}
