import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { campaign } from './campaign.ts';
import { staffUser } from './staff.ts';
import { requiredRef } from './columns.ts';

/**
 * The certified result of a campaign's public vote (核验结果), at most one per campaign. Staff
 * certify once the vote has closed and they have voided what they found; from then on the
 * figures are this row's, never recomputed from the ballots.
 *
 * `document` is the certificate itself in its canonical JSON (keys sorted, no whitespace; see
 * README "Certified results"): per track the ballots received, voided per day and reason
 * category, and counted; per candidate the votes, the votes lost to voiding and the share. It is
 * kept as the exact text that was hashed, so `sha256` can be recomputed from what is published.
 * Triggers (migration of this table) keep the row unchanged and undeleted, and refuse any change
 * to a ballot of a certified campaign, whoever writes.
 */
export const resultCertificate = sqliteTable(
  'result_certificate',
  {
    campaignId: integer()
      .primaryKey()
      .references(() => campaign.id, { onDelete: 'restrict' }),
    certifiedBy: requiredRef(() => staffUser.id),
    certifiedAt: integer({ mode: 'timestamp_ms' }).notNull(),
    document: text().notNull(),
    /** Lower-case hex SHA-256 of `document`'s UTF-8 bytes. */
    sha256: text().notNull(),
  },
  (t) => [
    check(
      'result_certificate_sha256_hex',
      sql`length(${t.sha256}) = 64 and ${t.sha256} not glob '*[^0-9a-f]*'`,
    ),
    check('result_certificate_document_json', sql`json_valid(${t.document})`),
  ],
);
