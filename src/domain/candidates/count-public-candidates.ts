import { and, count, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import { publicCandidateCondition } from './public-candidate-condition.ts';

/** How many public candidates each track of a campaign has, by track id. */
export async function countPublicCandidates(
  db: Db,
  campaignId: number,
  options: { preview?: boolean } = {},
): Promise<Map<number, number>> {
  const rows = await db
    .select({ trackId: candidate.trackId, n: count() })
    .from(candidate)
    .where(and(eq(candidate.campaignId, campaignId), publicCandidateCondition(options)))
    .groupBy(candidate.trackId);
  return new Map(rows.map((r) => [r.trackId, r.n]));
}
