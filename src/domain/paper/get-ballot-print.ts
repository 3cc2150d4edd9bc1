import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballotBatch, campaign, candidate, track } from '#src/db/schema/index.ts';
import { publicCandidateStatuses } from '#src/schemas/enums.ts';
import { printPartSize } from '#src/schemas/paper.ts';
import { DomainError } from '../errors.ts';
import { formatSerial } from './compute-check-digit.ts';

export interface BallotPrint {
  campaign: { slug: string; title: string; organiser: string };
  track: { name: string; kind: 'unit' | 'individual'; minPicks: number; maxPicks: number };
  batch: typeof ballotBatch.$inferSelect;
  candidates: { number: number; name: string; organisation: string }[];
  /** The serials of this part of the batch, as printed. */
  serials: string[];
  part: number;
  parts: number;
}

/**
 * What a batch's ballots print: every shortlisted candidate of the track with its number, the
 * pick rule, where to send or cast it, and one serial per ballot. A large batch prints in parts
 * of `printPartSize` ballots (`part` counts from 1), so one page never renders thousands.
 */
export async function getBallotPrint(
  db: Db,
  input: { campaignSlug: string; batchId: number; part: number },
): Promise<BallotPrint> {
  const [row] = await db
    .select({ batch: ballotBatch, campaign, track })
    .from(ballotBatch)
    .innerJoin(campaign, eq(campaign.id, ballotBatch.campaignId))
    .innerJoin(track, eq(track.id, ballotBatch.trackId))
    .where(and(eq(ballotBatch.id, input.batchId), eq(campaign.slug, input.campaignSlug)));
  if (!row) throw new DomainError('not_found', 'batch_not_found', { id: input.batchId });
  const parts = Math.ceil(row.batch.ballotCount / printPartSize);
  if (input.part < 1 || input.part > parts) {
    throw new DomainError('not_found', 'batch_part_not_found', { part: input.part, parts });
  }
  const candidates = await db
    .select({
      number: candidate.number,
      name: candidate.name,
      organisation: candidate.organisation,
    })
    .from(candidate)
    .where(
      and(eq(candidate.trackId, row.track.id), inArray(candidate.status, publicCandidateStatuses)),
    )
    .orderBy(asc(candidate.number));
  const from = row.batch.firstSerial + (input.part - 1) * printPartSize;
  const to = Math.min(from + printPartSize, row.batch.firstSerial + row.batch.ballotCount);
  const serials: string[] = [];
  for (let body = from; body < to; body++) serials.push(formatSerial(body));
  return {
    campaign: {
      slug: row.campaign.slug,
      title: row.campaign.title,
      organiser: row.campaign.organiser,
    },
    track: {
      name: row.track.name,
      kind: row.track.kind,
      minPicks: row.track.minPicks,
      maxPicks: row.track.maxPicks,
    },
    batch: row.batch,
    candidates,
    serials,
    part: input.part,
    parts,
  };
}
