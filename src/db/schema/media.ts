import { sql } from 'drizzle-orm';
import { blob, check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestampDefaultNow } from './columns.ts';

/**
 * Images live in the database, not on one server's disk, so that every app process behind a
 * proxy serves the same files. The id is the SHA-256 of the bytes: content never changes under
 * an id, which lets responses be cached for a year.
 */
export const media = sqliteTable(
  'media',
  {
    id: text().primaryKey(),
    contentType: text().notNull(),
    bytes: blob({ mode: 'buffer' }).notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    alt: text().notNull().default(''),
    /**
     * Responsive copies point at the image they were made from (its largest WebP copy, which is
     * what a candidate's portraitId names); null for an image that has no copies or is one.
     */
    variantOf: text(),
    createdAt: timestampDefaultNow(),
  },
  (t) => [
    check('media_id_is_sha256', sql`length(${t.id}) = 64`),
    check(
      'media_type_is_image',
      sql`${t.contentType} in ('image/svg+xml', 'image/webp', 'image/avif', 'image/jpeg', 'image/png')`,
    ),
    check('media_size_positive', sql`${t.width} > 0 and ${t.height} > 0`),
    index('media_variant_of_idx').on(t.variantOf),
  ],
);
