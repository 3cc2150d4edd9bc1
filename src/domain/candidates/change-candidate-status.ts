import { eq, inArray } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, candidate } from '#src/db/schema/index.ts';
import { candidateStatuses, type CampaignStage, type CandidateStatus } from '#src/schemas/enums.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { stagesBeforeVote } from '../campaigns/voting-window.ts';

const anyStage = null;

/**
 * Which status may follow which, and in which stages (null: any). The public list is settled
 * before the vote: nobody joins it (or goes back to nominated) once the public has seen the
 * ballot. The second shortlist is drawn up in its own stage, after the vote closed; elected and
 * not elected are the committee's outcome, set (and corrected) only while it votes. Withdrawal
 * is possible at any time before a result.
 */
const transitions: Record<
  CandidateStatus,
  Partial<Record<CandidateStatus, readonly CampaignStage[] | null>>
> = {
  nominated: { shortlisted: stagesBeforeVote, withdrawn: anyStage },
  shortlisted: {
    second_shortlist: ['second_shortlist'],
    nominated: stagesBeforeVote,
    withdrawn: anyStage,
  },
  second_shortlist: {
    shortlisted: ['second_shortlist'],
    elected: ['committee_vote'],
    not_elected: ['committee_vote'],
    withdrawn: anyStage,
  },
  elected: { not_elected: ['committee_vote'] },
  not_elected: { elected: ['committee_vote'] },
  withdrawn: { nominated: stagesBeforeVote },
};

function isStatusTransitionAllowed(
  from: CandidateStatus,
  to: CandidateStatus,
  stage: CampaignStage,
): boolean {
  if (!Object.hasOwn(transitions[from], to)) return false;
  const stages = transitions[from][to];
  return stages === null || stages === undefined || stages.includes(stage);
}

/** The statuses a candidate may move to now, for the buttons of a form. */
export function allowedNextStatuses(
  from: CandidateStatus,
  stage: CampaignStage,
): CandidateStatus[] {
  return candidateStatuses.filter((to) => isStatusTransitionAllowed(from, to, stage));
}

export interface ChangeCandidateStatusInput {
  ids: number[];
  to: CandidateStatus;
  note?: string | undefined;
  actorId: number | null;
  now: Date;
}

export interface ChangeCandidateStatusResult {
  to: CandidateStatus;
  changed: { id: number; name: string; from: CandidateStatus; to: CandidateStatus }[];
  /** Candidates already in the target status: left as they are, named for the report. */
  unchanged: { id: number; name: string }[];
}

/**
 * Moves one or several candidates to a new status. A candidate already in the target status is
 * skipped and named in the answer (selecting all and choosing 已入围 must not fail because one
 * was shortlisted already). Otherwise all or nothing: every candidate is checked before any is
 * written, so a list with one illegal move changes nobody, and the refusal names each one. One
 * audit entry per candidate, so each one's history reads on its own.
 */
export async function changeCandidateStatus(
  db: Db,
  input: ChangeCandidateStatusInput,
): Promise<ChangeCandidateStatusResult> {
  const ids = [...new Set(input.ids)];
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: candidate.id,
        name: candidate.name,
        status: candidate.status,
        stage: campaign.stage,
      })
      .from(candidate)
      .innerJoin(campaign, eq(campaign.id, candidate.campaignId))
      .where(inArray(candidate.id, ids));
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length > 0) {
      throw new DomainError('not_found', 'candidate_not_found', { ids: missing });
    }
    const unchanged = ids
      .map((id) => rows.find((r) => r.id === id)!)
      .filter((r) => r.status === input.to)
      .map((r) => ({ id: r.id, name: r.name }));
    const refused = rows
      .filter((r) => r.status !== input.to)
      .filter((r) => !isStatusTransitionAllowed(r.status, input.to, r.stage))
      .map((r) => ({ id: r.id, name: r.name, from: r.status, to: input.to, stage: r.stage }));
    if (refused.length > 0) {
      const first = refused[0]!;
      throw new DomainError('rule_violation', 'status_transition_not_allowed', {
        from: first.from,
        to: first.to,
        stage: first.stage,
        refused,
      });
    }
    const changed = [];
    for (const id of ids) {
      const r = rows.find((x) => x.id === id)!;
      if (r.status === input.to) continue;
      await tx
        .update(candidate)
        .set({ status: input.to, updatedAt: input.now })
        .where(eq(candidate.id, id));
      await recordAuditEntry(tx, input, {
        action: 'candidate.status_change',
        entityType: 'candidate',
        entityId: id,
        before: { status: r.status },
        after: { status: input.to, ...(input.note ? { note: input.note } : {}) },
      });
      changed.push({ id, name: r.name, from: r.status, to: input.to });
    }
    return { to: input.to, changed, unchanged };
  });
}
