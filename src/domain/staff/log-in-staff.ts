import { and, count, desc, eq, gt, lt, lte, max, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { loginAttempt, staffSession, staffUser } from '../../db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { findStaffUserByEmail, normaliseStaffEmail } from './find-staff-user-by-email.ts';
import {
  loginRetryAfterSeconds,
  loginThrottleWindowMs,
  type FailureSummary,
} from './login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { staffSessionAbsoluteTimeoutMs, staffSessionIdleTimeoutMs } from './session-lifetime.ts';
import { newCsrfToken, newSessionToken, sessionIdOf } from './session-token.ts';
import { toStaffUserView, type StaffUserView } from './staff-user-view.ts';

export interface LogInStaffInput {
  email: string;
  password: string;
  /** Keyed hash of the client address (voter-identity.ts's addressHash); never the address. */
  addressHash: string;
  userAgent?: string;
  now: Date;
}

export interface StaffLogin {
  /** For the cookie only; the database keeps its SHA-256 as the session id. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: StaffUserView;
}

/**
 * Logs a staff member in: throttle, verify, open a new session.
 *
 * Every failure looks the same from outside: an unknown email, a wrong password and a disabled
 * account all give `unauthenticated`/`bad_credentials`, and an unknown email is verified
 * against a dummy hash so that it costs the same scrypt as a known one. Every login gets a new
 * session id (no session fixation): a token the browser had before is never promoted.
 */
export async function logInStaff(db: Db, input: LogInStaffInput): Promise<StaffLogin> {
  const email = normaliseStaffEmail(input.email);
  const now = input.now;

  // The throttle check and the record of this attempt share one transaction, and the attempt
  // is recorded as failed before the password is checked (and marked successful afterwards).
  // Otherwise a burst of parallel guesses would all pass the check before any was counted.
  const attemptId = await db.transaction(async (tx) => {
    const retryAfterSeconds = loginRetryAfterSeconds(
      await accountFailures(tx, email, now),
      await addressFailures(tx, input.addressHash, now),
      now,
    );
    // A throttled attempt is refused before the password is looked at, and not recorded: the
    // lock must run out even while an attacker keeps trying.
    if (retryAfterSeconds !== null) {
      throw new DomainError('rate_limited', 'login_throttled', { retryAfterSeconds });
    }
    const [row] = await tx
      .insert(loginAttempt)
      .values({ at: now, email, addressHash: input.addressHash, succeeded: false })
      .returning({ id: loginAttempt.id });
    return row!.id;
  });

  // The dummy hash is made on the first login of the process, whichever kind: were it made only
  // for an unknown email, that first answer would be slower and tell the email has no account.
  const dummyHash = await dummyPasswordHash();
  const user = await findStaffUserByEmail(db, email);
  const matches = await verifyPassword(input.password, user?.passwordHash ?? dummyHash);
  if (!user || !matches || user.disabledAt) {
    throw new DomainError('unauthenticated', 'bad_credentials');
  }

  const token = newSessionToken();
  const sessionId = sessionIdOf(token);
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(now.getTime() + staffSessionAbsoluteTimeoutMs);

  return db.transaction(async (tx) => {
    // scrypt took half a second outside any transaction: the account may have been disabled
    // or its password reset meanwhile, and then this login must not open a session.
    const current = await tx.query.staffUser.findFirst({ where: eq(staffUser.id, user.id) });
    if (!current || current.disabledAt || current.passwordHash !== user.passwordHash) {
      throw new DomainError('unauthenticated', 'bad_credentials');
    }
    await tx.update(loginAttempt).set({ succeeded: true }).where(eq(loginAttempt.id, attemptId));
    // Sessions of this account that ended without a request to notice it are cleared here, so
    // dead rows do not pile up.
    await tx
      .delete(staffSession)
      .where(
        and(
          eq(staffSession.userId, user.id),
          or(
            lte(staffSession.expiresAt, now),
            lt(staffSession.lastSeenAt, new Date(now.getTime() - staffSessionIdleTimeoutMs)),
          ),
        ),
      );
    await tx.insert(staffSession).values({
      id: sessionId,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: (input.userAgent ?? '').slice(0, 256),
      csrfToken,
    });
    await recordAuditEntry(tx, {
      at: now,
      actorId: user.id,
      action: 'staff.login',
      entityType: 'staff_user',
      entityId: user.id,
      before: null,
      after: { sessionExpiresAt: expiresAt.toISOString() },
    });
    return { token, sessionId, csrfToken, expiresAt, user: toStaffUserView(current) };
  });
}

/** Failures for this email inside the window since its last success there. */
async function accountFailures(tx: Tx, email: string, now: Date): Promise<FailureSummary> {
  const recent = await tx
    .select({ at: loginAttempt.at, succeeded: loginAttempt.succeeded })
    .from(loginAttempt)
    .where(
      and(
        eq(loginAttempt.email, email),
        gt(loginAttempt.at, new Date(now.getTime() - loginThrottleWindowMs)),
      ),
    )
    .orderBy(desc(loginAttempt.at), desc(loginAttempt.id));
  const sinceSuccess = recent.findIndex((a) => a.succeeded);
  const failures = sinceSuccess === -1 ? recent : recent.slice(0, sinceSuccess);
  return { count: failures.length, latestAt: failures[0]?.at ?? null };
}

/** Failures from this address inside the window; successes do not wipe them. */
async function addressFailures(tx: Tx, addressHash: string, now: Date): Promise<FailureSummary> {
  const [row] = await tx
    .select({ n: count(), latest: max(loginAttempt.at) })
    .from(loginAttempt)
    .where(
      and(
        eq(loginAttempt.addressHash, addressHash),
        eq(loginAttempt.succeeded, false),
        gt(loginAttempt.at, new Date(now.getTime() - loginThrottleWindowMs)),
      ),
    );
  return { count: row?.n ?? 0, latestAt: row?.latest ?? null };
}
