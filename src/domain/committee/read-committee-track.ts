import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import {
  candidate,
  committeeRule,
  committeeSession,
  committeeTally,
  tally,
  type track,
} from '#src/db/schema/index.ts';
import type { CandidateStatus, CommitteeSessionStatus } from '#src/schemas/enums.ts';
import {
  decideCommitteeVote,
  type CommitteeDecision,
  type CommitteeRuleInput,
} from './decide-committee-vote.ts';

type TrackRow = typeof track.$inferSelect;
export type CommitteeRuleRow = typeof committeeRule.$inferSelect;

export interface CommitteeTallyView {
  candidateId: number;
  number: number;
  name: string;
  /** The candidate's status now (elected / not_elected once a round decided them). */
  status: CandidateStatus;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  publicVotes: number;
}

export interface CommitteeSessionView {
  id: number;
  round: number;
  heldOn: string;
  membersDue: number;
  membersPresent: number;
  status: CommitteeSessionStatus;
  recordedBy: number;
  recordedAt: string;
  confirmedBy: number | null;
  confirmedAt: string | null;
  /** Places open when this round was held. */
  quota: number;
  /**
   * A draft whose committee size no longer matches the rule (the rule changed after it was
   * recorded): it must be recorded again before it can be confirmed.
   */
  outdated: boolean;
  tallies: CommitteeTallyView[];
  /** Null while the campaign has no rule. */
  decision: CommitteeDecision | null;
}

export interface CommitteeDueCandidate {
  id: number;
  number: number;
  name: string;
  publicVotes: number;
}

export interface CommitteeTrackState {
  quota: number;
  /** Places filled by confirmed rounds. */
  placesFilled: number;
  placesRemaining: number;
  sessions: CommitteeSessionView[];
  /** The round to record next and who is due in it; no candidates when nothing is left to vote. */
  nextRound: { round: number; candidates: CommitteeDueCandidate[] };
  /** The draft of the next round, if one is recorded. */
  draft: CommitteeSessionView | null;
}

export function ruleInput(
  rule: CommitteeRuleRow,
  membersDue = rule.membersDue,
): CommitteeRuleInput {
  return { membersDue, quorum: rule.quorum, threshold: rule.threshold, tieBreak: rule.tieBreak };
}

/**
 * Everything about one track's committee vote, read in the caller's transaction: its sittings
 * with their decisions, how many places are filled, and who is due in the next round. Shared by
 * recording, confirming and the overview, so that all three agree on the quota and the field.
 *
 * Who a round elected is read from the candidates' statuses, which confirming set, rather than
 * recomputed: public votes could still move (voiding) after a round was confirmed, and the
 * confirmed outcome is what stands.
 */
export async function readCommitteeTrack(
  db: Db | Tx,
  input: { track: TrackRow; rule: CommitteeRuleRow | null },
): Promise<CommitteeTrackState> {
  const { track: t, rule } = input;
  const sessions = await db
    .select()
    .from(committeeSession)
    .where(eq(committeeSession.trackId, t.id))
    .orderBy(asc(committeeSession.round));
  const publicVotes = sql<number>`coalesce(${tally.votes}, 0)`;
  const tallyRows =
    sessions.length === 0
      ? []
      : await db
          .select({
            sessionId: committeeTally.sessionId,
            candidateId: committeeTally.candidateId,
            number: candidate.number,
            name: candidate.name,
            status: candidate.status,
            votesFor: committeeTally.votesFor,
            votesAgainst: committeeTally.votesAgainst,
            abstentions: committeeTally.abstentions,
            publicVotes,
          })
          .from(committeeTally)
          .innerJoin(candidate, eq(candidate.id, committeeTally.candidateId))
          .leftJoin(tally, eq(tally.candidateId, candidate.id))
          .where(
            inArray(
              committeeTally.sessionId,
              sessions.map((s) => s.id),
            ),
          )
          .orderBy(asc(candidate.number));
  const talliesOf = (sessionId: number): CommitteeTallyView[] =>
    tallyRows
      .filter((r) => r.sessionId === sessionId)
      .map(({ sessionId: _, publicVotes: votes, ...r }) => ({ ...r, publicVotes: Number(votes) }));

  const confirmed = sessions.filter((s) => s.status === 'confirmed');
  const views: CommitteeSessionView[] = [];
  let filled = 0;
  for (const s of sessions) {
    const tallies = talliesOf(s.id);
    const quota = Math.max(0, t.quota - filled);
    views.push({
      id: s.id,
      round: s.round,
      heldOn: s.heldOn,
      membersDue: s.membersDue,
      membersPresent: s.membersPresent,
      status: s.status,
      recordedBy: s.recordedBy,
      recordedAt: s.recordedAt.toISOString(),
      confirmedBy: s.confirmedBy,
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
      quota,
      outdated: s.status === 'draft' && rule !== null && rule.membersDue !== s.membersDue,
      tallies,
      decision:
        rule === null
          ? null
          : decideCommitteeVote({
              rule: ruleInput(rule, s.membersDue),
              quota,
              membersPresent: s.membersPresent,
              candidates: tallies.map((x) => ({
                id: x.candidateId,
                name: x.name,
                votesFor: x.votesFor,
                votesAgainst: x.votesAgainst,
                abstentions: x.abstentions,
                publicVotes: x.publicVotes,
              })),
            }),
    });
    if (s.status === 'confirmed') {
      // Elected in this round: elected now and not carried into the next confirmed round.
      const next = confirmed.find((o) => o.round === s.round + 1);
      const carried = new Set(next ? talliesOf(next.id).map((x) => x.candidateId) : []);
      filled += tallies.filter((x) => x.status === 'elected' && !carried.has(x.candidateId)).length;
    }
  }

  const last = confirmed.at(-1);
  const placesRemaining = Math.max(0, t.quota - filled);
  let due: CommitteeDueCandidate[];
  if (placesRemaining === 0) {
    due = [];
  } else if (!last) {
    due = (
      await db
        .select({ id: candidate.id, number: candidate.number, name: candidate.name, publicVotes })
        .from(candidate)
        .leftJoin(tally, eq(tally.candidateId, candidate.id))
        .where(and(eq(candidate.trackId, t.id), eq(candidate.status, 'second_shortlist')))
        .orderBy(asc(candidate.number))
    ).map((r) => ({ ...r, publicVotes: Number(r.publicVotes) }));
  } else {
    // Left for another round: whoever the last confirmed round neither elected nor rejected.
    due = talliesOf(last.id)
      .filter((x) => x.status === 'second_shortlist')
      .map((x) => ({
        id: x.candidateId,
        number: x.number,
        name: x.name,
        publicVotes: x.publicVotes,
      }));
  }
  const nextRoundNumber = (last?.round ?? 0) + 1;
  return {
    quota: t.quota,
    placesFilled: filled,
    placesRemaining,
    sessions: views,
    nextRound: { round: nextRoundNumber, candidates: due },
    draft: views.find((v) => v.status === 'draft' && v.round === nextRoundNumber) ?? null,
  };
}
