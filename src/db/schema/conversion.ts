import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffUser } from './staff.ts';

/**
 * Staff corrections of the Simplified → Traditional conversion: a term (a person's or place's
 * name, a word the dictionaries get wrong) and how it must read in Traditional. Applied to all
 * content and interface text on zh-TW pages.
 */
export const conversionTerm = sqliteTable(
  'conversion_term',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    simplified: text().notNull(),
    traditional: text().notNull(),
    note: text().notNull().default(''),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
    createdBy: integer().references(() => staffUser.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('conversion_term_simplified_unique').on(t.simplified),
    check(
      'conversion_term_lengths',
      sql`length(${t.simplified}) between 1 and 50 and length(${t.traditional}) between 1 and 50`,
    ),
  ],
);
