import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import {
  ballotBatch,
  campaign,
  candidate,
  resultCertificate,
  track,
} from '#src/db/schema/index.ts';
import { publicCandidateStatuses } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';

export interface EntryBatch {
  batch: typeof ballotBatch.$inferSelect;
  campaign: { id: number; slug: string; title: string };
  track: {
    id: number;
    name: string;
    kind: 'unit' | 'individual';
    minPicks: number;
    maxPicks: number;
  };
  /** The candidates printed on the ballot, by number. */
  candidates: { id: number; number: number; name: string }[];
  certified: boolean;
}

/** A batch with what entering it needs: its track's pick rule and the ballot's candidates. */
export async function getEntryBatch(db: Db | Tx, batchId: number): Promise<EntryBatch> {
  const [row] = await db
    .select({ batch: ballotBatch, campaign, track })
    .from(ballotBatch)
    .innerJoin(campaign, eq(campaign.id, ballotBatch.campaignId))
    .innerJoin(track, eq(track.id, ballotBatch.trackId))
    .where(eq(ballotBatch.id, batchId));
  if (!row) throw new DomainError('not_found', 'batch_not_found', { id: batchId });
  const [candidates, certificate] = await Promise.all([
    db
      .select({ id: candidate.id, number: candidate.number, name: candidate.name })
      .from(candidate)
      .where(
        and(
          eq(candidate.trackId, row.track.id),
          inArray(candidate.status, publicCandidateStatuses),
        ),
      )
      .orderBy(asc(candidate.number)),
    db
      .select({ id: resultCertificate.campaignId })
      .from(resultCertificate)
      .where(eq(resultCertificate.campaignId, row.campaign.id)),
  ]);
  return {
    batch: row.batch,
    campaign: { id: row.campaign.id, slug: row.campaign.slug, title: row.campaign.title },
    track: {
      id: row.track.id,
      name: row.track.name,
      kind: row.track.kind,
      minPicks: row.track.minPicks,
      maxPicks: row.track.maxPicks,
    },
    candidates,
    certified: certificate.length > 0,
  };
}

/**
 * A batch that still takes entries and settlements: `paper_after_certification` once its
 * campaign's vote is certified, which nothing changes afterwards.
 */
export async function getOpenEntryBatch(tx: Tx, batchId: number): Promise<EntryBatch> {
  const b = await getEntryBatch(tx, batchId);
  if (b.certified) throw new DomainError('conflict', 'paper_after_certification');
  return b;
}
