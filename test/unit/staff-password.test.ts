import { describe, expect, it } from 'vitest';
import {
  currentScryptParams,
  dummyPasswordHash,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyPassword,
} from '#src/domain/staff/password.ts';

const cheap = { log2N: 10, r: 8, p: 1 };
const password = 'correct horse battery staple';

/** Replaces one character of the part of a hash at `index` (0 = scheme … 5 = key). */
function tamper(stored: string, index: number): string {
  const parts = stored.split('$');
  const part = parts[index]!;
  parts[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('$');
}

describe('hashPassword and verifyPassword', () => {
  it('round-trips at OWASP’s cost, stored as a self-describing string', async () => {
    const stored = await hashPassword(password);
    expect(currentScryptParams).toEqual({ log2N: 17, r: 8, p: 1 });
    // 16-byte salt and 32-byte key, in base64url.
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword(`${password} `, stored)).toBe(false);
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword(password, cheap);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash: the same password never gives the same string', async () => {
    const a = await hashPassword(password, cheap);
    const b = await hashPassword(password, cheap);
    expect(a).not.toBe(b);
    expect(await verifyPassword(password, a)).toBe(true);
    expect(await verifyPassword(password, b)).toBe(true);
  });

  it('never matches a tampered or malformed string', async () => {
    const stored = await hashPassword(password, cheap);
    const tampered = [
      tamper(stored, 4), // salt
      tamper(stored, 5), // key
      stored.replace('scrypt$10$', 'scrypt$11$'), // cost
      stored.replace('scrypt$', 'bcrypt$'),
      stored.slice(0, -1),
      `${stored}$extra`,
      stored.split('$').slice(0, 5).join('$'),
      '',
      'plain text password',
    ];
    for (const t of tampered) expect(await verifyPassword(password, t)).toBe(false);
  });

  it('refuses to compute a stored string that asks for absurd memory', async () => {
    const stored = await hashPassword(password, cheap);
    const greedy = stored.replace('scrypt$10$8$', 'scrypt$24$32$');
    expect(parsePasswordHash(greedy)).toBeNull();
    expect(await verifyPassword(password, greedy)).toBe(false);
  });

  it('reads the cost from the string, so older and newer costs keep verifying', async () => {
    for (const params of [cheap, { log2N: 11, r: 4, p: 2 }]) {
      const stored = await hashPassword(password, params);
      expect(stored.startsWith(`scrypt$${params.log2N}$${params.r}$${params.p}$`)).toBe(true);
      const parsed = parsePasswordHash(stored);
      expect(parsed?.params).toEqual(params);
      expect(parsed?.salt).toHaveLength(16);
      expect(parsed?.key).toHaveLength(32);
      expect(await verifyPassword(password, stored)).toBe(true);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it('counts characters, not bytes: 12 Chinese characters are enough, 11 are not', async () => {
    await expect(hashPassword('山水相逢亦有时春风十里', cheap)).rejects.toMatchObject({
      code: 'invalid_request',
      reason: 'password_too_short',
      details: { min: 12 },
    });
    const stored = await hashPassword('山水相逢亦有时春风十里路', cheap);
    expect(await verifyPassword('山水相逢亦有时春风十里路', stored)).toBe(true);
  });

  it('refuses passwords under 12 or over 256 characters', async () => {
    await expect(hashPassword('x'.repeat(11), cheap)).rejects.toMatchObject({
      reason: 'password_too_short',
    });
    await expect(hashPassword('x'.repeat(257), cheap)).rejects.toMatchObject({
      code: 'invalid_request',
      reason: 'password_too_long',
      details: { max: 256 },
    });
    const longest = 'x'.repeat(256);
    expect(await verifyPassword(longest, await hashPassword(longest, cheap))).toBe(true);
  });

  it('matches full-width input from a Chinese IME against the same password typed half-width', async () => {
    const stored = await hashPassword('Ｗｅｉ２０２６ｓｐｒｉｎｇ', cheap);
    expect(await verifyPassword('Wei2026spring', stored)).toBe(true);
  });

  it('finishes every hash of a burst, queued two at a time', async () => {
    const passwords = Array.from({ length: 9 }, (_, i) => `burst password ${i}`);
    const stored = await Promise.all(passwords.map((p) => hashPassword(p, cheap)));
    const checks = await Promise.all(
      passwords.map((p, i) => verifyPassword(p, stored[(i + 1) % passwords.length]!)),
    );
    expect(checks.every((ok) => ok === false)).toBe(true);
    expect(await Promise.all(passwords.map((p, i) => verifyPassword(p, stored[i]!)))).toEqual(
      passwords.map(() => true),
    );
  });

  it('has a dummy hash nobody’s password matches, made once per process', async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(dummy).toMatch(/^scrypt\$17\$8\$1\$/);
    expect(await verifyPassword(password, dummy)).toBe(false);
  });
});
