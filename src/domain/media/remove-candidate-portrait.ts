import type { Db } from '#src/db/client.ts';
import { changeCandidatePortrait, readCandidatePortrait } from './change-candidate-portrait.ts';

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
    const row = await readCandidatePortrait(tx, input.candidateId);
    if (row.portraitId === null) return null;
    await changeCandidatePortrait(tx, { ...input, from: row.portraitId, to: null });
    return row.portraitId;
  });
  return { candidateId: input.candidateId, portraitId: null, previousPortraitId: previous };
}
