import { eq } from 'drizzle-orm';
import { recordAccountAudit } from './record-account-audit.ts';
import type { Db } from '#src/db/client.ts';
import { staffSession } from '#src/db/schema/index.ts';

export interface LogOutStaffInput {
  sessionId: string;
  now: Date;
}

/**
 * Ends one session (this browser). Logging out twice is not an error: the second time there is
 * nothing left to end, and nothing is recorded. Returns whether a session was ended.
 */
export async function logOutStaff(db: Db, input: LogOutStaffInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(staffSession)
      .where(eq(staffSession.id, input.sessionId))
      .returning({ userId: staffSession.userId });
    if (!ended) return false;
    await recordAccountAudit(
      tx,
      { actorId: ended.userId, now: input.now },
      {
        action: 'staff.logout',
        userId: ended.userId,
        after: { sessionsEnded: 1 },
      },
    );
    return true;
  });
}
