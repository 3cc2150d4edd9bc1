import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, committeeSession, committeeTally, track } from '#src/db/schema/index.ts';
import type { CommitteeTallyInput } from '#src/schemas/committee.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { decideCommitteeVote } from './decide-committee-vote.ts';
import { requireCommitteeRule } from './require-committee-rule.ts';
import {
  readCommitteeTrack,
  ruleInput,
  type CommitteeSessionView,
} from './read-committee-track.ts';

export interface RecordCommitteeSessionInput {
  campaignSlug: string;
  trackSlug: string;
  heldOn: string;
  membersPresent: number;
  tallies: CommitteeTallyInput[];
  actorId: number;
  now: Date;
}

/**
 * Records (or re-records) the draft of a track's next committee round: the first round votes on
 * every candidate of the second shortlist; a later round on exactly those the previous confirmed
 * round left tied. A draft of the same round is replaced, tallies and all. Returns the draft with
 * its decision, so staff see the outcome before confirming.
 */
export async function recordCommitteeSession(
  db: Db,
  input: RecordCommitteeSessionInput,
): Promise<CommitteeSessionView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ campaign, track })
      .from(track)
      .innerJoin(campaign, eq(campaign.id, track.campaignId))
      .where(and(eq(campaign.slug, input.campaignSlug), eq(track.slug, input.trackSlug)));
    if (!row) {
      const [c] = await tx.select().from(campaign).where(eq(campaign.slug, input.campaignSlug));
      if (!c)
        throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
      throw new DomainError('not_found', 'track_not_found', { slug: input.trackSlug });
    }
    const rule = await requireCommitteeRule(tx, row.campaign);
    if (input.membersPresent > rule.membersDue) {
      throw new DomainError('rule_violation', 'committee_present_exceeds_due', {
        present: input.membersPresent,
        due: rule.membersDue,
      });
    }

    const state = await readCommitteeTrack(tx, { track: row.track, rule });
    const due = state.nextRound.candidates;
    if (due.length === 0) {
      throw new DomainError('conflict', 'committee_no_candidates_due', {
        round: state.nextRound.round,
        placesRemaining: state.placesRemaining,
      });
    }
    const given = new Set(input.tallies.map((x) => x.candidateId));
    if (given.size !== input.tallies.length) {
      const dup = input.tallies.find((x, i) =>
        input.tallies.some((y, j) => j < i && y.candidateId === x.candidateId),
      )!;
      throw new DomainError('rule_violation', 'committee_duplicate_tally', {
        candidateId: dup.candidateId,
      });
    }
    const dueIds = new Set(due.map((d) => d.id));
    const unexpected = input.tallies.map((x) => x.candidateId).filter((id) => !dueIds.has(id));
    if (unexpected.length > 0) {
      throw new DomainError('rule_violation', 'committee_tally_unexpected', {
        round: state.nextRound.round,
        candidateIds: unexpected,
      });
    }
    const missing = due.filter((d) => !given.has(d.id));
    if (missing.length > 0) {
      throw new DomainError('rule_violation', 'committee_tally_missing', {
        round: state.nextRound.round,
        candidateIds: missing.map((d) => d.id),
        names: missing.map((d) => d.name).join('、'),
      });
    }
    // Throws committee_votes_exceed_present with the candidate's name before anything is written.
    decideCommitteeVote({
      rule: ruleInput(rule),
      quota: state.placesRemaining,
      membersPresent: input.membersPresent,
      candidates: input.tallies.map((x) => {
        const d = due.find((o) => o.id === x.candidateId)!;
        return { id: d.id, name: d.name, publicVotes: d.publicVotes, ...x };
      }),
    });

    const draft = state.draft;
    const fields = {
      membersDue: rule.membersDue,
      membersPresent: input.membersPresent,
      heldOn: input.heldOn,
      recordedBy: input.actorId,
      recordedAt: input.now,
    };
    let sessionId: number;
    if (draft) {
      sessionId = draft.id;
      await tx.update(committeeSession).set(fields).where(eq(committeeSession.id, draft.id));
      await tx.delete(committeeTally).where(eq(committeeTally.sessionId, draft.id));
    } else {
      const [created] = await tx
        .insert(committeeSession)
        .values({
          campaignId: row.campaign.id,
          trackId: row.track.id,
          round: state.nextRound.round,
          ...fields,
        })
        .returning({ id: committeeSession.id });
      sessionId = created!.id;
    }
    const tallies = input.tallies.map((x) => ({
      candidateId: x.candidateId,
      votesFor: x.votesFor,
      votesAgainst: x.votesAgainst,
      abstentions: x.abstentions,
    }));
    await tx.insert(committeeTally).values(tallies.map((x) => ({ sessionId, ...x })));
    await recordAuditEntry(tx, input, {
      action: 'committee.record_session',
      entityType: 'committee_session',
      entityId: sessionId,
      before: draft ? snapshot(draft) : null,
      after: {
        track: row.track.slug,
        round: state.nextRound.round,
        heldOn: input.heldOn,
        membersDue: rule.membersDue,
        membersPresent: input.membersPresent,
        tallies,
      },
    });
    const after = await readCommitteeTrack(tx, { track: row.track, rule });
    return after.sessions.find((s) => s.id === sessionId)!;
  });
}

function snapshot(s: CommitteeSessionView) {
  return {
    round: s.round,
    heldOn: s.heldOn,
    membersDue: s.membersDue,
    membersPresent: s.membersPresent,
    tallies: s.tallies.map((x) => ({
      candidateId: x.candidateId,
      votesFor: x.votesFor,
      votesAgainst: x.votesAgainst,
      abstentions: x.abstentions,
    })),
  };
}
