import { z } from 'zod';
import { committeeQuorums, committeeThresholds, committeeTieBreaks } from './enums.ts';

/** Bounds the database holds too (committee_rule_members_due, committee_session_members). */
const maxMembers = 200;

/** PUT /api/staff/campaigns/{slug}/committee/rule */
export const committeeRuleRequestSchema = z
  .object({
    membersDue: z.int().min(1).max(maxMembers),
    quorum: z.enum(committeeQuorums),
    threshold: z.enum(committeeThresholds),
    tieBreak: z.enum(committeeTieBreaks),
  })
  .strict();
export type CommitteeRuleRequest = z.infer<typeof committeeRuleRequestSchema>;

const voteCount = z.int().min(0).max(maxMembers);

export const committeeTallyInputSchema = z
  .object({
    candidateId: z.int().positive(),
    votesFor: voteCount,
    votesAgainst: voteCount,
    abstentions: voteCount,
  })
  .strict();
export type CommitteeTallyInput = z.infer<typeof committeeTallyInputSchema>;

/** POST /api/staff/campaigns/{slug}/tracks/{track}/committee/sessions */
export const committeeSessionRequestSchema = z
  .object({
    /** Local date of the meeting. */
    heldOn: z.iso.date(),
    membersPresent: z.int().min(0).max(maxMembers),
    tallies: z.array(committeeTallyInputSchema).min(1).max(500),
  })
  .strict()
  .refine((b) => new Set(b.tallies.map((t) => t.candidateId)).size === b.tallies.length, {
    message: 'each candidate at most once',
    path: ['tallies'],
  });
export type CommitteeSessionRequest = z.infer<typeof committeeSessionRequestSchema>;
