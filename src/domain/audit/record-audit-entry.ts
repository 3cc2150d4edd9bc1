import type { Db, Tx } from '#src/db/client.ts';
import { auditLog } from '#src/db/schema/index.ts';

/** Who acted and when: a verb passes its own input, which carries both. */
export interface AuditActor {
  /** The staff member who acted; null for the command line and the system itself. */
  actorId: number | null;
  now: Date;
}

/** What was done to what. */
export interface AuditEntry {
  /** `<area>.<verb>`, e.g. `staff.create`. */
  action: string;
  entityType: string;
  entityId: string | number;
  /** JSON snapshots of the changed fields. Never secrets: no password hashes, no tokens. */
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one row to the audit log. Takes the caller's transaction on purpose: a change and its
 * audit row are committed together or not at all.
 */
export async function recordAuditEntry(
  tx: Tx | Db,
  by: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditLog).values({
    at: by.now,
    actorId: by.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
