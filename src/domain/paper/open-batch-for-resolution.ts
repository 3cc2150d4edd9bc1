import type { Tx } from '#src/db/client.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';
import { compareBatchPasses, type BatchComparison } from './compare-batch-passes.ts';
import { getOpenEntryBatch, type EntryBatch } from './get-entry-batch.ts';

/** Only an admin or a monitor settles a difference between two passes. */
export function checkResolverRole(role: StaffRole): void {
  if (role !== 'admin' && role !== 'monitor') throw new DomainError('forbidden', 'forbidden');
}

/**
 * A batch and the comparison of its passes, for settling a difference: refused once the vote is
 * certified, while a pass is still being entered, and to anyone who entered one of its passes.
 */
export async function openBatchForResolution(
  tx: Tx,
  input: { batchId: number; actorId: number },
): Promise<{ batch: EntryBatch; comparison: BatchComparison }> {
  const batch = await getOpenEntryBatch(tx, input.batchId);
  const comparison = await compareBatchPasses(tx, input.batchId);
  if (comparison.state === 'entering') throw new DomainError('conflict', 'batch_not_ready');
  if (comparison.passes.some((p) => p.tellerId === input.actorId)) {
    throw new DomainError('forbidden', 'resolver_entered_batch');
  }
  return { batch, comparison };
}
