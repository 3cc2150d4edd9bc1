import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { describeCopies, insertImageCopies } from './insert-image-copies.ts';
import { prepareImageCopies } from './prepare-image-copies.ts';

/**
 * Makes an uploaded photo a candidate's portrait: 3:4 copies stored, the candidate pointed at
 * the main one and the change audited, all in one transaction.
 */
export async function setCandidatePortrait(
  db: Db,
  input: { candidateId: number; bytes: Uint8Array; actorId: number | null; now: Date },
) {
  // A cheap look first, so a typo in the id does not cost an encode.
  const exists = await db.query.candidate.findFirst({
    columns: { id: true },
    where: eq(candidate.id, input.candidateId),
  });
  if (!exists) throw new DomainError('not_found', 'candidate_not_found', { id: input.candidateId });

  const image = await prepareImageCopies(input.bytes, { purpose: 'portrait' });
  const before = await db.transaction(async (tx) => {
    // Read again inside the transaction: the candidate may have gone while we encoded.
    const [row] = await tx
      .select({ name: candidate.name, portraitId: candidate.portraitId })
      .from(candidate)
      .where(eq(candidate.id, input.candidateId));
    if (!row) throw new DomainError('not_found', 'candidate_not_found', { id: input.candidateId });
    await insertImageCopies(tx, image, row.name);
    await tx
      .update(candidate)
      .set({ portraitId: image.mainId, updatedAt: input.now })
      .where(eq(candidate.id, input.candidateId));
    await recordAuditEntry(tx, {
      at: input.now,
      actorId: input.actorId,
      action: 'candidate.portrait_set',
      entityType: 'candidate',
      entityId: input.candidateId,
      before: { portraitId: row.portraitId },
      after: { portraitId: image.mainId },
    });
    return row.portraitId;
  });
  return {
    candidateId: input.candidateId,
    portraitId: image.mainId,
    previousPortraitId: before,
    copies: describeCopies(image),
  };
}
