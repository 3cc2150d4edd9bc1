import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { candidateStatuses } from '#src/schemas/enums.ts';
import { campaign } from './campaign.ts';
import { media } from './media.ts';
import { track } from './track.ts';
import { inList } from './sql-list.ts';
import { requiredRef, timestampDefaultNow } from './columns.ts';

/**
 * A nominated unit or person. The personal columns are the fields of a pre-appointment
 * publicity notice (src/domain/README.md); they are empty for units, which use the head columns instead.
 */
export const candidate = sqliteTable(
  'candidate',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: requiredRef(() => campaign.id, 'cascade'),
    trackId: requiredRef(() => track.id),
    /** The number printed on the ballot and on posters, unique within a track. */
    number: integer().notNull(),
    status: text({ enum: candidateStatuses }).notNull().default('nominated'),
    /** A person's name or a unit's full name. */
    name: text().notNull(),
    /** Unit the person works in; for a unit, its parent body if any. */
    organisation: text().notNull().default(''),
    district: text().notNull().default(''),
    sector: text().notNull().default(''),
    // Notice fields for a person.
    sex: text(),
    ethnicity: text(),
    /** `YYYY-MM` */
    birth: text(),
    nativePlace: text(),
    politicalAffiliation: text(),
    /** `YYYY-MM` */
    partyJoined: text(),
    /** `YYYY-MM` */
    workStarted: text(),
    education: text(),
    degree: text(),
    currentPost: text(),
    /** Short CV, one post per line. */
    cv: text(),
    // Notice fields for a unit.
    headName: text(),
    headTitle: text(),
    /** One line for list cards and the notice. */
    summary: text().notNull().default(''),
    /** Deeds in Markdown; rendered escaped, never as raw HTML. */
    deeds: text().notNull().default(''),
    portraitId: text().references(() => media.id, { onDelete: 'set null' }),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
  },
  (t) => [
    uniqueIndex('candidate_track_number_unique').on(t.trackId, t.number),
    index('candidate_campaign_status_idx').on(t.campaignId, t.status),
    check('candidate_status_known', inList(t.status, candidateStatuses)),
    check('candidate_number_positive', sql`${t.number} >= 1`),
    check('candidate_name_present', sql`length(trim(${t.name})) between 1 and 100`),
    check('candidate_sex_known', sql`${t.sex} is null or ${t.sex} in ('男', '女')`),
    check(
      'candidate_birth_format',
      sql`${t.birth} is null or ${t.birth} glob '[12][0-9][0-9][0-9]-[01][0-9]'`,
    ),
  ],
);

/**
 * Per-candidate vote count, changed in the same transaction as the ballot picks that cause it
 * (`npm run tally:verify` recomputes it from the picks).
 */
export const tally = sqliteTable(
  'tally',
  {
    candidateId: integer()
      .primaryKey()
      .references(() => candidate.id, { onDelete: 'restrict' }),
    votes: integer().notNull().default(0),
  },
  (t) => [check('tally_votes_not_negative', sql`${t.votes} >= 0`)],
);
