import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { campaign, candidate, tally, track } from '#src/db/schema/index.ts';
import type { CandidateStatus } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';
import { allowedNextStatuses } from './change-candidate-status.ts';
import {
  toStaffCandidateView,
  type CandidateContext,
  type StaffCandidateView,
} from './staff-candidate-view.ts';

export interface LoadedCandidate {
  row: typeof candidate.$inferSelect;
  context: CandidateContext;
  votes: number;
}

/** The candidate row with its campaign's stage and its track's kind; `not_found` otherwise. */
export async function loadCandidate(db: Db | Tx, id: number): Promise<LoadedCandidate> {
  const [found] = await db
    .select({
      row: candidate,
      campaign: campaign.slug,
      campaignStage: campaign.stage,
      track: track.slug,
      trackKind: track.kind,
      votes: tally.votes,
    })
    .from(candidate)
    .innerJoin(campaign, eq(campaign.id, candidate.campaignId))
    .innerJoin(track, eq(track.id, candidate.trackId))
    .leftJoin(tally, eq(tally.candidateId, candidate.id))
    .where(eq(candidate.id, id));
  if (!found) throw new DomainError('not_found', 'candidate_not_found', { id });
  const { row, votes, ...context } = found;
  return { row, context, votes: votes ?? 0 };
}

/**
 * One candidate for staff, whatever its status, with its public vote count and the statuses it
 * may move to now (so a form offers only moves the verb will accept).
 */
export async function getStaffCandidate(
  db: Db,
  id: number,
): Promise<StaffCandidateView & { nextStatuses: CandidateStatus[] }> {
  const { row, context, votes } = await loadCandidate(db, id);
  return {
    ...toStaffCandidateView(row, context, votes),
    nextStatuses: allowedNextStatuses(row.status, context.campaignStage),
  };
}
