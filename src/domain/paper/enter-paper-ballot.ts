import { and, eq, isNull, lte, gte, sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { ballotBatch, paperEntry, tallySheet } from '#src/db/schema/index.ts';
import type { PaperInvalidReason } from '#src/schemas/enums.ts';
import type { PaperEntryInput } from '#src/schemas/paper.ts';
import { DomainError } from '../errors.ts';
import { claimBatchPass, passClaimError } from './claim-batch-pass.ts';
import { formatSerial, parseSerial } from './compute-check-digit.ts';
import { recordBatchAudit } from './record-batch-audit.ts';
import { getOpenEntryBatch } from './get-entry-batch.ts';
import { judgePaperPicks, readMarkedPicks } from './judge-paper-picks.ts';

export interface EnteredBallot {
  id: number;
  pass: number;
  serial: string;
  picks: number[];
  invalidReason: PaperInvalidReason | null;
  corrected: boolean;
}

/**
 * Records one paper ballot as a teller read it, in the teller's pass of the batch. The serial
 * must be well formed, carry its check digit, lie in this batch's printed range, and not be
 * entered yet in this pass (a photocopy, an invented number or a ballot counted twice is
 * refused). Picks must be numbers printed on the ballot; a ballot with too many, too few, none
 * or unreadable marks is recorded as invalid with its reason, never dropped. Audited.
 */
export async function enterPaperBallot(
  db: Db,
  input: { batchId: number; entry: PaperEntryInput; tellerId: number; now: Date },
): Promise<EnteredBallot> {
  const { entry } = input;
  const parsed = parseSerial(entry.serial);
  if (!parsed.ok) throw new DomainError('invalid_request', parsed.reason);
  const serial = parsed.body;
  try {
    return await db.transaction(async (tx) => {
      const b = await getOpenEntryBatch(tx, input.batchId);
      const last = b.batch.firstSerial + b.batch.ballotCount - 1;
      if (serial < b.batch.firstSerial || serial > last) {
        const [other] = await tx
          .select({ label: ballotBatch.label })
          .from(ballotBatch)
          .where(
            and(
              lte(ballotBatch.firstSerial, serial),
              gte(sql`${ballotBatch.firstSerial} + ${ballotBatch.ballotCount} - 1`, serial),
            ),
          );
        throw other
          ? new DomainError('rule_violation', 'serial_other_batch', { batch: other.label })
          : new DomainError('rule_violation', 'serial_unknown', {
              first: formatSerial(b.batch.firstSerial),
              last: formatSerial(last),
            });
      }
      const tally = await tx
        .select({ id: tallySheet.id })
        .from(tallySheet)
        .where(eq(tallySheet.batchId, b.batch.id))
        .limit(1);
      if (tally.length > 0) throw new DomainError('conflict', 'batch_entered_by_tally');
      const picks = readMarkedPicks(entry.picks, b.candidates);
      const pass = await claimBatchPass(tx, input);
      const [earlier] = await tx
        .select()
        .from(paperEntry)
        .where(
          and(
            eq(paperEntry.serial, serial),
            eq(paperEntry.pass, pass),
            isNull(paperEntry.replacedAt),
          ),
        );
      if (earlier && !entry.correction) {
        throw new DomainError('conflict', 'serial_already_entered', {
          serial: formatSerial(serial),
          picks: JSON.parse(earlier.picks) as number[],
          invalidReason: earlier.invalidReason,
        });
      }
      if (earlier) {
        await tx
          .update(paperEntry)
          .set({ replacedAt: input.now })
          .where(eq(paperEntry.id, earlier.id));
      }
      const unreadable = entry.unreadable;
      const invalidReason = judgePaperPicks(picks, b.track, unreadable);
      const kept = unreadable ? [] : picks;
      const [made] = await tx
        .insert(paperEntry)
        .values({
          batchId: b.batch.id,
          pass,
          serial,
          picks: JSON.stringify(kept),
          invalidReason,
          enteredBy: input.tellerId,
          enteredAt: input.now,
        })
        .returning({ id: paperEntry.id });
      await recordBatchAudit(tx, input, {
        action: earlier ? 'paper_entry.correct' : 'paper_entry.enter',
        batchId: b.batch.id,
        before: earlier
          ? {
              ballotSerial: formatSerial(serial),
              pass,
              picks: JSON.parse(earlier.picks),
              invalidReason: earlier.invalidReason,
            }
          : undefined,
        after: { ballotSerial: formatSerial(serial), pass, picks: kept, invalidReason },
      });
      return {
        id: made!.id,
        pass,
        serial: formatSerial(serial),
        picks: kept,
        invalidReason,
        corrected: Boolean(earlier),
      };
    });
  } catch (e) {
    // Two tellers claiming the last pass at once, or one serial sent twice at once.
    if (databaseErrorMentions(e, 'paper_entry.serial', 'paper_entry_serial_pass_current')) {
      throw new DomainError('conflict', 'serial_already_entered', { serial: formatSerial(serial) });
    }
    throw passClaimError(e);
  }
}
