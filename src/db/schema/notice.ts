import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { noticeEntryOrders, noticeStatuses, reportFindings } from '#src/schemas/enums.ts';
import { campaign } from './campaign.ts';
import { candidate } from './candidate.ts';
import { inList } from './sql-list.ts';
import { publishedRevisionColumns, requiredRef, timestampDefaultNow } from './columns.ts';

/**
 * A publicity notice (公示) for a campaign's result. The entries are the campaign's elected
 * candidates; the notice holds the framing text, the period and the reporting channels.
 */
export const notice = sqliteTable(
  'notice',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: requiredRef(() => campaign.id),
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
    /** How many working days the period runs (periodEnd is computed from it). */
    workingDays: integer().notNull().default(5),
    /** Whether entries show the portrait and the one-line summary of deeds. */
    showPhotos: integer({ mode: 'boolean' }).notNull().default(true),
    showSummaries: integer({ mode: 'boolean' }).notNull().default(true),
    /** How entries are ordered within each track (a trigger refuses other values, 0019). */
    entryOrder: text({ enum: noticeEntryOrders }).notNull().default('stroke'),
    /** The latest published revision; 0 while only a draft exists. */
    currentRevision: integer().notNull().default(0),
    updatedAt: integer({ mode: 'timestamp_ms' }),
    createdAt: timestampDefaultNow(),
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

/**
 * Every published version of a notice, complete (text, period, channels and the entries as they
 * were), so that a correction never rewrites what was published: earlier revisions stay
 * readable and what changed can be shown. Rows are never updated or deleted (triggers).
 */
export const noticeRevision = sqliteTable(
  'notice_revision',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    noticeId: requiredRef(() => notice.id),
    /** `content`: the whole published notice as JSON (src/schemas/notice-content.ts). */
    ...publishedRevisionColumns(),
  },
  (t) => [
    uniqueIndex('notice_revision_unique').on(t.noticeId, t.revision),
    check('notice_revision_positive', sql`${t.revision} >= 1`),
  ],
);

/**
 * A concern reported by the public during a publicity period. Never public; readable only by
 * supervisors, and every read is audit-logged. At most five per device per day, held by the
 * unique key on (device, day, sequence) and the CHECK on the sequence.
 */
export const report = sqliteTable(
  'report',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Given to the reporter, e.g. `JB-2026-7K3Q9M`. */
    reference: text().notNull(),
    noticeId: requiredRef(() => notice.id),
    /** The entry concerned; null for the notice as a whole. */
    candidateId: integer().references(() => candidate.id, { onDelete: 'restrict' }),
    content: text().notNull(),
    reporterName: text(),
    reporterPhone: text(),
    deviceHash: text().notNull(),
    addressHash: text().notNull(),
    /** Local day (Asia/Shanghai) of the report, `YYYY-MM-DD`. */
    day: text().notNull(),
    deviceSeq: integer().notNull(),
    createdAt: integer({ mode: 'timestamp_ms' }).notNull(),
    /**
     * SHA-256 of the check code given to the reporter with the reference: both together show
     * the report's status and reply. Null for reports received before check codes existed.
     */
    checkCodeHash: text(),
  },
  (t) => [
    uniqueIndex('report_reference_unique').on(t.reference),
    uniqueIndex('report_device_day_seq_unique').on(t.deviceHash, t.day, t.deviceSeq),
    index('report_notice_idx').on(t.noticeId, t.createdAt),
    // Today's reports from one address, counted by the trigger that caps them (migration 0013).
    index('report_address_day_idx').on(t.addressHash, t.day),
    check('report_device_seq_range', sql`${t.deviceSeq} between 1 and 5`),
    check('report_content_length', sql`length(trim(${t.content})) between 1 and 1000`),
  ],
);

/**
 * A supervisor's handling of a report. The report itself stays as sent; this row appears when a
 * supervisor takes it up (verifying) and is completed once (concluded) with the finding, what
 * was done and the reply the reporter reads. No row: received. Triggers (migration 0018) hold
 * the order: a row starts as verifying, and a concluded one never changes or goes.
 */
export const reportHandling = sqliteTable(
  'report_handling',
  {
    reportId: integer()
      .primaryKey()
      .references(() => report.id, { onDelete: 'restrict' }),
    status: text({ enum: ['verifying', 'concluded'] }).notNull(),
    verifyingSince: integer({ mode: 'timestamp_ms' }).notNull(),
    finding: text({ enum: reportFindings }),
    /** What was done about it, for the record (staff only). */
    actionTaken: text(),
    /** The answer the reporter reads with the reference and check code. */
    reply: text(),
    concludedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [
    check('report_handling_status', sql`${t.status} in ('verifying', 'concluded')`),
    check(
      'report_handling_finding',
      sql`${t.finding} is null or ${inList(t.finding, reportFindings)}`,
    ),
    check(
      'report_handling_concluded_complete',
      sql`${t.status} = 'verifying' or (${t.finding} is not null and ${t.concludedAt} is not null and length(trim(${t.actionTaken})) between 1 and 2000 and length(trim(${t.reply})) between 1 and 1000)`,
    ),
  ],
);
