import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { candidate } from '../../db/schema/index.ts';
import type { CandidateStatus } from '../../schemas/enums.ts';

/** How many candidates each track has in each status, for the staff overview pages. */
export async function countCandidatesByStatus(
  db: Db,
): Promise<Map<number, Partial<Record<CandidateStatus, number>>>> {
  const rows = await db
    .select({ trackId: candidate.trackId, status: candidate.status, n: sql<number>`count(*)` })
    .from(candidate)
    .groupBy(candidate.trackId, candidate.status);
  const byTrack = new Map<number, Partial<Record<CandidateStatus, number>>>();
  for (const r of rows) {
    const counts = byTrack.get(r.trackId) ?? {};
    counts[r.status] = Number(r.n);
    byTrack.set(r.trackId, counts);
  }
  return byTrack;
}
