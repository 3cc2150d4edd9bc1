import type { Tx } from '#src/db/client.ts';
import { recordAuditEntry, type AuditEntry } from '../audit/record-audit-entry.ts';

/**
 * Appends the audit entry of what a teller did in their pass of a batch (entered or corrected a
 * ballot or a tally sheet, finished the pass): the batch is what was acted on, the teller acted.
 */
export function recordBatchAudit(
  tx: Tx,
  input: { tellerId: number; now: Date },
  entry: Omit<AuditEntry, 'entityType' | 'entityId'> & { batchId: number },
): Promise<void> {
  const { batchId, ...rest } = entry;
  return recordAuditEntry(
    tx,
    { actorId: input.tellerId, now: input.now },
    { ...rest, entityType: 'ballot_batch', entityId: batchId },
  );
}
