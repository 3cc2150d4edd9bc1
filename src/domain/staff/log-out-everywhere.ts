import { recordAccountAudit } from './record-account-audit.ts';
import type { Db } from '#src/db/client.ts';
import { endAllSessions } from './end-all-sessions.ts';

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
    const sessionsEnded = await endAllSessions(tx, input.userId);
    await recordAccountAudit(tx, input, {
      action: 'staff.logout_everywhere',
      userId: input.userId,
      after: { sessionsEnded },
    });
    return sessionsEnded;
  });
}
