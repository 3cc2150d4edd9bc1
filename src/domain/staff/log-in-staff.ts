import { and, count, desc, eq, gt, lt, lte, max, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { loginAttempt, staffSession, staffTrustedDevice, staffUser } from '#src/db/schema/index.ts';
import { withBotCheck, type BotCheckProof } from '../bot-check/pass-bot-check.ts';
import { recordAccountAudit } from './record-account-audit.ts';
import { DomainError } from '../errors.ts';
import { findStaffUserByEmail, normaliseStaffEmail } from './find-staff-user-by-email.ts';
import {
  accountNeedsProof,
  loginRetryAfterSeconds,
  loginThrottleWindowMs,
  type FailureSummary,
} from './login-throttle.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { staffSessionAbsoluteTimeoutMs, staffSessionIdleTimeoutMs } from './session-lifetime.ts';
import { proveSecondFactor } from './prove-second-factor.ts';
import { newCsrfToken, newSessionToken, sessionIdOf } from './session-token.ts';
import { toStaffUserView, type StaffUserView } from './staff-user-view.ts';

export interface LogInStaffInput {
  email: string;
  password: string;
  /**
   * Keyed hash of what the throttle counts of the client address (an IPv4 address, an IPv6
   * /64) under the day's key (voter-identity.ts's addressHash); never the address.
   */
  addressHash: string;
  /** Keyed hash of the browser's staff device cookie (a new one when it had none). */
  deviceHash: string;
  /** The bot-check proof the form sent, if any: asked for after repeated failures. */
  botCheck: BotCheckProof | null;
  /** A code of the account's authenticator app or a recovery code, when it has a second factor. */
  secondFactorCode?: string | null;
  /** After a second-factor code: skip the code on this device for trustedDeviceDays. */
  rememberDevice?: boolean;
  userAgent?: string;
  now: Date;
}

/** How long "remember this device" spares a browser the second-factor code. */
const trustedDeviceDays = 30;

export interface StaffLogin {
  /** For the cookie only; the database keeps its SHA-256 as the session id. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: StaffUserView;
}

/**
 * Logs a staff member in: throttle (login-throttle.ts), verify, open a new session.
 *
 * Every failure looks the same from outside: an unknown email, a wrong password and a disabled
 * account all give `unauthenticated`/`bad_credentials`, and an unknown email is verified
 * against a dummy hash so that it costs the same scrypt as a known one. Every login gets a new
 * session id (no session fixation): a token the browser had before is never promoted.
 *
 * An account with a second factor then needs a code of its app or a recovery code
 * (`second_factor_required` asks for one, `second_factor_failed` refuses a wrong or used one),
 * unless the browser's device was remembered after such a login. Both refusals stay recorded as
 * failed attempts, so guessing codes meets the same throttle as guessing passwords.
 */
export async function logInStaff(db: Db, input: LogInStaffInput): Promise<StaffLogin> {
  const email = normaliseStaffEmail(input.email);
  const now = input.now;
  const attempt = { email, addressHash: input.addressHash, deviceHash: input.deviceHash, now };

  // The throttle check and the record of this attempt share one transaction, and the attempt
  // is recorded as failed before the password is checked (and marked successful afterwards).
  // Otherwise a burst of parallel guesses would all pass the check before any was counted.
  let attemptId = await db.transaction(async (tx) => {
    const verdict = await judgeAttempt(tx, attempt);
    return verdict.needsProof ? null : recordAttempt(tx, attempt);
  });
  if (attemptId === null) {
    // The account has failed repeatedly and this address or device is new to it: a proof of
    // work stands in for the wait a lock would impose, and no password is looked at without one.
    if (!input.botCheck) {
      throw new DomainError('bot_check_failed', 'login_proof_required', {
        codes: ['proof-required'],
      });
    }
    attemptId = await withBotCheck(db, input.botCheck, now, 'login_proof_failed', async (use) => {
      const id = await db.transaction(async (tx) => {
        const claimed = await tx.all(sql`insert into bot_token_use (token_hash, used_at)
          values (${use.keyHash}, ${now.getTime()}) on conflict do nothing returning 1 as spent`);
        if (claimed.length === 0) {
          throw new DomainError('bot_check_failed', 'login_proof_failed', {
            codes: ['token-already-used'],
          });
        }
        // Judged again: the proof does not lift a wait or an address's block.
        await judgeAttempt(tx, attempt);
        return recordAttempt(tx, attempt);
      });
      use.markSpent();
      return id;
    });
  }

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
    const secondFactor = await passSecondFactor(tx, current, input);
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
    await recordAccountAudit(
      tx,
      { actorId: user.id, now },
      {
        action: 'staff.login',
        userId: user.id,
        after: { sessionExpiresAt: expiresAt.toISOString(), secondFactor },
      },
    );
    return { token, sessionId, csrfToken, expiresAt, user: toStaffUserView(current) };
  });
}

/**
 * The second step of a login, inside its transaction: nothing for an account without a second
 * factor, a remembered device, or a code (spent here, and the device remembered when asked).
 */
async function passSecondFactor(
  tx: Tx,
  user: typeof staffUser.$inferSelect,
  input: LogInStaffInput,
): Promise<'none' | 'remembered_device' | 'totp' | 'recovery_code'> {
  if (user.totpSecret === null) return 'none';
  const now = input.now;
  const code = input.secondFactorCode?.trim() ?? '';
  if (code === '') {
    const remembered = await tx.query.staffTrustedDevice.findFirst({
      where: and(
        eq(staffTrustedDevice.userId, user.id),
        eq(staffTrustedDevice.deviceHash, input.deviceHash),
        gt(staffTrustedDevice.trustedUntil, now),
      ),
    });
    if (remembered) return 'remembered_device';
    throw new DomainError('unauthenticated', 'second_factor_required');
  }
  const method = await proveSecondFactor(tx, user, code, now, 'unauthenticated');
  if (input.rememberDevice) {
    const trustedUntil = new Date(now.getTime() + trustedDeviceDays * 24 * 3600 * 1000);
    await tx
      .insert(staffTrustedDevice)
      .values({ userId: user.id, deviceHash: input.deviceHash, trustedUntil })
      .onConflictDoUpdate({
        target: [staffTrustedDevice.userId, staffTrustedDevice.deviceHash],
        set: { trustedUntil },
      });
  }
  return method;
}

interface Attempt {
  email: string;
  addressHash: string;
  deviceHash: string;
  now: Date;
}

/**
 * What the throttle says about an attempt (login-throttle.ts): refuses it with 429 while a wait
 * runs, and says whether it needs a bot-check proof.
 */
async function judgeAttempt(tx: Tx, a: Attempt): Promise<{ needsProof: boolean }> {
  const known = await knownSource(tx, a);
  const pair =
    known === 'device'
      ? await failuresSinceSuccess(tx, a.now, [
          eq(loginAttempt.email, a.email),
          eq(loginAttempt.deviceHash, a.deviceHash),
        ])
      : await failuresSinceSuccess(tx, a.now, [
          eq(loginAttempt.email, a.email),
          eq(loginAttempt.addressHash, a.addressHash),
        ]);
  const address = known === null ? await addressFailures(tx, a.addressHash, a.now) : null;
  const retryAfterSeconds = loginRetryAfterSeconds(pair, address, a.now);
  // A throttled attempt is refused before the password is looked at, and not recorded: the
  // wait must run out even while an attacker keeps trying.
  if (retryAfterSeconds !== null) {
    throw new DomainError('rate_limited', 'login_throttled', { retryAfterSeconds });
  }
  if (known !== null) return { needsProof: false };
  const account = await failuresSinceSuccess(tx, a.now, [eq(loginAttempt.email, a.email)]);
  return { needsProof: accountNeedsProof(account) };
}

async function recordAttempt(tx: Tx, a: Attempt): Promise<number> {
  const [row] = await tx
    .insert(loginAttempt)
    .values({
      at: a.now,
      email: a.email,
      addressHash: a.addressHash,
      deviceHash: a.deviceHash,
      succeeded: false,
    })
    .returning({ id: loginAttempt.id });
  return row!.id;
}

/**
 * Whether the account has logged in from this device (its staff device cookie) or this address
 * before, as far as the kept attempts tell: a device for 30 days, an address for the day (its
 * hash changes with the day's key).
 */
async function knownSource(tx: Tx, a: Attempt): Promise<'device' | 'address' | null> {
  const [row] = await tx
    .select({
      byDevice: sql<number>`coalesce(max(${loginAttempt.deviceHash} = ${a.deviceHash}), 0)`,
      byAddress: sql<number>`coalesce(max(${loginAttempt.addressHash} = ${a.addressHash}), 0)`,
    })
    .from(loginAttempt)
    .where(and(eq(loginAttempt.email, a.email), eq(loginAttempt.succeeded, true)));
  if (a.deviceHash !== '' && Number(row?.byDevice) === 1) return 'device';
  if (Number(row?.byAddress) === 1) return 'address';
  return null;
}

/** Failures matching `where` inside the window, since the last success that matches it too. */
async function failuresSinceSuccess(tx: Tx, now: Date, where: SQL[]): Promise<FailureSummary> {
  const recent = await tx
    .select({ at: loginAttempt.at, succeeded: loginAttempt.succeeded })
    .from(loginAttempt)
    .where(and(...where, gt(loginAttempt.at, new Date(now.getTime() - loginThrottleWindowMs))))
    .orderBy(desc(loginAttempt.at), desc(loginAttempt.id));
  const sinceSuccess = recent.findIndex((r) => r.succeeded);
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
