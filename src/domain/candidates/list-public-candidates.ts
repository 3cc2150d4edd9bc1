import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import { publicCandidateCondition } from './public-candidate-condition.ts';

export type CandidateRow = typeof candidate.$inferSelect;

/**
 * The candidates of a track that the public may see, in ballot-number order. Ordering never
 * depends on votes, so hidden counts cannot leak through the order of a list.
 */
export async function listPublicCandidates(
  db: Db,
  trackId: number,
  options: { preview?: boolean } = {},
): Promise<CandidateRow[]> {
  return db
    .select()
    .from(candidate)
    .where(and(eq(candidate.trackId, trackId), publicCandidateCondition(options)))
    .orderBy(asc(candidate.number));
}
