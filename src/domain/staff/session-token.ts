import { createHash, randomBytes } from 'node:crypto';

/**
 * A staff session is known to the browser by a random token and to the database only by the
 * token's SHA-256. Whoever reads the database (a backup, a leaked copy) cannot turn a stored id
 * back into a cookie. No key is needed: 256 random bits cannot be guessed from their hash.
 */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The `staff_session.id` of a token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 32 bytes in base64url are 43 characters; anything else is not ours and is not looked up. */
export function isWellFormedSessionToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Sent back by the browser in X-CSRF-Token; unrelated to the session token by construction. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}
