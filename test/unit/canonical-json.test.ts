import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateShare } from '#src/domain/results/build-result-certificate.ts';
import { sha256Hex, toCanonicalJson } from '#src/domain/results/canonical-json.ts';

describe('the canonical JSON of a certificate', () => {
  it('sorts keys at every level, keeps array order and writes no whitespace', () => {
    const text = toCanonicalJson({
      tracks: [{ name: '担当 作为', b: 2, a: [3, 1] }],
      format: 'result-certificate/1',
      none: null,
    });
    expect(text).toBe(
      '{"format":"result-certificate/1","none":null,"tracks":[{"a":[3,1],"b":2,"name":"担当 作为"}]}',
    );
  });

  it('writes non-ASCII characters as themselves and escapes as JSON does', () => {
    expect(toCanonicalJson({ s: '“甲”\\\n' })).toBe('{"s":"“甲”\\\\\\n"}');
  });

  it('refuses a number with more than one spelling (a fraction)', () => {
    expect(() => toCanonicalJson({ share: 0.25 })).toThrow(/integers only/);
  });

  it('hashes the UTF-8 bytes as sha256sum does', () => {
    const text = toCanonicalJson({ a: '中' });
    expect(sha256Hex(text)).toBe(
      createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'),
    );
  });
});

describe('a certified share', () => {
  it('is votes ÷ counted, rounded half up to four decimals, as text', () => {
    expect(certificateShare(3, 5)).toBe('0.6000');
    expect(certificateShare(2, 3)).toBe('0.6667');
    expect(certificateShare(1, 8)).toBe('0.1250');
    expect(certificateShare(1, 20_000)).toBe('0.0001');
    expect(certificateShare(1, 20_001)).toBe('0.0000');
    expect(certificateShare(7, 7)).toBe('1.0000');
    expect(certificateShare(0, 0)).toBe('0.0000');
  });
});
