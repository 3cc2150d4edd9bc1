import { describe, expect, it } from 'vitest';
import {
  computeCheckDigit,
  formatSerial,
  groupSerial,
  parseSerial,
} from '#src/domain/paper/compute-check-digit.ts';

describe('Damm check digit of ballot serials', () => {
  it('gives the published example values', () => {
    // Wikipedia's worked example: 572 → 4.
    expect(computeCheckDigit('572')).toBe(4);
    expect(parseSerial('00005724')).toEqual({ ok: true, body: 572 });
  });

  it('formats and reads back every serial of a range', () => {
    for (let body = 1; body <= 3000; body += 7) {
      const s = formatSerial(body);
      expect(s).toHaveLength(8);
      expect(parseSerial(s)).toEqual({ ok: true, body });
      expect(parseSerial(groupSerial(s))).toEqual({ ok: true, body });
    }
  });

  it('catches every single-digit error', () => {
    for (const body of [1, 4711, 1000000, 9999999, 3141592]) {
      const s = formatSerial(body);
      for (let i = 0; i < s.length; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === s[i]) continue;
          const wrong = s.slice(0, i) + d + s.slice(i + 1);
          expect(parseSerial(wrong)).toEqual({ ok: false, reason: 'serial_check_digit' });
        }
      }
    }
  });

  it('catches every transposition of two adjacent different digits', () => {
    for (let body = 100000; body < 100000 + 2000; body += 13) {
      const s = formatSerial(body);
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] === s[i + 1]) continue;
        const swapped = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
        expect(parseSerial(swapped).ok).toBe(false);
      }
    }
  });

  it('refuses what is not a serial', () => {
    for (const typed of ['', '1234567', '123456789', '1234abcd']) {
      expect(parseSerial(typed)).toEqual({ ok: false, reason: 'serial_malformed' });
    }
  });
});
