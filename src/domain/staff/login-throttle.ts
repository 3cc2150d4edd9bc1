/**
 * The login throttle's policy, as pure functions over the attempts recorded in `login_attempt`
 * (log-in-staff.ts reads them and records each attempt).
 *
 * Per account: after 5 failures within 15 minutes, the email is refused for a backoff that
 * starts at 1 minute and doubles with each further failure, up to 15 minutes. Refused attempts
 * are not recorded, so the lock always ends: an attacker who knows a colleague's email can keep
 * them out for at most 15 minutes at a time, never for good, and the colleague's correct
 * password works again once the backoff has passed.
 *
 * Per address: after 20 failures within 15 minutes, the address is refused for 15 minutes, for
 * every email: this is what stops one machine from trying a few passwords on many accounts.
 * A success does not reset it (an attacker with an account of their own could otherwise clear
 * it at will).
 */
export const loginThrottleWindowMs = 15 * 60_000;
export const accountFailuresAllowed = 5;
export const accountBackoffStartMs = 60_000;
export const accountBackoffCapMs = 15 * 60_000;
export const addressFailuresAllowed = 20;
export const addressBlockMs = 15 * 60_000;

export interface FailureSummary {
  /** Failures inside the window (for an account: since its last success). */
  count: number;
  latestAt: Date | null;
}

/** Until when an account is refused, or null. */
export function accountLockedUntil(failures: FailureSummary): Date | null {
  if (failures.count < accountFailuresAllowed || !failures.latestAt) return null;
  const extra = failures.count - accountFailuresAllowed;
  // 2 ** 10 already exceeds the cap; bounding the exponent keeps the number finite.
  const backoff = Math.min(accountBackoffStartMs * 2 ** Math.min(extra, 10), accountBackoffCapMs);
  return new Date(failures.latestAt.getTime() + backoff);
}

/** Until when an address is refused, or null. */
export function addressLockedUntil(failures: FailureSummary): Date | null {
  if (failures.count < addressFailuresAllowed || !failures.latestAt) return null;
  return new Date(failures.latestAt.getTime() + addressBlockMs);
}

/**
 * Seconds until a login may be tried again (for Retry-After), or null when it may be tried now.
 */
export function loginRetryAfterSeconds(
  account: FailureSummary,
  address: FailureSummary,
  now: Date,
): number | null {
  const until = [accountLockedUntil(account), addressLockedUntil(address)]
    .filter((d): d is Date => d !== null && d.getTime() > now.getTime())
    .map((d) => d.getTime());
  if (until.length === 0) return null;
  return Math.max(1, Math.ceil((Math.max(...until) - now.getTime()) / 1000));
}
