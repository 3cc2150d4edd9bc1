import type { Db } from '#src/db/client.ts';
import { changeCandidatePortrait, readCandidatePortrait } from './change-candidate-portrait.ts';
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
  await readCandidatePortrait(db, input.candidateId);

  const image = await prepareImageCopies(input.bytes, { purpose: 'portrait' });
  const before = await db.transaction(async (tx) => {
    // Read again inside the transaction: the candidate may have gone while we encoded.
    const row = await readCandidatePortrait(tx, input.candidateId);
    await insertImageCopies(tx, image, row.name);
    await changeCandidatePortrait(tx, { ...input, from: row.portraitId, to: image.mainId });
    return row.portraitId;
  });
  return {
    candidateId: input.candidateId,
    portraitId: image.mainId,
    previousPortraitId: before,
    copies: describeCopies(image),
  };
}
