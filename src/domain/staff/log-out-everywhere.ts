import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { staffSession } from '../../db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';

export interface LogOutEverywhereInput {
  userId: number;
  /** Who asked; the account's owner from the API, null from the command line. */
  actorId: number | null;
  now: Date;
}

/**
 * Ends every session of an account, on every device: for a staff member who fears a cookie was
 * copied or left on a shared computer. Returns how many sessions were ended.
 */
export async function logOutEverywhere(db: Db, input: LogOutEverywhereInput): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(staffSession)
      .where(eq(staffSession.userId, input.userId))
      .returning({ id: staffSession.id });
    await recordAuditEntry(tx, {
      at: input.now,
      actorId: input.actorId,
      action: 'staff.logout_everywhere',
      entityType: 'staff_user',
      entityId: input.userId,
      before: null,
      after: { sessionsEnded: ended.length },
    });
    return ended.length;
  });
}
