import type { Tx } from '#src/db/client.ts';
import { recordAuditEntry, type AuditActor, type AuditEntry } from '../audit/record-audit-entry.ts';

/**
 * Appends the audit entry of something done to a staff account (`userId`): a login, a logout, a
 * password or second-factor change. Never secrets in `before` or `after`.
 */
export function recordAccountAudit(
  tx: Tx,
  by: AuditActor,
  entry: Omit<AuditEntry, 'entityType' | 'entityId'> & { userId: number },
): Promise<void> {
  const { userId, ...rest } = entry;
  return recordAuditEntry(tx, by, { ...rest, entityType: 'staff_user', entityId: userId });
}
