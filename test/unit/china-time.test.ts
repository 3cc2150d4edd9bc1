import { describe, expect, it } from 'vitest';
import {
  chinaDateTimeInput,
  chinaDay,
  chinaTimeZone,
  findChinaDateTime,
  findChinaDay,
  parseChinaDateTime,
  parseChinaDay,
} from '#src/domain/china-time.ts';

describe('China time', () => {
  it('is Asia/Shanghai', () => {
    expect(chinaTimeZone).toBe('Asia/Shanghai');
  });

  it('starts a day at 16:00 UTC of the day before', () => {
    expect(parseChinaDay('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseChinaDateTime('2026-03-01T00:00').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(chinaDay(new Date('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28');
    expect(chinaDay(new Date('2026-02-28T16:00:00.000Z'))).toBe('2026-03-01');
    // New Year's Eve: the year turns in Beijing eight hours before it turns in UTC.
    expect(parseChinaDay('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('reads a datetime-local value typed in Beijing and writes an instant back the same way', () => {
    expect(parseChinaDateTime('2026-03-01T09:30').toISOString()).toBe('2026-03-01T01:30:00.000Z');
    expect(parseChinaDateTime('2026-03-01T23:59').toISOString()).toBe('2026-03-01T15:59:00.000Z');
    expect(chinaDateTimeInput(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01T00:00');
    expect(chinaDateTimeInput(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01T23:59');
    const typed = '2026-11-22T07:05';
    expect(chinaDateTimeInput(parseChinaDateTime(typed))).toBe(typed);
  });

  it('refuses malformed input with an error naming the expected form', () => {
    for (const bad of ['', '2026-3-1T09:00', '2026-03-01 09:00', '2026-03-01T09:00Z', '09:00']) {
      expect(() => parseChinaDateTime(bad)).toThrow(/YYYY-MM-DDTHH:mm/);
      expect(findChinaDateTime(bad)).toBeNull();
    }
    for (const bad of ['', '2026/03/01', '2026-03-01T00:00', '20260301']) {
      expect(() => parseChinaDay(bad)).toThrow(/YYYY-MM-DD/);
      expect(findChinaDay(bad)).toBeNull();
    }
    expect(findChinaDateTime(null)).toBeNull();
    expect(findChinaDay(undefined)).toBeNull();
  });

  it('refuses dates and times that do not exist rather than rolling them over', () => {
    for (const bad of ['2026-02-29T10:00', '2026-13-01T10:00', '2026-04-31T10:00']) {
      expect(() => parseChinaDateTime(bad)).toThrow(RangeError);
    }
    for (const bad of ['2026-03-01T24:00', '2026-03-01T12:60', '0099-03-01T12:00']) {
      expect(findChinaDateTime(bad)).toBeNull();
    }
    expect(() => parseChinaDay('2026-02-30')).toThrow(/"2026-02-30"/);
    expect(parseChinaDay('2028-02-29').toISOString()).toBe('2028-02-28T16:00:00.000Z');
  });
});
