import { describe, expect, it } from 'vitest';
import { newReceiptCode, normaliseReceiptCode } from '#src/domain/ballots/receipt-code.ts';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const shape = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('newReceiptCode', () => {
  const codes = Array.from({ length: 1000 }, () => newReceiptCode());

  it('is XXXX-XXXX-XXXX in Crockford base32, never I, L, O or U', () => {
    for (const code of codes) {
      expect(code).toMatch(shape);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it('gives 1000 distinct codes', () => {
    expect(new Set(codes).size).toBe(1000);
  });

  it('uses all 32 symbols', () => {
    // 12,000 symbols drawn: a symbol missing by chance has probability about e^-375.
    const seen = new Set(codes.join('').replaceAll('-', ''));
    expect([...seen].sort().join('')).toBe(crockford);
  });

  it('is already in the normalised form', () => {
    for (const code of codes.slice(0, 50)) expect(normaliseReceiptCode(code)).toBe(code);
  });
});

describe('normaliseReceiptCode', () => {
  it.each([
    ['k7qh-2m9x-tr4b', 'lower case'],
    ['K7QH 2M9X TR4B', 'spaces instead of dashes'],
    ['K7QH2M9XTR4B', 'no dashes'],
    ['  K7QH-2M9X-TR4B\n', 'surrounding white space'],
    ['K7-QH2M-9XTR-4B', 'dashes in the wrong places'],
  ])('accepts %j (%s)', (input) => {
    expect(normaliseReceiptCode(input)).toBe('K7QH-2M9X-TR4B');
  });

  it('reads O as 0 and I or L as 1, in either case', () => {
    expect(normaliseReceiptCode('OOOO-IIII-LLLL')).toBe('0000-1111-1111');
    expect(normaliseReceiptCode('oo0o-ii1i-ll1l')).toBe('0000-1111-1111');
  });

  it.each([
    ['', 'empty'],
    ['K7QH-2M9X-TR4', '11 symbols'],
    ['K7QH-2M9X-TR4BB', '13 symbols'],
    ['K7QH-2M9X-TR4U', 'U, which is not in the alphabet'],
    ['K7QH.2M9X.TR4B', 'dots'],
    ['K7QH_2M9X_TR4B', 'underscores'],
    ['K7QH-2M9X-TR4!', 'punctuation'],
    ['Ｋ7QH-2M9X-TR4B', 'a full-width letter'],
  ])('refuses %j (%s)', (input) => {
    expect(normaliseReceiptCode(input)).toBeNull();
  });
});
