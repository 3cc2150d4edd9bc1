import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';

/** A candidate's name and current portrait; `not_found` when there is no such candidate. */
export async function readCandidatePortrait(
  tx: Tx | Db,
  candidateId: number,
): Promise<{ name: string; portraitId: string | null }> {
  const [row] = await tx
    .select({ name: candidate.name, portraitId: candidate.portraitId })
    .from(candidate)
    .where(eq(candidate.id, candidateId));
  if (!row) throw new DomainError('not_found', 'candidate_not_found', { id: candidateId });
  return row;
}

/**
 * Points a candidate at another portrait (`to`), or at none (null), and audits the change as
 * `candidate.portrait_set` or `candidate.portrait_remove`, in the caller's transaction.
 */
export async function changeCandidatePortrait(
  tx: Tx,
  input: {
    candidateId: number;
    from: string | null;
    to: string | null;
    actorId: number | null;
    now: Date;
  },
): Promise<void> {
  await tx
    .update(candidate)
    .set({ portraitId: input.to, updatedAt: input.now })
    .where(eq(candidate.id, input.candidateId));
  await recordAuditEntry(tx, input, {
    action: input.to === null ? 'candidate.portrait_remove' : 'candidate.portrait_set',
    entityType: 'candidate',
    entityId: input.candidateId,
    before: { portraitId: input.from },
    after: { portraitId: input.to },
  });
}
