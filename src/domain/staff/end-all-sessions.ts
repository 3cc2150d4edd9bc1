import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { staffSession } from '../../db/schema/index.ts';

/**
 * Deletes every session of an account inside the caller's transaction (log out everywhere,
 * disabling, a password reset) and says how many there were, for the audit entry.
 */
export async function endAllSessions(tx: Tx, userId: number): Promise<number> {
  const ended = await tx
    .delete(staffSession)
    .where(eq(staffSession.userId, userId))
    .returning({ id: staffSession.id });
  return ended.length;
}
