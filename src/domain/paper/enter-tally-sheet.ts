import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { paperEntry, tallySheet } from '#src/db/schema/index.ts';
import type { TallySheetInput } from '#src/schemas/paper.ts';
import { DomainError } from '../errors.ts';
import { claimBatchPass, passClaimError } from './claim-batch-pass.ts';
import { recordBatchAudit } from './record-batch-audit.ts';
import { getOpenEntryBatch } from './get-entry-batch.ts';

/**
 * Records an on-site booth's tally sheet in the teller's pass of its batch, after checking that
 * it adds up: the candidates' votes sum to the stated total, no candidate has more votes than
 * valid ballots, the total fits the pick rule, and no more ballots were cast than printed. A
 * batch is entered either ballot by ballot or by its sheet, never both. Audited; a correction
 * is a new row, the earlier sheet kept.
 */
export async function enterTallySheet(
  db: Db,
  input: { batchId: number; sheet: TallySheetInput; tellerId: number; now: Date },
): Promise<{ id: number; pass: number; corrected: boolean }> {
  const { sheet } = input;
  try {
    return await db.transaction(async (tx) => {
      const b = await getOpenEntryBatch(tx, input.batchId);
      if (b.batch.channel !== 'onsite') throw new DomainError('conflict', 'tally_not_onsite');
      const ballots = await tx
        .select({ id: paperEntry.id })
        .from(paperEntry)
        .where(eq(paperEntry.batchId, b.batch.id))
        .limit(1);
      if (ballots.length > 0) throw new DomainError('conflict', 'batch_entered_by_ballots');
      if (sheet.ballotsCast > b.batch.ballotCount) {
        throw new DomainError('rule_violation', 'tally_over_batch', {
          cast: sheet.ballotsCast,
          printed: b.batch.ballotCount,
        });
      }
      const printed = new Set(b.candidates.map((c) => c.number));
      const counts = Object.entries(sheet.counts).map(([n, votes]) => [Number(n), votes] as const);
      const stray = counts.find(([n]) => !printed.has(n));
      if (stray)
        throw new DomainError('invalid_request', 'pick_not_on_ballot', { number: stray[0] });
      const valid = sheet.ballotsCast - sheet.invalidBallots;
      const over = counts.find(([, votes]) => votes > valid);
      if (over) {
        throw new DomainError('rule_violation', 'tally_count_over_ballots', {
          number: over[0],
          count: over[1],
          valid,
        });
      }
      const sum = counts.reduce((s, [, votes]) => s + votes, 0);
      if (sum !== sheet.totalVotes) {
        throw new DomainError('rule_violation', 'tally_total_mismatch', {
          sum,
          total: sheet.totalVotes,
        });
      }
      if (sheet.totalVotes > valid * b.track.maxPicks) {
        throw new DomainError('rule_violation', 'tally_votes_over_picks', {
          total: sheet.totalVotes,
          valid,
          maxPicks: b.track.maxPicks,
        });
      }
      const pass = await claimBatchPass(tx, input);
      const [earlier] = await tx
        .select()
        .from(tallySheet)
        .where(
          and(
            eq(tallySheet.batchId, b.batch.id),
            eq(tallySheet.pass, pass),
            isNull(tallySheet.replacedAt),
          ),
        );
      if (earlier && !sheet.correction) {
        throw new DomainError('conflict', 'tally_already_entered');
      }
      if (earlier) {
        await tx
          .update(tallySheet)
          .set({ replacedAt: input.now })
          .where(eq(tallySheet.id, earlier.id));
      }
      // Every printed candidate is on the sheet, with 0 where the booth counted none.
      const full = Object.fromEntries(
        b.candidates.map((c) => [String(c.number), sheet.counts[String(c.number)] ?? 0]),
      );
      const figures = {
        ballotsCast: sheet.ballotsCast,
        invalidBallots: sheet.invalidBallots,
        counts: full,
        totalVotes: sheet.totalVotes,
      };
      const [made] = await tx
        .insert(tallySheet)
        .values({
          batchId: b.batch.id,
          pass,
          ...figures,
          counts: JSON.stringify(full),
          enteredBy: input.tellerId,
          enteredAt: input.now,
        })
        .returning({ id: tallySheet.id });
      await recordBatchAudit(tx, input, {
        action: earlier ? 'tally_sheet.correct' : 'tally_sheet.enter',
        batchId: b.batch.id,
        before: earlier
          ? {
              pass,
              ballotsCast: earlier.ballotsCast,
              invalidBallots: earlier.invalidBallots,
              counts: JSON.parse(earlier.counts),
              totalVotes: earlier.totalVotes,
            }
          : undefined,
        after: { pass, ...figures },
      });
      return { id: made!.id, pass, corrected: Boolean(earlier) };
    });
  } catch (e) {
    if (databaseErrorMentions(e, 'tally_sheet.batch_id', 'tally_sheet_batch_pass_current')) {
      throw new DomainError('conflict', 'tally_already_entered');
    }
    throw passClaimError(e);
  }
}
