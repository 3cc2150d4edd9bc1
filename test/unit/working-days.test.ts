import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isDomainError } from '#src/domain/errors.ts';
import {
  addWorkingDays,
  isWorkingDay,
  workingDaysBetween,
} from '#src/domain/notices/add-working-days.ts';
import {
  dateOfDayNumber,
  dayNumberOf,
  defaultHolidayCalendarFile,
  HolidayCalendarError,
  loadHolidayCalendar,
  parseHolidayCalendar,
  weekdayOfDayNumber,
  type HolidayCalendarFile,
} from '#src/domain/notices/load-holiday-calendar.ts';

const calendarText = readFileSync(defaultHolidayCalendarFile, 'utf8');
const calendar = loadHolidayCalendar();

/** A fresh, editable copy of the real file, to break one thing at a time. */
function calendarFile(): HolidayCalendarFile {
  return JSON.parse(calendarText) as HolidayCalendarFile;
}

function domainErrorOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, reason: e.reason, details: e.details };
    throw e;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

function calendarIssuesOf(raw: unknown): readonly string[] {
  try {
    parseHolidayCalendar(raw);
  } catch (e) {
    if (e instanceof HolidayCalendarError) return e.issues;
    throw e;
  }
  throw new Error('expected the calendar to be refused, but it was accepted');
}

describe('the published calendar file', () => {
  it('covers 2024, 2025 and 2026', () => {
    expect([...calendar.years].sort()).toEqual([2024, 2025, 2026]);
  });

  it.each([
    // year, days off, make-up working days: counted from the State Council's notices.
    [2024, 1 + 8 + 3 + 5 + 1 + 3 + 7, 8],
    [2025, 1 + 8 + 3 + 5 + 3 + 8, 5],
    [2026, 3 + 9 + 3 + 5 + 3 + 3 + 7, 6],
  ])('holds every day of %i’s notice', (year, daysOff, makeUpDays) => {
    const inYear = (day: string) => day.startsWith(`${year}-`);
    expect([...calendar.holidays.keys()].filter(inYear)).toHaveLength(daysOff);
    expect([...calendar.workdays.keys()].filter(inYear)).toHaveLength(makeUpDays);
  });

  it('names the holiday of each day off and of each make-up day', () => {
    expect(calendar.holidays.get('2025-10-06')).toBe('国庆节、中秋节');
    expect(calendar.holidays.get('2026-02-15')).toBe('春节');
    expect(calendar.workdays.get('2026-01-04')).toBe('元旦调休');
  });

  it('makes every make-up day a worked weekend day and every listed day off a day off', () => {
    for (const day of calendar.workdays.keys()) {
      expect([0, 6]).toContain(weekdayOfDayNumber(dayNumberOf(day)!));
      expect(isWorkingDay(day, calendar)).toBe(true);
    }
    for (const day of calendar.holidays.keys()) expect(isWorkingDay(day, calendar)).toBe(false);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-03-05', true, 'an ordinary Wednesday'],
    ['2025-03-08', false, 'an ordinary Saturday'],
    ['2025-03-09', false, 'an ordinary Sunday'],
    ['2025-01-26', true, 'Sunday worked before the 2025 Spring Festival'],
    ['2025-01-28', false, 'New Year’s Eve 2025, a Tuesday off'],
    ['2025-02-08', true, 'Saturday worked after the 2025 Spring Festival'],
    ['2024-02-09', true, 'New Year’s Eve 2024: a Friday the notice only encourages giving off'],
    ['2026-10-10', true, 'Saturday worked after National Day 2026'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, calendar)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['a plain week, Monday to Friday', '2025-03-03', 5, '2025-03-07'],
    ['a period crossing a weekend', '2025-03-05', 5, '2025-03-11'],
    ['one working day is the start itself', '2025-03-05', 1, '2025-03-05'],
    ['a Saturday start counts from Monday', '2025-03-08', 5, '2025-03-14'],
    ['a Sunday start counts from Monday', '2025-03-09', 1, '2025-03-10'],
    // 29, 30 Sep; 1–8 Oct off; 9, 10 Oct and the make-up Saturday 11 Oct.
    ['National Day 2025, ending on its make-up Saturday', '2025-09-29', 5, '2025-10-11'],
    // 26 Sep, the make-up Sunday 28 Sep, 29, 30 Sep, then 9 Oct.
    ['National Day 2025, counting its make-up Sunday', '2025-09-26', 5, '2025-10-09'],
    ['a start on a day off counts from the next working day', '2025-10-01', 1, '2025-10-09'],
    // 23, 24 Jan, the make-up Sunday 26 Jan, 27 Jan; 28 Jan–4 Feb off; 5 Feb.
    ['Spring Festival 2025 with its make-up Sunday', '2025-01-23', 5, '2025-02-05'],
    ['a start on the make-up Sunday counts it', '2025-01-26', 2, '2025-01-27'],
    // 5–7 Feb, the make-up Saturday 8 Feb, 10 Feb.
    ['the week after Spring Festival 2025', '2025-02-05', 5, '2025-02-10'],
    // 25 Apr, the make-up Sunday 27 Apr, 28, 29, 30 Apr.
    ['Labour Day 2025 with its make-up Sunday', '2025-04-25', 5, '2025-04-30'],
    ['Labour Day 2025, May 1–5 off', '2025-04-28', 5, '2025-05-07'],
    // 29–31 Dec, 1–3 Jan off, the make-up Sunday 4 Jan, Monday 5 Jan.
    ['the year boundary into 2026', '2025-12-29', 5, '2026-01-05'],
    [
      'Spring Festival 2026: its make-up Saturday, then nine days off',
      '2026-02-13',
      3,
      '2026-02-24',
    ],
  ])('%s: %s + %i → %s', (_what, start, n, end) => {
    expect(addWorkingDays(start, n, calendar)).toBe(end);
    expect(workingDaysBetween(start, end, calendar)).toBe(n);
  });

  it('ends on a working day, n working days after a working start', () => {
    const first = dayNumberOf('2024-01-01')!;
    // Late enough in 2026 that 40 working days still end before 25 December.
    const last = dayNumberOf('2026-10-15')!;
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }),
        fc.integer({ min: 1, max: 40 }),
        (d, n) => {
          const start = dateOfDayNumber(d);
          const end = addWorkingDays(start, n, calendar);
          expect(isWorkingDay(end, calendar)).toBe(true);
          expect(workingDaysBetween(start, end, calendar)).toBe(n);
          expect(end >= start).toBe(true);
        },
      ),
    );
  });

  it('refuses a start in a year with no notice, naming that year', () => {
    expect(domainErrorOf(() => addWorkingDays('2023-12-20', 5, calendar))).toEqual({
      code: 'rule_violation',
      reason: 'calendar_year_missing',
      details: { year: 2023 },
    });
  });

  it('refuses a period running into a year with no notice', () => {
    // 2024-12-23…27: the 25th may still be changed by the 2025 notice, which is loaded.
    expect(addWorkingDays('2024-12-23', 5, calendar)).toBe('2024-12-27');
    // Up to 24 December 2026 the 2026 notice alone settles each day.
    expect(addWorkingDays('2026-12-18', 5, calendar)).toBe('2026-12-24');
    // From 25 December, a 2027 元旦 arrangement could still move days: refused, not guessed.
    expect(domainErrorOf(() => addWorkingDays('2026-12-21', 5, calendar))).toEqual({
      code: 'rule_violation',
      reason: 'calendar_year_missing',
      details: { year: 2027 },
    });
    expect(domainErrorOf(() => addWorkingDays('2027-01-04', 1, calendar)).details).toEqual({
      year: 2027,
    });
  });

  it.each(['2025-02-29', '2025-13-01', '2025-2-3', '20250203', '', '2025-02-03T00:00:00Z'])(
    'refuses the start date %j',
    (start) => {
      expect(domainErrorOf(() => addWorkingDays(start, 5, calendar))).toEqual({
        code: 'invalid_request',
        reason: 'invalid_date',
        details: { date: start },
      });
    },
  );

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d working days', (n) => {
    expect(domainErrorOf(() => addWorkingDays('2025-03-03', n, calendar))).toEqual({
      code: 'invalid_request',
      reason: 'invalid_working_day_count',
      details: { n },
    });
  });

  it('accepts 29 February of a leap year', () => {
    expect(addWorkingDays('2024-02-29', 2, calendar)).toBe('2024-03-01');
  });
});

describe('workingDaysBetween', () => {
  it('counts both ends', () => {
    expect(workingDaysBetween('2025-03-03', '2025-03-03', calendar)).toBe(1);
    expect(workingDaysBetween('2025-03-03', '2025-03-09', calendar)).toBe(5);
  });

  it('counts no working day in the National Day 2025 holiday', () => {
    expect(workingDaysBetween('2025-10-01', '2025-10-08', calendar)).toBe(0);
  });

  it('counts the working days of a whole year', () => {
    // 2025 has 261 weekdays; 18 of them are off (1 Jan; 28–31 Jan, 3–4 Feb; 4 Apr; 1, 2, 5 May;
    // 2 Jun; 1–3, 6–8 Oct) and 5 weekend days are worked.
    expect(workingDaysBetween('2025-01-01', '2025-12-31', calendar)).toBe(261 - 18 + 5);
  });

  it('finds an empty range, ending before it begins, to hold none', () => {
    expect(workingDaysBetween('2025-03-07', '2025-03-03', calendar)).toBe(0);
  });

  it('refuses a range reaching a year with no notice, and a date that is not one', () => {
    expect(domainErrorOf(() => workingDaysBetween('2023-12-29', '2024-01-05', calendar))).toEqual({
      code: 'rule_violation',
      reason: 'calendar_year_missing',
      details: { year: 2023 },
    });
    expect(domainErrorOf(() => workingDaysBetween('2025-03-03', '2025-04-31', calendar))).toEqual({
      code: 'invalid_request',
      reason: 'invalid_date',
      details: { date: '2025-04-31' },
    });
  });
});

describe('a malformed calendar file', () => {
  it('is refused when a make-up day falls on a weekday, naming the entry and the day', () => {
    const file = calendarFile();
    file.years['2025']!.workdays[0]!.days[0] = '2025-01-27';
    expect(calendarIssuesOf(file)).toEqual([
      'years.2025.workdays[0] (春节调休).days[0]: 2025-01-27 is a Monday: a make-up working day (调休上班) falls on a Saturday or Sunday',
    ]);
  });

  it('is refused when a date is not a real one', () => {
    const file = calendarFile();
    file.years['2026']!.holidays[1]!.days[0] = '2026-02-30';
    expect(calendarIssuesOf(file)).toContain(
      'years.2026.holidays[1] (春节).days[0]: is not a real calendar date',
    );
  });

  it('is refused when a date is not written YYYY-MM-DD', () => {
    const file = calendarFile();
    file.years['2024']!.holidays[0]!.days[0] = '2024/01/01';
    expect(calendarIssuesOf(file)).toContain(
      'years.2024.holidays[0] (元旦).days[0]: must be a date written YYYY-MM-DD',
    );
  });

  it('is refused when a day is both off and worked', () => {
    const file = calendarFile();
    file.years['2025']!.workdays[1]!.days.unshift('2025-04-26');
    file.years['2025']!.holidays[3]!.days.unshift('2025-04-26');
    const issues = calendarIssuesOf(file);
    expect(issues).toEqual([
      'years.2025.workdays[1] (劳动节调休).days[0]: 2025-04-26 is both a day off and a make-up working day (also in years.2025.holidays[3] (劳动节))',
    ]);
  });

  it('is refused when days are out of order or repeated within an entry', () => {
    const file = calendarFile();
    file.years['2025']!.holidays[2]!.days = ['2025-04-04', '2025-04-06', '2025-04-05'];
    file.years['2025']!.holidays[4]!.days = ['2025-05-31', '2025-05-31', '2025-06-01'];
    expect(calendarIssuesOf(file)).toEqual([
      'years.2025.holidays[2] (清明节).days[2]: 2025-04-05 comes after 2025-04-06: list the days in date order',
      'years.2025.holidays[4] (端午节).days[1]: 2025-05-31 is listed twice',
    ]);
  });

  it('is refused when a day is listed in two entries', () => {
    const file = calendarFile();
    file.years['2025']!.holidays[4]!.days.push('2025-10-01');
    expect(calendarIssuesOf(file)).toContainEqual(
      expect.stringContaining(
        '2025-10-01 is listed twice (also in years.2025.holidays[4] (端午节))',
      ),
    );
  });

  it('is refused when a day is filed under the wrong year', () => {
    const file = calendarFile();
    file.years['2026']!.holidays[0]!.days.unshift('2025-12-20');
    expect(calendarIssuesOf(file)).toEqual([
      'years.2026.holidays[0] (元旦).days[0]: 2025-12-20 does not belong to 2026: a year lists its own days and at most the last days of December before it',
    ]);
  });

  it('accepts the last days of December under the next year, as 元旦 2023 needed', () => {
    const file: HolidayCalendarFile = {
      source: 'test',
      years: {
        '2023': {
          title: '国务院办公厅关于2023年部分节假日安排的通知',
          issued: '2022-12-08',
          holidays: [{ name: '元旦', days: ['2022-12-31', '2023-01-01', '2023-01-02'] }],
          workdays: [],
        },
      },
    };
    const parsed = parseHolidayCalendar(file);
    expect(parsed.holidays.get('2022-12-31')).toBe('元旦');
    // Still refused: the rest of December 2022 is the 2022 notice's, which is not loaded.
    expect(domainErrorOf(() => isWorkingDay('2022-12-31', parsed)).details).toEqual({
      year: 2022,
    });
  });

  it('is refused when a key is misspelt, rather than silently ignored', () => {
    const file = calendarFile() as unknown as { years: Record<string, Record<string, unknown>> };
    file.years['2025']!['holiday'] = file.years['2025']!['holidays'];
    delete file.years['2025']!['holidays'];
    const issues = calendarIssuesOf(file);
    expect(issues).toContainEqual(expect.stringMatching(/^years\.2025\.holidays: /));
    expect(issues).toContainEqual(expect.stringMatching(/^years\.2025: .*holiday/));
  });

  it('is refused when a year key is not a year', () => {
    const file = calendarFile() as unknown as { years: Record<string, unknown> };
    file.years['25'] = file.years['2025'];
    delete file.years['2025'];
    expect(calendarIssuesOf(file)).toContainEqual(expect.stringMatching(/^years\.25: /));
  });

  describe('read from disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'holiday-calendar-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names the file when it is not JSON', () => {
      const path = join(dir, 'broken.json');
      writeFileSync(path, calendarText.replace('"source"', 'source'));
      expect(() => loadHolidayCalendar(path)).toThrow(HolidayCalendarError);
      expect(() => loadHolidayCalendar(path)).toThrow(path);
    });

    it('names the file and the entry when an entry is wrong', () => {
      const path = join(dir, 'wrong-day.json');
      const file = calendarFile();
      file.years['2024']!.workdays[2]!.days[1] = '2024-05-10';
      writeFileSync(path, JSON.stringify(file));
      expect(() => loadHolidayCalendar(path)).toThrow(
        `${path} is not a valid holiday calendar:\n  - years.2024.workdays[2] (劳动节调休).days[1]: 2024-05-10 is a Friday`,
      );
    });

    it('names the file when it is missing', () => {
      const path = join(dir, 'missing.json');
      expect(() => loadHolidayCalendar(path)).toThrow(path);
    });
  });
});
