import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaignStages, countsVisibilities } from '#src/schemas/enums.ts';
import { inList } from './sql-list.ts';
import { chinaTimeZone } from '#src/domain/china-time.ts';
import { requiredRef, timestampDefaultNow } from './columns.ts';

export const campaign = sqliteTable(
  'campaign',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Stable public identifier used in URLs and the API, e.g. `2026`. */
    slug: text().notNull(),
    year: integer().notNull(),
    title: text().notNull(),
    /** The title for English pages; empty when staff gave none (they then show the Chinese). */
    titleEn: text().notNull().default(''),
    /** The issuing body, e.g. 中共澄川市委组织部; signs notices. */
    organiser: text().notNull(),
    /** Why the selection exists, in Markdown. */
    intro: text().notNull().default(''),
    stage: text({ enum: campaignStages }).notNull().default('nomination'),
    countsVisibility: text({ enum: countsVisibilities }).notNull().default('after_close'),
    /** IANA zone in which "per day" limits roll over. */
    timeZone: text().notNull().default(chinaTimeZone),
    /**
     * The districts (所属地区) and sectors (所属领域) a candidate may be given: the public lists
     * filter by them, so a typo would make a new filter value. Empty: any text, as before.
     */
    districts: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    sectors: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    voteOpensAt: integer({ mode: 'timestamp_ms' }),
    voteClosesAt: integer({ mode: 'timestamp_ms' }),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
  },
  (t) => [
    uniqueIndex('campaign_slug_unique').on(t.slug),
    check('campaign_stage_known', inList(t.stage, campaignStages)),
    check('campaign_counts_visibility_known', inList(t.countsVisibility, countsVisibilities)),
    check(
      'campaign_slug_format',
      sql`length(${t.slug}) between 1 and 40 and ${t.slug} not glob '*[^a-z0-9-]*'`,
    ),
    check(
      'campaign_vote_window_ordered',
      sql`${t.voteOpensAt} is null or ${t.voteClosesAt} is null or ${t.voteOpensAt} < ${t.voteClosesAt}`,
    ),
  ],
);

/** The planned dates of each stage, shown as the public timeline. */
export const campaignStageDate = sqliteTable(
  'campaign_stage_date',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: requiredRef(() => campaign.id, 'cascade'),
    stage: text({ enum: campaignStages }).notNull(),
    /** Local calendar dates, `YYYY-MM-DD`. */
    startsOn: text().notNull(),
    endsOn: text().notNull(),
  },
  (t) => [
    uniqueIndex('campaign_stage_date_unique').on(t.campaignId, t.stage),
    check('campaign_stage_date_stage_known', inList(t.stage, campaignStages)),
    check('campaign_stage_date_ordered', sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);
