/**
 * The one error model of the domain. Verbs throw a DomainError with a code; the HTTP layer maps
 * the code to a status and a message in the reader's language (src/i18n), pages do the same.
 */
export const domainErrorCodes = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'rule_violation',
  'already_voted',
  'bot_check_failed',
  'device_required',
  'rate_limited',
  'payload_too_large',
  'unavailable',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: DomainErrorCode;
  /** Which message of the code's family applies, e.g. `too_many_picks`. */
  readonly reason: string;
  /** Values for the message and for the response body. */
  readonly details: Record<string, unknown>;

  constructor(code: DomainErrorCode, reason: string = code, details: Record<string, unknown> = {}) {
    super(`${code}: ${reason}`);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof Error && e.name === 'DomainError' && 'code' in e && 'reason' in e;
}

/**
 * A read verb's answer, or null when it throws `not_found`: for pages, which answer that with
 * their 404 page. Any other error still throws.
 */
export async function nullIfNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (e) {
    if (isDomainError(e) && e.code === 'not_found') return null;
    throw e;
  }
}
