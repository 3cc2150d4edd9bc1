import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * The second factor's codes: TOTP (RFC 6238, as every authenticator app reads it: SHA-1, six
 * digits, 30-second steps) through `otpauth`, and the recovery codes that stand in for a lost
 * phone.
 */

const period = 30;
const digits = 6;

/** The issuer an authenticator app shows above the account. */
const totpIssuer = '担当作为评选';

/** A new secret for an authenticator app: 160 random bits, base32 as the apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address a QR code carries to the app. */
export function totpUri(secret: string, email: string): string {
  return new TOTP({
    issuer: totpIssuer,
    label: email,
    secret: Secret.fromBase32(secret),
    digits,
    period,
  }).toString();
}

/** The code an authenticator app shows at `at` (the app's side, which tests play). */
export function totpCodeAt(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), digits, period, timestamp: +at });
}

/** What a person typed as a TOTP code, or null when it is not six digits (spaces allowed). */
export function normaliseTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The 30-second step a six-digit code belongs to, when it is the code of the step at `now` or
 * of one step either side (a phone's clock a little off, a code typed as it turned), and that
 * step is later than `lastStep`: a code is good once. Null otherwise.
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    digits,
    period,
    timestamp: +now,
    window: 1,
  });
  if (delta === null) return null;
  const step = TOTP.counter({ period, timestamp: +now }) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Without 0/O, 1/I/L and U: what is read off paper is typed back without doubt. */
const recoveryAlphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const recoveryCodeCount = 10;

/** A recovery code as shown and printed: two groups of five, e.g. `K7QM2-XPA9T`. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/**
 * A typed recovery code in its stored form (upper case, no spaces or dash), or null when it
 * cannot be one.
 */
export function normaliseRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '');
  return new RegExp(`^[${recoveryAlphabet}]{10}$`).test(s) ? s : null;
}

export function recoveryCodeHash(normalised: string): string {
  return createHash('sha256').update(normalised).digest('hex');
}
