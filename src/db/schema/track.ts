import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { trackKinds } from '#src/schemas/enums.ts';
import { campaign } from './campaign.ts';
import { inList } from './sql-list.ts';
import { requiredRef } from './columns.ts';

/**
 * A track is one list of candidates with its own quota and ballot rules: units in one,
 * individuals in another.
 */
export const track = sqliteTable(
  'track',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: requiredRef(() => campaign.id, 'cascade'),
    slug: text().notNull(),
    kind: text({ enum: trackKinds }).notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    /** Name and description for English pages; empty when staff gave none. */
    nameEn: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    /** How many will finally be named. */
    quota: integer().notNull(),
    /** Most candidates one ballot may pick; never more than the quota. */
    maxPicks: integer().notNull(),
    /** Fewest candidates one ballot must pick. */
    minPicks: integer().notNull().default(1),
    ballotsPerDevicePerDay: integer().notNull().default(1),
    /** Generous, because many phones share one carrier-NAT address. */
    ballotsPerAddressPerDay: integer().notNull().default(50),
    position: integer().notNull().default(0),
    /**
     * Channels besides the online vote, which always runs: printed or newspaper ballots (by post
     * or at counters) and on-site booths. Rules of the vote: frozen with the others.
     */
    paperChannel: integer({ mode: 'boolean' }).notNull().default(false),
    onsiteChannel: integer({ mode: 'boolean' }).notNull().default(false),
    /**
     * Weights in percent for a combined ranking, all three set (summing to 100, a channel that
     * does not run weighing 0) or all null: without weights the channels' votes simply add.
     */
    weightOnline: integer(),
    weightPaper: integer(),
    weightOnsite: integer(),
  },
  (t) => [
    uniqueIndex('track_campaign_slug_unique').on(t.campaignId, t.slug),
    check('track_kind_known', inList(t.kind, trackKinds)),
    check(
      'track_slug_format',
      sql`length(${t.slug}) between 1 and 40 and ${t.slug} not glob '*[^a-z0-9-]*'`,
    ),
    check('track_quota_positive', sql`${t.quota} >= 1`),
    check(
      'track_picks_bounds',
      sql`${t.minPicks} >= 1 and ${t.minPicks} <= ${t.maxPicks} and ${t.maxPicks} <= ${t.quota}`,
    ),
    check('track_device_limit_positive', sql`${t.ballotsPerDevicePerDay} >= 1`),
    check('track_address_limit_positive', sql`${t.ballotsPerAddressPerDay} >= 1`),
  ],
);
