import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { noticeStatuses } from '../../schemas/enums.ts';
import { campaign } from './campaign.ts';
import { inList } from './sql-list.ts';

/**
 * A publicity notice (公示) for a campaign's result. The entries are the campaign's elected
 * candidates; the notice holds the framing text, the period and the reporting channels.
 */
export const notice = sqliteTable(
  'notice',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: integer()
      .notNull()
      .references(() => campaign.id, { onDelete: 'restrict' }),
    /** Stable permalink part, e.g. `2025-1`. */
    slug: text().notNull(),
    /** e.g. 澄川市委组织部公示〔2025〕第3号 */
    serial: text().notNull(),
    title: text().notNull(),
    lead: text().notNull(),
    status: text({ enum: noticeStatuses }).notNull().default('draft'),
    /** Local dates, `YYYY-MM-DD`, both inclusive. */
    periodStart: text().notNull(),
    periodEnd: text().notNull(),
    reportPhone: text().notNull(),
    reportAddress: text().notNull(),
    reportPostcode: text().notNull(),
    reportVisit: text().notNull(),
    reportWeb: text().notNull(),
    reportRules: text().notNull(),
    signature: text().notNull(),
    signedOn: text().notNull(),
    publishedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: integer({ mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    uniqueIndex('notice_slug_unique').on(t.slug),
    check('notice_status_known', inList(t.status, noticeStatuses)),
    check('notice_period_ordered', sql`${t.periodStart} <= ${t.periodEnd}`),
    check(
      'notice_published_has_date',
      sql`(${t.status} = 'draft') or (${t.publishedAt} is not null)`,
    ),
  ],
);
