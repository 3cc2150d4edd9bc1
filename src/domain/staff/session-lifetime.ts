/**
 * How long a staff session lives (OWASP Session Management: an idle timeout for a shared office
 * computer left unlocked, an absolute timeout so a stolen cookie is worth a working day at most).
 */
export const staffSessionIdleTimeoutMs = 30 * 60_000;
export const staffSessionAbsoluteTimeoutMs = 12 * 3600_000;

/**
 * lastSeenAt is written at most this often: a page that makes ten API calls must not make ten
 * writes, which all queue behind ballots in the per-process transaction queue. The idle timeout
 * is therefore exact to within this interval.
 */
export const staffSessionTouchIntervalMs = 60_000;

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Why a session is no longer valid at `now`, or null while it is. */
export function sessionEndOf(s: SessionTimes, now: Date): 'expired' | 'idle' | null {
  if (now.getTime() >= s.expiresAt.getTime()) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() > staffSessionIdleTimeoutMs) return 'idle';
  return null;
}
