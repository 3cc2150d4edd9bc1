import { describe, expect, it } from 'vitest';
import {
  accountNeedsProof,
  pairLockedUntil,
  addressLockedUntil,
  loginRetryAfterSeconds,
} from '#src/domain/staff/login-throttle.ts';

const t0 = new Date('2026-11-20T02:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const none = { count: 0, latestAt: null };

describe('login throttle policy', () => {
  it('lets an account fail 4 times in a row from one address without a wait', () => {
    expect(pairLockedUntil({ count: 4, latestAt: t0 })).toBeNull();
  });

  it.each([
    [5, 60],
    [6, 120],
    [7, 240],
    [8, 480],
    [9, 900], // 960 capped at 15 minutes
    [10, 900],
    [200, 900],
  ])(
    'after %i failures from one address an account waits %i s from the last one',
    (count, seconds) => {
      expect(pairLockedUntil({ count, latestAt: t0 })).toEqual(at(seconds));
      expect(loginRetryAfterSeconds({ count, latestAt: t0 }, none, t0)).toBe(seconds);
    },
  );

  it('blocks an address for 15 minutes from its 20th failure', () => {
    expect(addressLockedUntil({ count: 19, latestAt: t0 })).toBeNull();
    expect(addressLockedUntil({ count: 20, latestAt: t0 })).toEqual(at(900));
  });

  it('counts down, rounds up, and lets the attempt through once the wait is over', () => {
    const account = { count: 5, latestAt: t0 };
    expect(loginRetryAfterSeconds(account, none, at(59.5))).toBe(1);
    expect(loginRetryAfterSeconds(account, none, at(60))).toBeNull();
    expect(loginRetryAfterSeconds(none, none, t0)).toBeNull();
  });

  it('gives the longer of the two waits', () => {
    expect(
      loginRetryAfterSeconds({ count: 5, latestAt: t0 }, { count: 20, latestAt: t0 }, at(10)),
    ).toBe(890);
  });
});

describe('proof after repeated failures', () => {
  it('asks for a proof from the 5th failure of an account, wherever they came from', () => {
    expect(accountNeedsProof({ count: 4, latestAt: t0 })).toBe(false);
    expect(accountNeedsProof({ count: 5, latestAt: t0 })).toBe(true);
  });

  it('lets a known address or device skip the address rule', () => {
    expect(loginRetryAfterSeconds(none, null, t0)).toBeNull();
    expect(loginRetryAfterSeconds({ count: 5, latestAt: t0 }, null, t0)).toBe(60);
  });
});
