import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '#src/db/client.ts';
import { staffSession, staffTrustedDevice } from '#src/db/schema/index.ts';

/**
 * Deletes every session of an account inside the caller's transaction (log out everywhere,
 * disabling, a password reset) and says how many there were, for the audit entry. Devices
 * remembered after a second-factor login are forgotten too: whoever fears a copied cookie
 * fears a copied device cookie as much.
 */
export async function endAllSessions(tx: Tx, userId: number): Promise<number> {
  await tx.delete(staffTrustedDevice).where(eq(staffTrustedDevice.userId, userId));
  const ended = await tx
    .delete(staffSession)
    .where(eq(staffSession.userId, userId))
    .returning({ id: staffSession.id });
  return ended.length;
}

/**
 * Deletes every session of an account but `keepSessionId`, the one a change is made from (a new
 * password, a new second factor), and says how many there were, for the audit entry.
 */
export async function endOtherSessions(
  tx: Tx,
  userId: number,
  keepSessionId: string,
): Promise<number> {
  const ended = await tx
    .delete(staffSession)
    .where(and(eq(staffSession.userId, userId), ne(staffSession.id, keepSessionId)))
    .returning({ id: staffSession.id });
  return ended.length;
}
