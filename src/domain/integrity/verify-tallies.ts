import { sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';

export interface TallyMismatch {
  candidateId: number;
  stored: number;
  recomputed: number;
}

/**
 * Recomputes every candidate's count from the picks of counted ballots and lists where the
 * stored tally differs. Candidates without a tally row count as 0.
 */
export async function verifyTallies(
  db: Db,
): Promise<{ candidates: number; mismatches: TallyMismatch[] }> {
  const rows = await db.all<{ candidate_id: number; stored: number; recomputed: number }>(sql`
    select c.id as candidate_id,
           coalesce(t.votes, 0) as stored,
           (select count(*) from ballot_pick p join ballot b on b.id = p.ballot_id
             where p.candidate_id = c.id and b.status = 'counted') as recomputed
    from candidate c left join tally t on t.candidate_id = c.id
  `);
  return {
    candidates: rows.length,
    mismatches: rows
      .filter((r) => Number(r.stored) !== Number(r.recomputed))
      .map((r) => ({
        candidateId: Number(r.candidate_id),
        stored: Number(r.stored),
        recomputed: Number(r.recomputed),
      })),
  };
}
