import { and, asc, count, eq, isNull, notExists } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import {
  ballotBatch,
  batchPass,
  campaign,
  paperEntry,
  resultCertificate,
  staffUser,
  tallySheet,
  track,
} from '#src/db/schema/index.ts';
import { formatSerial } from './compute-check-digit.ts';

export interface EntryBatchSummary {
  id: number;
  campaignTitle: string;
  trackName: string;
  channel: 'paper' | 'onsite';
  label: string;
  ballotCount: number;
  firstSerial: string;
  lastSerial: string;
  /** Each pass begun: who enters it and how many ballots (current entries) it holds. */
  passes: { pass: number; teller: string; tellerId: number; entered: number; tally: boolean }[];
}

/** Batches still open for entry (their campaign is not certified), with both passes' progress. */
export async function listEntryBatches(db: Db): Promise<EntryBatchSummary[]> {
  const batches = await db
    .select({ batch: ballotBatch, campaignTitle: campaign.title, trackName: track.name })
    .from(ballotBatch)
    .innerJoin(campaign, eq(campaign.id, ballotBatch.campaignId))
    .innerJoin(track, eq(track.id, ballotBatch.trackId))
    .where(
      notExists(
        db
          .select({ id: resultCertificate.campaignId })
          .from(resultCertificate)
          .where(eq(resultCertificate.campaignId, ballotBatch.campaignId)),
      ),
    )
    .orderBy(asc(ballotBatch.id));
  const [passes, entries, tallies] = await Promise.all([
    db
      .select({
        batchId: batchPass.batchId,
        pass: batchPass.pass,
        tellerId: batchPass.tellerId,
        teller: staffUser.displayName,
      })
      .from(batchPass)
      .innerJoin(staffUser, eq(staffUser.id, batchPass.tellerId)),
    db
      .select({ batchId: paperEntry.batchId, pass: paperEntry.pass, n: count() })
      .from(paperEntry)
      .where(isNull(paperEntry.replacedAt))
      .groupBy(paperEntry.batchId, paperEntry.pass),
    db
      .select({ batchId: tallySheet.batchId, pass: tallySheet.pass })
      .from(tallySheet)
      .where(and(isNull(tallySheet.replacedAt))),
  ]);
  return batches.map(({ batch: b, campaignTitle, trackName }) => ({
    id: b.id,
    campaignTitle,
    trackName,
    channel: b.channel,
    label: b.label,
    ballotCount: b.ballotCount,
    firstSerial: formatSerial(b.firstSerial),
    lastSerial: formatSerial(b.firstSerial + b.ballotCount - 1),
    passes: passes
      .filter((p) => p.batchId === b.id)
      .sort((x, y) => x.pass - y.pass)
      .map((p) => ({
        pass: p.pass,
        teller: p.teller,
        tellerId: p.tellerId,
        entered: entries.find((e) => e.batchId === b.id && e.pass === p.pass)?.n ?? 0,
        tally: tallies.some((t) => t.batchId === b.id && t.pass === p.pass),
      })),
  }));
}
