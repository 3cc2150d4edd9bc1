import { describe, expect, it } from 'vitest';
import {
  acceptedTotpStep,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  normaliseTotpCode,
  totpCodeAt,
  totpUri,
} from '#src/domain/staff/second-factor-codes.ts';

// RFC 6238's test key (ASCII "12345678901234567890") in base32, and its SHA-1 vectors.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP codes', () => {
  it('match RFC 6238’s SHA-1 test vectors (six digits)', () => {
    expect(totpCodeAt(rfcSecret, new Date(59_000))).toBe('287082');
    expect(totpCodeAt(rfcSecret, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpCodeAt(rfcSecret, new Date(2_000_000_000_000))).toBe('279037');
  });

  it('accept the step at hand and one either side, each once', () => {
    const now = new Date('2026-12-06T12:00:10Z');
    const step = Math.floor(now.getTime() / 30_000);
    const at = (s: number) => totpCodeAt(rfcSecret, new Date(s * 30_000));
    expect(acceptedTotpStep(rfcSecret, at(step), now, null)).toBe(step);
    expect(acceptedTotpStep(rfcSecret, at(step - 1), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(rfcSecret, at(step + 1), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(rfcSecret, at(step - 2), now, null)).toBeNull();
    expect(acceptedTotpStep(rfcSecret, at(step + 2), now, null)).toBeNull();
    // Used already, or older than the last used step: refused.
    expect(acceptedTotpStep(rfcSecret, at(step), now, step)).toBeNull();
    expect(acceptedTotpStep(rfcSecret, at(step - 1), now, step)).toBeNull();
    expect(acceptedTotpStep(rfcSecret, at(step + 1), now, step)).toBe(step + 1);
  });

  it('read six digits with spaces or a dash, and nothing else', () => {
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('123-456')).toBe('123456');
    expect(normaliseTotpCode('12345')).toBeNull();
    expect(normaliseTotpCode('1234567')).toBeNull();
    expect(normaliseTotpCode('12345a')).toBeNull();
    expect(normaliseTotpCode('１２３４５６')).toBeNull();
  });

  it('give a fresh 160-bit secret and an otpauth address apps read', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    const uri = new URL(totpUri(a, 'li@example.cn'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(a);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(uri.pathname)).toContain('li@example.cn');
  });
});

describe('recovery codes', () => {
  it('are two groups of five from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      expect(newRecoveryCode()).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
    }
  });

  it('are read in any case, with or without the dash and spaces', () => {
    expect(normaliseRecoveryCode('k7qm2-xpa9t')).toBe('K7QM2XPA9T');
    expect(normaliseRecoveryCode(' K7QM2 XPA9T ')).toBe('K7QM2XPA9T');
    expect(normaliseRecoveryCode('K7QM2-XPA9')).toBeNull();
    expect(normaliseRecoveryCode('K7QM2-XPA9O')).toBeNull();
    expect(normaliseRecoveryCode('123456')).toBeNull();
  });
});
