import { describe, expect, it } from 'vitest';
import { localDay, startOfNextLocalDay } from '#src/domain/clock.ts';

const shanghai = 'Asia/Shanghai';
const newYork = 'America/New_York';

const at = (iso: string) => new Date(iso);

describe('localDay in Asia/Shanghai (UTC+8)', () => {
  it('is still the 22nd at 23:59:59 local and the 23rd at 00:00 local', () => {
    expect(localDay(at('2026-11-22T15:59:59Z'), shanghai)).toBe('2026-11-22');
    expect(localDay(at('2026-11-22T16:00:00Z'), shanghai)).toBe('2026-11-23');
  });

  it('is a day ahead of UTC in the UTC evening', () => {
    expect(localDay(at('2026-11-22T20:00:00Z'), shanghai)).toBe('2026-11-23');
    expect(localDay(at('2026-11-22T20:00:00Z'), 'UTC')).toBe('2026-11-22');
  });

  it('crosses month and year ends', () => {
    expect(localDay(at('2026-11-30T15:59:59Z'), shanghai)).toBe('2026-11-30');
    expect(localDay(at('2026-11-30T16:00:00Z'), shanghai)).toBe('2026-12-01');
    expect(localDay(at('2026-12-31T15:59:59.999Z'), shanghai)).toBe('2026-12-31');
    expect(localDay(at('2026-12-31T16:00:00Z'), shanghai)).toBe('2027-01-01');
  });
});

describe('startOfNextLocalDay in Asia/Shanghai', () => {
  it('from the last second of a day is one second later', () => {
    expect(startOfNextLocalDay(at('2026-11-22T15:59:59Z'), shanghai)).toEqual(
      at('2026-11-22T16:00:00Z'),
    );
  });

  it('from local midnight itself is a full day later, never the same instant', () => {
    expect(startOfNextLocalDay(at('2026-11-22T16:00:00Z'), shanghai)).toEqual(
      at('2026-11-23T16:00:00Z'),
    );
  });

  it('from the UTC morning is the coming local midnight', () => {
    // 2026-11-22T02:00Z is 10:00 on the 22nd in Shanghai.
    expect(startOfNextLocalDay(at('2026-11-22T02:00:00Z'), shanghai)).toEqual(
      at('2026-11-22T16:00:00Z'),
    );
  });

  it('rolls over a month end, a year end and a leap day', () => {
    expect(startOfNextLocalDay(at('2026-11-30T10:00:00Z'), shanghai)).toEqual(
      at('2026-11-30T16:00:00Z'),
    );
    const newYear = startOfNextLocalDay(at('2026-12-31T04:00:00Z'), shanghai);
    expect(newYear).toEqual(at('2026-12-31T16:00:00Z'));
    expect(localDay(newYear, shanghai)).toBe('2027-01-01');
    const leap = startOfNextLocalDay(at('2028-02-28T04:00:00Z'), shanghai);
    expect(localDay(leap, shanghai)).toBe('2028-02-29');
  });
});

describe('across a DST change in America/New_York', () => {
  it('starts 2026-03-08 at midnight EST (UTC−5)', () => {
    // Noon on 7 March, EST.
    expect(startOfNextLocalDay(at('2026-03-07T17:00:00Z'), newYork)).toEqual(
      at('2026-03-08T05:00:00Z'),
    );
  });

  it('starts 2026-03-09 at midnight EDT (UTC−4), even when asked before the change', () => {
    // 01:00 EST on 8 March, an hour before clocks go forward: the day has only 23 hours.
    const from = at('2026-03-08T06:00:00Z');
    const next = startOfNextLocalDay(from, newYork);
    expect(next).toEqual(at('2026-03-09T04:00:00Z'));
    expect(next.getTime() - at('2026-03-08T05:00:00Z').getTime()).toBe(23 * 3600_000);
  });

  it('gives 2026-11-01 its 25 hours when clocks go back', () => {
    const start = startOfNextLocalDay(at('2026-10-31T16:00:00Z'), newYork);
    expect(start).toEqual(at('2026-11-01T04:00:00Z'));
    const end = startOfNextLocalDay(at('2026-11-01T05:30:00Z'), newYork);
    expect(end).toEqual(at('2026-11-02T05:00:00Z'));
    expect(end.getTime() - start.getTime()).toBe(25 * 3600_000);
  });

  it('ends the day exactly: the millisecond before belongs to the old day', () => {
    for (const iso of ['2026-03-07T17:00:00Z', '2026-03-08T06:00:00Z', '2026-11-01T05:30:00Z']) {
      const from = at(iso);
      const next = startOfNextLocalDay(from, newYork);
      expect(next.getTime()).toBeGreaterThan(from.getTime());
      expect(localDay(new Date(next.getTime() - 1), newYork)).toBe(localDay(from, newYork));
      expect(localDay(next, newYork)).not.toBe(localDay(from, newYork));
    }
  });
});

describe('where summer time begins at midnight (America/Santiago)', () => {
  const santiago = 'America/Santiago';
  it('starts 6 September 2026 at 01:00 local, the first instant that is that day', () => {
    const next = startOfNextLocalDay(at('2026-09-05T16:00:00Z'), santiago);
    expect(next).toEqual(at('2026-09-06T04:00:00Z'));
    expect(localDay(next, santiago)).toBe('2026-09-06');
    expect(localDay(new Date(next.getTime() - 1), santiago)).toBe('2026-09-05');
  });

  it('never answers an instant earlier than the one asked about', () => {
    const from = at('2026-09-06T03:59:00Z');
    expect(startOfNextLocalDay(from, santiago).getTime()).toBeGreaterThan(from.getTime());
  });
});
