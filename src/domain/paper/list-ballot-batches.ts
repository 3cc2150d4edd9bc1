import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballotBatch, track } from '#src/db/schema/index.ts';
import { formatSerial } from './compute-check-digit.ts';

export interface BallotBatchView {
  id: number;
  trackSlug: string;
  trackName: string;
  channel: 'paper' | 'onsite';
  label: string;
  destination: string;
  ballotCount: number;
  /** First and last serial as printed (with their check digits). */
  firstSerial: string;
  lastSerial: string;
  registeredAt: Date;
}

/** A campaign's printed batches, in the order they were registered. */
export async function listBallotBatches(db: Db, campaignId: number): Promise<BallotBatchView[]> {
  const rows = await db
    .select({ batch: ballotBatch, trackSlug: track.slug, trackName: track.name })
    .from(ballotBatch)
    .innerJoin(track, eq(track.id, ballotBatch.trackId))
    .where(eq(ballotBatch.campaignId, campaignId))
    .orderBy(asc(ballotBatch.id));
  return rows.map(({ batch: b, trackSlug, trackName }) => ({
    id: b.id,
    trackSlug,
    trackName,
    channel: b.channel,
    label: b.label,
    destination: b.destination,
    ballotCount: b.ballotCount,
    firstSerial: formatSerial(b.firstSerial),
    lastSerial: formatSerial(b.firstSerial + b.ballotCount - 1),
    registeredAt: b.registeredAt,
  }));
}
