import { and, asc, eq, gt, lt, desc } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import { publicCandidateCondition } from './public-candidate-condition.ts';
import { DomainError } from '../errors.ts';
import type { CandidateRow } from './list-public-candidates.ts';

export interface PublicCandidate {
  candidate: CandidateRow;
  previous: Pick<CandidateRow, 'id' | 'name' | 'number'> | null;
  next: Pick<CandidateRow, 'id' | 'name' | 'number'> | null;
}

const neighbour = { id: candidate.id, name: candidate.name, number: candidate.number };

/** One public candidate of a campaign, with its neighbours in ballot order. */
export async function getPublicCandidate(
  db: Db,
  campaignId: number,
  candidateId: number,
  options: { preview?: boolean } = {},
): Promise<PublicCandidate> {
  const isPublic = publicCandidateCondition(options);
  const row = await db.query.candidate.findFirst({
    where: and(eq(candidate.id, candidateId), eq(candidate.campaignId, campaignId), isPublic),
  });
  if (!row) throw new DomainError('not_found', 'candidate_not_found', { id: candidateId });
  const sameTrack = and(eq(candidate.trackId, row.trackId), isPublic);
  const [previous, next] = await Promise.all([
    db
      .select(neighbour)
      .from(candidate)
      .where(and(sameTrack, lt(candidate.number, row.number)))
      .orderBy(desc(candidate.number))
      .limit(1),
    db
      .select(neighbour)
      .from(candidate)
      .where(and(sameTrack, gt(candidate.number, row.number)))
      .orderBy(asc(candidate.number))
      .limit(1),
  ]);
  return { candidate: row, previous: previous[0] ?? null, next: next[0] ?? null };
}
