import { describe, expect, it } from 'vitest';
import { errorMessage } from '#src/i18n/error-messages.ts';
import { locales } from '#src/i18n/locales.ts';

describe('errorMessage fallbacks', () => {
  it('uses the reason’s own message when there is one', () => {
    expect(errorMessage('en', 'voting_closed', 'rule_violation')).toBe(
      'Voting has closed. Thank you for your interest.',
    );
  });

  it('falls back to the code’s message for a reason without one', () => {
    expect(errorMessage('en', 'no_such_reason', 'rule_violation')).toBe(
      'This ballot does not follow the voting rules.',
    );
    expect(errorMessage('zh-CN', 'no_such_reason', 'not_found')).toBe('没有找到您要的内容。');
  });

  it('falls back to the generic internal message when neither is known', () => {
    expect(errorMessage('en', 'no_such_reason', 'no_such_code')).toBe(
      'Something went wrong on our side; please try again. Your picks are kept.',
    );
    expect(errorMessage('zh-TW', 'no_such_reason', 'no_such_code')).toBe(
      '伺服器出了點問題，請稍後再試。您的選擇已保留。',
    );
  });

  it.each(locales)('has a distinct message per known reason in %s', (locale) => {
    const reasons = ['receipt_not_found', 'voting_not_open', 'voting_closed', 'already_voted'];
    const texts = reasons.map((r) => errorMessage(locale, r, 'no_such_code'));
    expect(new Set(texts).size).toBe(reasons.length);
    expect(texts).not.toContain(errorMessage(locale, 'no_such_reason', 'no_such_code'));
  });
});

describe('errorMessage parameters', () => {
  it.each([
    ['zh-CN', ['最多可选 3 名', '您选了 5 名']],
    ['zh-TW', ['最多可選 3 名', '您選了 5 名']],
    ['en', ['at most 3', 'you picked 5']],
  ] as const)('too_many_picks in %s names the maximum and the number given', (locale, parts) => {
    const text = errorMessage(locale, 'too_many_picks', 'rule_violation', { max: 3, given: 5 });
    for (const part of parts) expect(text).toContain(part);
  });

  it.each([
    ['zh-CN', '至少需选 2 名'],
    ['zh-TW', '至少需選 2 名'],
    ['en', 'at least 2'],
  ] as const)('too_few_picks in %s names the minimum', (locale, part) => {
    expect(errorMessage(locale, 'too_few_picks', 'rule_violation', { min: 2 })).toContain(part);
  });

  it.each([
    ['zh-CN', '11月23日'],
    ['zh-TW', '11月23日'],
    ['en', '23 November 2026 at 00:00'],
  ] as const)('daily_limit in %s gives the next ballot time in Shanghai time', (locale, day) => {
    // 16:00 UTC on the 22nd is midnight starting the 23rd in Shanghai.
    const text = errorMessage(locale, 'daily_limit', 'rule_violation', {
      nextBallotAt: '2026-11-22T16:00:00Z',
    });
    expect(text).toContain(day);
    expect(text).not.toContain('22');
  });
});

describe('errorMessage with names of built-in object properties', () => {
  it.each(['constructor', 'toString', '__proto__'])(
    'gives the generic message for %j',
    (reason) => {
      const message = errorMessage('en', reason, reason);
      expect(typeof message).toBe('string');
      expect(message).toBe(errorMessage('en', 'internal', 'internal'));
    },
  );
});

describe('errorMessage for staff accounts', () => {
  const reasons = [
    'unauthenticated',
    'bad_credentials',
    'session_expired',
    'login_throttled',
    'forbidden',
    'csrf_failed',
    'password_too_short',
    'password_too_long',
    'invalid_email',
    'unknown_role',
    'email_taken',
    'staff_not_found',
    'staff_already_disabled',
  ];

  it.each(locales)('has a message of its own for every staff reason in %s', (locale) => {
    const texts = reasons.map((r) =>
      errorMessage(locale, r, 'no_such_code', { min: 12, max: 256 }),
    );
    expect(new Set(texts).size).toBe(reasons.length);
    expect(texts).not.toContain(errorMessage(locale, 'no_such_reason', 'no_such_code'));
  });

  it.each([
    ['zh-CN', '请 2 分钟后再试'],
    ['zh-TW', '請於 2 分鐘後再試'],
    ['en', 'in 2 min'],
  ] as const)(
    'login_throttled in %s gives the wait in whole minutes, rounded up',
    (locale, part) => {
      expect(
        errorMessage(locale, 'login_throttled', 'rate_limited', { retryAfterSeconds: 61 }),
      ).toContain(part);
    },
  );
});
