import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';

/**
 * Takes the portrait off a candidate. The image rows stay: other candidates, Markdown links or
 * an old notice may still use the same bytes, and a copy under an immutable URL may be cached.
 * Removing a portrait that is not there changes nothing and writes no audit entry.
 */
export async function removeCandidatePortrait(
  db: Db,
  input: { candidateId: number; actorId: number | null; now: Date },
) {
  const previous = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ portraitId: candidate.portraitId })
      .from(candidate)
      .where(eq(candidate.id, input.candidateId));
    if (!row) throw new DomainError('not_found', 'candidate_not_found', { id: input.candidateId });
    if (row.portraitId === null) return null;
    await tx
      .update(candidate)
      .set({ portraitId: null, updatedAt: input.now })
      .where(eq(candidate.id, input.candidateId));
    await recordAuditEntry(tx, {
      at: input.now,
      actorId: input.actorId,
      action: 'candidate.portrait_remove',
      entityType: 'candidate',
      entityId: input.candidateId,
      before: { portraitId: row.portraitId },
      after: { portraitId: null },
    });
    return row.portraitId;
  });
  return { candidateId: input.candidateId, portraitId: null, previousPortraitId: previous };
}
