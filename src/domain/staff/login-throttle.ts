/**
 * The login throttle's policy, as pure functions over the attempts recorded in `login_attempt`
 * (log-in-staff.ts reads them and records each attempt). No rule holds an account as such: a
 * lock per account let anyone who knew a colleague's email keep them out (a wrong password every
 * few seconds from one address refused the colleague's right one for twenty minutes running).
 *
 * Per account and address (an IPv6 /64 counting as one address): after 5 failures within 15
 * minutes, that pair waits for a backoff that starts at 1 minute and doubles with each further
 * failure, up to 15 minutes. Refused attempts are not recorded, so the wait always ends.
 *
 * Per address: after 20 failures within 15 minutes, the address is refused for 15 minutes, for
 * every email: this is what stops one machine from trying a few passwords on many accounts.
 * A success does not reset it (an attacker with an account of their own could otherwise clear
 * it at will).
 *
 * Per account, from anywhere: after 5 failures within 15 minutes (since its last success), a
 * login from an address or device the account has not logged in from must bring a bot-check
 * proof. That costs a guesser on many addresses a proof of work per guess, and never makes the
 * account's owner wait.
 *
 * An address or device the account has logged in from before (a staff device cookie, or the
 * address's hash of the day) is known: the per-address rule and the proof do not apply to it,
 * only the wait for its own failures (counted per device when the device is known).
 */
export const loginThrottleWindowMs = 15 * 60_000;
const pairFailuresAllowed = 5;
const pairBackoffStartMs = 60_000;
const pairBackoffCapMs = 15 * 60_000;
const addressFailuresAllowed = 20;
const addressBlockMs = 15 * 60_000;
const accountFailuresBeforeProof = 5;

export interface FailureSummary {
  /** Failures inside the window (for a pair or an account: since its last success). */
  count: number;
  latestAt: Date | null;
}

/** Until when an account is refused from one address (or known device), or null. */
export function pairLockedUntil(failures: FailureSummary): Date | null {
  if (failures.count < pairFailuresAllowed || !failures.latestAt) return null;
  const extra = failures.count - pairFailuresAllowed;
  // 2 ** 10 already exceeds the cap; bounding the exponent keeps the number finite.
  const backoff = Math.min(pairBackoffStartMs * 2 ** Math.min(extra, 10), pairBackoffCapMs);
  return new Date(failures.latestAt.getTime() + backoff);
}

/** Until when an address is refused, or null. */
export function addressLockedUntil(failures: FailureSummary): Date | null {
  if (failures.count < addressFailuresAllowed || !failures.latestAt) return null;
  return new Date(failures.latestAt.getTime() + addressBlockMs);
}

/** Whether an unknown address or device must bring a bot-check proof to log in to an account. */
export function accountNeedsProof(failures: FailureSummary): boolean {
  return failures.count >= accountFailuresBeforeProof;
}

/**
 * Seconds until a login may be tried again (for Retry-After), or null when it may be tried now.
 * `address` is null for a known address or device, which the per-address rule does not hold.
 */
export function loginRetryAfterSeconds(
  pair: FailureSummary,
  address: FailureSummary | null,
  now: Date,
): number | null {
  const until = [pairLockedUntil(pair), address ? addressLockedUntil(address) : null]
    .filter((d): d is Date => d !== null && d.getTime() > now.getTime())
    .map((d) => d.getTime());
  if (until.length === 0) return null;
  return Math.max(1, Math.ceil((Math.max(...until) - now.getTime()) / 1000));
}
