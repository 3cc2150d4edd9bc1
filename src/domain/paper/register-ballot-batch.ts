import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballotBatch, campaign, resultCertificate, track } from '#src/db/schema/index.ts';
import type { BallotBatchInput } from '#src/schemas/paper.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';

/** Serials start here, so that every printed serial is eight digits without a leading zero. */
const firstEverSerial = 1000000;

/**
 * Registers a batch of printed ballots for a track and channel and gives it the next free
 * serial range. Refused when the track does not run the channel, and once the campaign's
 * results are certified (no ballot enters the count after that; a trigger holds it too).
 */
export async function registerBallotBatch(
  db: Db,
  input: { campaignSlug: string; batch: BallotBatchInput; actorId: number; now: Date },
): Promise<{ id: number; firstSerial: number; ballotCount: number }> {
  const { batch } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ campaignId: campaign.id, track })
      .from(track)
      .innerJoin(campaign, eq(campaign.id, track.campaignId))
      .where(and(eq(campaign.slug, input.campaignSlug), eq(track.slug, batch.trackSlug)));
    if (!row) throw new DomainError('not_found', 'track_not_found', { slug: batch.trackSlug });
    const runs = batch.channel === 'paper' ? row.track.paperChannel : row.track.onsiteChannel;
    if (!runs) {
      throw new DomainError('conflict', 'channel_not_run', { channel: batch.channel });
    }
    const certified = await tx.query.resultCertificate.findFirst({
      where: eq(resultCertificate.campaignId, row.campaignId),
    });
    if (certified) throw new DomainError('conflict', 'paper_after_certification');
    const [next] = await tx
      .select({
        serial: sql<number>`coalesce(max(${ballotBatch.firstSerial} + ${ballotBatch.ballotCount}), ${firstEverSerial})`,
      })
      .from(ballotBatch);
    const firstSerial = next!.serial;
    if (firstSerial + batch.ballotCount - 1 > 9999999) {
      throw new DomainError('conflict', 'serials_exhausted');
    }
    const [made] = await tx
      .insert(ballotBatch)
      .values({
        campaignId: row.campaignId,
        trackId: row.track.id,
        channel: batch.channel,
        label: batch.label,
        destination: batch.destination,
        ballotCount: batch.ballotCount,
        firstSerial,
        registeredBy: input.actorId,
        registeredAt: input.now,
      })
      .returning({ id: ballotBatch.id });
    await recordAuditEntry(tx, input, {
      action: 'ballot_batch.register',
      entityType: 'ballot_batch',
      entityId: made!.id,
      after: { ...batch, firstSerial },
    });
    return { id: made!.id, firstSerial, ballotCount: batch.ballotCount };
  });
}
