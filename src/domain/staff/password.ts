import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { passwordMaxLength, passwordMinLength } from '#src/schemas/staff.ts';
import { DomainError } from '../errors.ts';

/**
 * Staff passwords, stored as a self-describing string
 * `scrypt$<log2 N>$<r>$<p>$<salt, base64url>$<key, base64url>`. Verification reads the cost from
 * the string itself, so the cost for new hashes can be raised later without breaking the
 * passwords already stored.
 */
export interface ScryptParams {
  /** log2 of scrypt's N (CPU and memory cost). */
  log2N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet: N=2^17, r=8, p=1, i.e. 128 MiB and about half a second
 * per hash on this project's 2-core machines. The async scrypt keeps the event loop free.
 */
export const currentScryptParams: ScryptParams = { log2N: 17, r: 8, p: 1 };

const saltBytes = 16;
const keyBytes = 32;

/**
 * A stored string asking for more than this is refused rather than computed: whoever could
 * write a hash into the database must not be able to make a login allocate gigabytes.
 */
const maxScryptMemoryBytes = 512 * 1024 * 1024;

/** Memory scrypt needs (OpenSSL's own accounting: 128·r·(N + 2) for V plus 128·r·p for B). */
function scryptMemoryOf(params: ScryptParams): number {
  return 128 * params.r * (2 ** params.log2N + 2 + params.p);
}

/**
 * At most this many hashes run at once; the rest wait their turn. scrypt runs on libuv's thread
 * pool (4 threads by default), which also serves file reads such as static assets: a burst of
 * logins from many addresses must not take all of it, nor 128 MiB per thread.
 */
const maxConcurrentHashes = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function deriveKey(
  password: string,
  salt: Buffer,
  length: number,
  params: ScryptParams,
): Promise<Buffer> {
  if (running >= maxConcurrentHashes) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await scryptOnce(password, salt, length, params);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function scryptOnce(
  password: string,
  salt: Buffer,
  length: number,
  params: ScryptParams,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      length,
      {
        N: 2 ** params.log2N,
        r: params.r,
        p: params.p,
        // Node's default cap is 32 MiB; N=2^17, r=8 needs 128 MiB.
        maxmem: scryptMemoryOf(params) + 1024 * 1024,
      },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/**
 * NFKC first (NIST SP 800-63B): the same password typed through a Chinese IME may arrive with
 * full-width letters and digits (ＡＢＣ１２３), which must match the half-width ones typed elsewhere.
 */
function normalise(password: string): string {
  return password.normalize('NFKC');
}

/** Length in characters (code points), as a person counts them, not UTF-16 units. */
function lengthOf(password: string): number {
  return [...normalise(password)].length;
}

/** Throws `invalid_request` when a new password is too short or too long. */
export function checkPasswordPolicy(password: string): void {
  const length = lengthOf(password);
  if (length < passwordMinLength) {
    throw new DomainError('invalid_request', 'password_too_short', { min: passwordMinLength });
  }
  if (length > passwordMaxLength) {
    throw new DomainError('invalid_request', 'password_too_long', { max: passwordMaxLength });
  }
}

/**
 * Hashes a new password after checking the policy. `params` exists so the cost can be raised
 * in one place later; tests use a cheap cost for fixtures and never for what they assert on.
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = currentScryptParams,
): Promise<string> {
  checkPasswordPolicy(password);
  const salt = randomBytes(saltBytes);
  const key = await deriveKey(normalise(password), salt, keyBytes, params);
  return [
    'scrypt',
    params.log2N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export interface ParsedPasswordHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const base64url = /^[A-Za-z0-9_-]+$/;
const smallInt = /^[1-9]\d{0,2}$/;

/** The parts of a stored hash, or null when the string is not one this module could have made. */
export function parsePasswordHash(stored: string): ParsedPasswordHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6) return null;
  const [scheme, log2N, r, p, salt, key] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (scheme !== 'scrypt') return null;
  if (![log2N, r, p].every((n) => smallInt.test(n))) return null;
  if (!base64url.test(salt) || !base64url.test(key)) return null;
  const params = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  if (params.log2N < 10 || params.log2N > 24 || params.r > 32 || params.p > 16) return null;
  if (scryptMemoryOf(params) > maxScryptMemoryBytes) return null;
  const saltBytesGiven = Buffer.from(salt, 'base64url');
  const keyBytesGiven = Buffer.from(key, 'base64url');
  // Exact lengths and canonical base64url: a shortened key would otherwise still match, since
  // a shorter scrypt output is a prefix of the longer one.
  if (saltBytesGiven.length !== saltBytes || saltBytesGiven.toString('base64url') !== salt) {
    return null;
  }
  if (keyBytesGiven.length !== keyBytes || keyBytesGiven.toString('base64url') !== key) return null;
  return { params, salt: saltBytesGiven, key: keyBytesGiven };
}

/**
 * Whether `password` matches the stored hash, at the cost the hash records. A malformed or
 * tampered string never matches; it is not an error, so a damaged row cannot be told apart
 * from a wrong password by whoever is trying to log in.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  // Nothing this long was ever accepted by hashPassword; do not spend scrypt on it.
  if (lengthOf(password) > passwordMaxLength) return false;
  const key = await deriveKey(normalise(password), parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made at a lower cost than today's (for a future rehash on login). */
export function needsRehash(stored: string): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return true;
  const { log2N, r, p } = parsed.params;
  return (
    log2N < currentScryptParams.log2N || r < currentScryptParams.r || p < currentScryptParams.p
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash of a random password nobody knows, at today's cost. A login for an unknown email is
 * verified against it, so that "no such user" costs one scrypt like "wrong password" does and
 * the answer time does not tell which emails have accounts. Made on first use, once per process.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url')).catch((e: unknown) => {
    dummyHash = undefined;
    throw e;
  });
  return dummyHash;
}
