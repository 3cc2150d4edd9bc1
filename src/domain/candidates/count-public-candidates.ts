import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { candidate } from '../../db/schema/index.ts';
import { publicCandidateStatuses } from '../../schemas/enums.ts';

/** How many public candidates each track of a campaign has, by track id. */
export async function countPublicCandidates(
  db: Db,
  campaignId: number,
): Promise<Map<number, number>> {
  const rows = await db
    .select({ trackId: candidate.trackId, n: count() })
    .from(candidate)
    .where(
      and(eq(candidate.campaignId, campaignId), inArray(candidate.status, publicCandidateStatuses)),
    )
    .groupBy(candidate.trackId);
  return new Map(rows.map((r) => [r.trackId, r.n]));
}
