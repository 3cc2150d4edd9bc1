import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, candidate, committeeSession, track } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { readCommitteeTrack, type CommitteeSessionView } from './read-committee-track.ts';
import { requireCommitteeRule } from './require-committee-rule.ts';

/**
 * Confirms a draft sitting: the decision is computed again inside the transaction (from the
 * stored tallies, the rule and the public votes as they stand), the sitting becomes the frozen
 * record of the meeting, and each candidate it decided becomes elected or not_elected. Those
 * left tied stay on the second shortlist for the next round.
 */
export async function confirmCommitteeSession(
  db: Db,
  input: { sessionId: number; actorId: number; now: Date },
): Promise<CommitteeSessionView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ session: committeeSession, campaign, track })
      .from(committeeSession)
      .innerJoin(campaign, eq(campaign.id, committeeSession.campaignId))
      .innerJoin(track, eq(track.id, committeeSession.trackId))
      .where(eq(committeeSession.id, input.sessionId));
    if (!row) {
      throw new DomainError('not_found', 'committee_session_not_found', { id: input.sessionId });
    }
    const s = row.session;
    if (s.status === 'confirmed') {
      throw new DomainError('conflict', 'committee_session_confirmed', {
        id: s.id,
        confirmedAt: s.confirmedAt?.toISOString() ?? null,
      });
    }
    const rule = await requireCommitteeRule(tx, row.campaign);
    if (rule.membersDue !== s.membersDue) {
      throw new DomainError('conflict', 'committee_draft_outdated', {
        recordedDue: s.membersDue,
        due: rule.membersDue,
      });
    }
    const state = await readCommitteeTrack(tx, { track: row.track, rule });
    const draft = state.draft;
    const dueIds = state.nextRound.candidates.map((c) => c.id).sort((a, b) => a - b);
    const recordedIds = (draft?.tallies ?? []).map((x) => x.candidateId).sort((a, b) => a - b);
    // Someone changed a candidate's status since the draft was recorded (withdrawn, say): the
    // tallies no longer cover exactly the field, so the draft must be recorded again.
    if (draft?.id !== s.id || dueIds.join() !== recordedIds.join()) {
      throw new DomainError('conflict', 'committee_candidates_changed', {
        due: dueIds,
        recorded: recordedIds,
      });
    }
    const decision = draft.decision!;
    if (!decision.valid) {
      throw new DomainError('rule_violation', 'committee_no_quorum', {
        present: decision.membersPresent,
        needed: decision.quorumNeeded,
        due: decision.membersDue,
      });
    }

    const confirmed = await tx
      .update(committeeSession)
      .set({ status: 'confirmed', confirmedBy: input.actorId, confirmedAt: input.now })
      .where(and(eq(committeeSession.id, s.id), eq(committeeSession.status, 'draft')))
      .returning({ id: committeeSession.id });
    // Another process confirmed it between our read and this write.
    if (confirmed.length === 0) {
      throw new DomainError('conflict', 'committee_session_confirmed', { id: s.id });
    }
    await recordAuditEntry(tx, input, {
      action: 'committee.confirm_session',
      entityType: 'committee_session',
      entityId: s.id,
      before: { status: 'draft' },
      after: {
        status: 'confirmed',
        confirmedBy: input.actorId,
        confirmedAt: input.now.toISOString(),
        track: row.track.slug,
        round: s.round,
        quota: decision.quota,
        summary: decision.summary,
        outcomes: decision.candidates.map((c) => ({
          candidateId: c.id,
          votesFor: c.votesFor,
          publicVotes: c.publicVotes,
          outcome: c.outcome,
        })),
      },
    });
    for (const c of decision.candidates) {
      if (c.outcome !== 'elected' && c.outcome !== 'not_elected') continue;
      await tx
        .update(candidate)
        .set({ status: c.outcome, updatedAt: input.now })
        .where(eq(candidate.id, c.id));
      await recordAuditEntry(tx, input, {
        action: 'committee.decide_candidate',
        entityType: 'candidate',
        entityId: c.id,
        before: { status: 'second_shortlist' },
        after: { status: c.outcome, sessionId: s.id, round: s.round, explanation: c.explanation },
      });
    }
    const after = await readCommitteeTrack(tx, { track: row.track, rule });
    return after.sessions.find((x) => x.id === s.id)!;
  });
}
