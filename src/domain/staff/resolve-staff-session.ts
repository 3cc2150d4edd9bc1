import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { staffSession, staffUser } from '#src/db/schema/index.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { sessionEndOf, staffSessionTouchIntervalMs } from './session-lifetime.ts';
import { isWellFormedSessionToken, sessionIdOf } from './session-token.ts';
import type { StaffUserView } from './staff-user-view.ts';
import { secondFactorRequiredRoles } from '#src/schemas/enums.ts';

/** Who is making a request, as the HTTP layer sees it. */
export interface StaffSessionContext {
  user: StaffUserView;
  sessionId: string;
  csrfToken: string;
  /** The password was chosen by an admin or the command line: the pages ask for a new one. */
  passwordSetByOther: boolean;
  secondFactorOn: boolean;
  /**
   * The role requires a second factor (secondFactorRequiredRoles) and the account has none yet:
   * the session may set one up and nothing else.
   */
  secondFactorMissing: boolean;
}

export interface ResolveStaffSessionInput {
  /** The cookie's value, as sent. */
  token: string;
  now: Date;
}

/**
 * The live session a cookie's token belongs to, or null. A session past its absolute or idle
 * timeout, or of a disabled account, is deleted on sight. lastSeenAt is refreshed at most once
 * a minute.
 *
 * The lookup is by the token's SHA-256, so comparing in constant time is not needed: an
 * attacker cannot steer which bytes of the stored hash an index lookup compares.
 */
export async function resolveStaffSession(
  db: Db,
  input: ResolveStaffSessionInput,
): Promise<StaffSessionContext | null> {
  if (!isWellFormedSessionToken(input.token)) return null;
  const sessionId = sessionIdOf(input.token);
  const [row] = await db
    .select({ session: staffSession, user: staffUser })
    .from(staffSession)
    .innerJoin(staffUser, eq(staffUser.id, staffSession.userId))
    .where(eq(staffSession.id, sessionId));
  if (!row) return null;
  const { session, user } = row;
  const now = input.now;

  const end = user.disabledAt ? 'disabled' : sessionEndOf(session, now);
  if (end) {
    await db.transaction(async (tx) => {
      const gone = await tx
        .delete(staffSession)
        .where(eq(staffSession.id, sessionId))
        .returning({ id: staffSession.id });
      // Two requests may find the same dead session; only the one that removed it says so.
      if (gone.length === 0) return;
      await recordAccountAudit(
        tx,
        { actorId: null, now },
        {
          action: 'staff.session_end',
          userId: user.id,
          after: { reason: end },
        },
      );
    });
    return null;
  }

  // Not audited: a refresh changes no one's rights, and one row a minute per active staff
  // member would drown the changes the audit log is for.
  if (now.getTime() - session.lastSeenAt.getTime() >= staffSessionTouchIntervalMs) {
    await db.transaction(async (tx) => {
      await tx
        .update(staffSession)
        .set({ lastSeenAt: now })
        .where(and(eq(staffSession.id, sessionId), lt(staffSession.lastSeenAt, now)));
    });
  }

  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
    sessionId,
    csrfToken: session.csrfToken,
    passwordSetByOther: user.passwordSetByOther,
    secondFactorOn: user.totpSecret !== null,
    secondFactorMissing: user.totpSecret === null && secondFactorRequiredRoles.includes(user.role),
  };
}
