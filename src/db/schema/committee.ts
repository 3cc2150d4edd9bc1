import { sql } from 'drizzle-orm';
import {
  check,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  committeeQuorums,
  committeeSessionStatuses,
  committeeThresholds,
  committeeTieBreaks,
} from '#src/schemas/enums.ts';
import { campaign } from './campaign.ts';
import { candidate } from './candidate.ts';
import { staffUser } from './staff.ts';
import { track } from './track.ts';
import { inList } from './sql-list.ts';
import { requiredRef } from './columns.ts';

/**
 * The rule of a campaign's committee vote, set by staff before the vote: the committee's size,
 * its quorum, what a candidate needs to be elected and how a tie for the last place is settled.
 * The quota comes from each track.
 */
export const committeeRule = sqliteTable(
  'committee_rule',
  {
    campaignId: integer()
      .primaryKey()
      .references(() => campaign.id, { onDelete: 'cascade' }),
    membersDue: integer().notNull(),
    quorum: text({ enum: committeeQuorums }).notNull().default('two_thirds'),
    threshold: text({ enum: committeeThresholds }).notNull().default('more_than_half_of_due'),
    tieBreak: text({ enum: committeeTieBreaks }).notNull().default('revote'),
  },
  (t) => [
    check('committee_rule_members_due', sql`${t.membersDue} between 1 and 200`),
    check('committee_rule_quorum_known', inList(t.quorum, committeeQuorums)),
    check('committee_rule_threshold_known', inList(t.threshold, committeeThresholds)),
    check('committee_rule_tie_break_known', inList(t.tieBreak, committeeTieBreaks)),
  ],
);

/**
 * One sitting of the standing committee's differential vote (差额票决) on one track: who was due
 * and present, recorded by staff as a draft and confirmed once; confirming sets the candidates'
 * elected / not-elected status. A confirmed record is never changed.
 */
export const committeeSession = sqliteTable(
  'committee_session',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: requiredRef(() => campaign.id),
    trackId: requiredRef(() => track.id),
    /** 1 for the first vote; a further round for tied candidates gets the next number. */
    round: integer().notNull().default(1),
    membersDue: integer().notNull(),
    membersPresent: integer().notNull(),
    /** Local date of the meeting, `YYYY-MM-DD`. */
    heldOn: text().notNull(),
    status: text({ enum: committeeSessionStatuses }).notNull().default('draft'),
    recordedBy: requiredRef(() => staffUser.id),
    recordedAt: integer({ mode: 'timestamp_ms' }).notNull(),
    confirmedBy: integer().references(() => staffUser.id, { onDelete: 'restrict' }),
    confirmedAt: integer({ mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('committee_session_track_round_unique').on(t.trackId, t.round),
    check('committee_session_status_known', inList(t.status, committeeSessionStatuses)),
    check('committee_session_round_positive', sql`${t.round} >= 1`),
    check(
      'committee_session_members',
      sql`${t.membersDue} between 1 and 200 and ${t.membersPresent} between 0 and ${t.membersDue}`,
    ),
    check(
      'committee_session_confirmed_has_who',
      sql`(${t.status} = 'draft') = (${t.confirmedAt} is null and ${t.confirmedBy} is null)`,
    ),
  ],
);

/** For / against / abstain for one candidate at one sitting. */
export const committeeTally = sqliteTable(
  'committee_tally',
  {
    sessionId: requiredRef(() => committeeSession.id, 'cascade'),
    candidateId: requiredRef(() => candidate.id),
    votesFor: integer().notNull(),
    votesAgainst: integer().notNull(),
    abstentions: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.candidateId] }),
    check(
      'committee_tally_not_negative',
      sql`${t.votesFor} >= 0 and ${t.votesAgainst} >= 0 and ${t.abstentions} >= 0`,
    ),
  ],
);
