import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { batchPass } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { recordBatchAudit } from './record-batch-audit.ts';
import { getOpenEntryBatch } from './get-entry-batch.ts';

/**
 * A teller says their pass of a batch is complete. From then on it takes no more entries, and
 * once both passes are finished they are compared ballot by ballot. Audited.
 */
export async function finishBatchPass(
  db: Db,
  input: { batchId: number; tellerId: number; now: Date },
): Promise<{ pass: number }> {
  return db.transaction(async (tx) => {
    await getOpenEntryBatch(tx, input.batchId);
    const [mine] = await tx
      .select()
      .from(batchPass)
      .where(and(eq(batchPass.batchId, input.batchId), eq(batchPass.tellerId, input.tellerId)));
    if (!mine) throw new DomainError('conflict', 'pass_not_started');
    if (mine.finishedAt) throw new DomainError('conflict', 'pass_finished', { pass: mine.pass });
    await tx.update(batchPass).set({ finishedAt: input.now }).where(eq(batchPass.id, mine.id));
    await recordBatchAudit(tx, input, {
      action: 'batch_pass.finish',
      batchId: input.batchId,
      after: { pass: mine.pass },
    });
    return { pass: mine.pass };
  });
}
