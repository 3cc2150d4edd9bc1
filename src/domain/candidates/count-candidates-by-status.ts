import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import type { CandidateStatus } from '#src/schemas/enums.ts';

/**
 * How many candidates each track has in each status, by track id: for the staff overview pages
 * and the stage preconditions. All campaigns, or one.
 */
export async function countCandidatesByStatus(
  db: Db | Tx,
  campaignId?: number,
): Promise<Map<number, Partial<Record<CandidateStatus, number>>>> {
  const rows = await db
    .select({ trackId: candidate.trackId, status: candidate.status, n: sql<number>`count(*)` })
    .from(candidate)
    .where(campaignId === undefined ? undefined : eq(candidate.campaignId, campaignId))
    .groupBy(candidate.trackId, candidate.status);
  const byTrack = new Map<number, Partial<Record<CandidateStatus, number>>>();
  for (const r of rows) {
    const counts = byTrack.get(r.trackId) ?? {};
    counts[r.status] = Number(r.n);
    byTrack.set(r.trackId, counts);
  }
  return byTrack;
}
