import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The mainland's public-holiday calendar as published each autumn by the General Office of the
 * State Council: which days are off (放假) and which weekend days are worked (调休上班). The data
 * lives in db/calendar/china-public-holidays.json so staff can add a year without a code change;
 * the file's `$comment` describes its format.
 */
export interface HolidayCalendar {
  /** Years whose notice is in the file. */
  readonly years: ReadonlySet<number>;
  /** Day off (`YYYY-MM-DD`) → the holiday's name, e.g. `春节`. */
  readonly holidays: ReadonlyMap<string, string>;
  /** Make-up working day on a weekend (`YYYY-MM-DD`) → the entry's name, e.g. `春节调休`. */
  readonly workdays: ReadonlyMap<string, string>;
}

/**
 * Relative to the working directory, like the default database file (data/site.db): the server
 * runs from the repository root.
 */
export const defaultHolidayCalendarFile = 'db/calendar/china-public-holidays.json';

/**
 * How late in December a day may be settled by the next year's notice. Notices have reached back
 * as far as 29 December (元旦 2019: make-up day 2018-12-29). The margin rarely costs anything:
 * the next year's notice usually appears in October or November (for 2023, on 8 December 2022).
 */
export const firstDecemberDayOfNextNotice = 25;

const msPerDay = 86_400_000;
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` calendar date, or undefined when it is not one. Plain
 * date arithmetic on UTC midnights: no local time zone or summer time can shift a day.
 */
export function dayNumberOf(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2025-02-30 over into March (and maps years below 100 to 19xx): only a date
  // that comes back unchanged is real.
  return dateOfDayNumber(ms / msPerDay) === date ? ms / msPerDay : undefined;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(day: number): number {
  return new Date(day * msPerDay).getUTCDay();
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((v) => dayNumberOf(v) !== undefined, 'is not a real calendar date');

const dayList = z
  .array(isoDate)
  .min(1, 'lists no days')
  .superRefine((days, ctx) => {
    for (let i = 1; i < days.length; i++) {
      const [before, day] = [days[i - 1]!, days[i]!];
      if (day <= before) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message:
            day === before
              ? `${day} is listed twice`
              : `${day} comes after ${before}: list the days in date order`,
        });
      }
    }
  });

const entry = z.strictObject({
  name: z.string().trim().min(1, 'needs a name'),
  /** The notice's own sentence, so a reader can check the dates against it. */
  text: z.string().optional(),
  days: dayList,
});

const yearCalendar = z.strictObject({
  title: z.string().trim().min(1, 'needs the notice’s title'),
  /** The document number, e.g. 国办发明电〔2024〕12号; left out until someone has checked it. */
  notice: z.string().trim().min(1).optional(),
  issued: isoDate,
  holidays: z.array(entry),
  workdays: z.array(entry),
});

export const holidayCalendarFileSchema = z
  .strictObject({
    $comment: z.union([z.string(), z.array(z.string())]).optional(),
    source: z.string().trim().min(1, 'needs a source'),
    years: z.record(z.string().regex(/^\d{4}$/, 'must be a year written YYYY'), yearCalendar),
  })
  .superRefine((file, ctx) => {
    // Where each day was first seen, to name both places when a day appears twice.
    const seen = new Map<string, { kind: 'holidays' | 'workdays'; at: string }>();
    for (const [yearKey, year] of Object.entries(file.years)) {
      const yearNumber = Number(yearKey);
      for (const kind of ['holidays', 'workdays'] as const) {
        year[kind].forEach((e, index) => {
          const at = `years.${yearKey}.${kind}[${index}] (${e.name})`;
          e.days.forEach((day, dayIndex) => {
            const path = ['years', yearKey, kind, index, 'days', dayIndex];
            const dayNumber = dayNumberOf(day)!;
            const [y, m, d] = day.split('-').map(Number) as [number, number, number];
            const inReach =
              y === yearNumber ||
              (y === yearNumber - 1 && m === 12 && d >= firstDecemberDayOfNextNotice);
            if (!inReach) {
              ctx.addIssue({
                code: 'custom',
                path,
                message: `${day} does not belong to ${yearKey}: a year lists its own days and at most the last days of December before it`,
              });
            }
            const weekday = weekdayOfDayNumber(dayNumber);
            if (kind === 'workdays' && weekday !== 0 && weekday !== 6) {
              ctx.addIssue({
                code: 'custom',
                path,
                message: `${day} is a ${weekdayNames[weekday]}: a make-up working day (调休上班) falls on a Saturday or Sunday`,
              });
            }
            const earlier = seen.get(day);
            if (!earlier) {
              seen.set(day, { kind, at });
            } else if (earlier.kind !== kind) {
              ctx.addIssue({
                code: 'custom',
                path,
                message: `${day} is both a day off and a make-up working day (also in ${earlier.at})`,
              });
            } else if (earlier.at !== at) {
              ctx.addIssue({
                code: 'custom',
                path,
                message: `${day} is listed twice (also in ${earlier.at})`,
              });
            }
          });
        });
      }
    }
  });

export type HolidayCalendarFile = z.infer<typeof holidayCalendarFileSchema>;

/** A calendar file that cannot be used; `issues` name each faulty entry. */
export class HolidayCalendarError extends Error {
  override name = 'HolidayCalendarError';
  readonly issues: readonly string[];

  constructor(source: string, issues: readonly string[]) {
    super(`${source} is not a valid holiday calendar:\n  - ${issues.join('\n  - ')}`);
    this.issues = issues;
  }
}

/**
 * Checks parsed JSON and builds the calendar. Throws HolidayCalendarError listing every problem,
 * each prefixed with where it is, e.g. `years.2025.workdays[0] (春节调休).days[1]: …`: a wrong
 * calendar silently moves every publicity deadline, so a bad file must stop the caller.
 */
export function parseHolidayCalendar(
  raw: unknown,
  source: string = 'holiday calendar',
): HolidayCalendar {
  const result = holidayCalendarFileSchema.safeParse(raw);
  if (!result.success) {
    throw new HolidayCalendarError(
      source,
      result.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  for (const year of Object.values(result.data.years)) {
    for (const e of year.holidays) for (const day of e.days) holidays.set(day, e.name);
    for (const e of year.workdays) for (const day of e.days) workdays.set(day, e.name);
  }
  return {
    years: new Set(Object.keys(result.data.years).map(Number)),
    holidays,
    workdays,
  };
}

/** Reads and checks the calendar file; read on every call so an added year needs no restart. */
export function loadHolidayCalendar(file: string = defaultHolidayCalendarFile): HolidayCalendar {
  const path = resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new HolidayCalendarError(path, [(e as Error).message]);
  }
  return parseHolidayCalendar(raw, path);
}

/** `years.2025.workdays[0] (春节调休).days[1]`: indices alone would send staff counting braces. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  let text = '';
  let node: unknown = raw;
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<PropertyKey, unknown>)[key]
        : undefined;
    const name =
      node !== null && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
    if (typeof key === 'number' && typeof name === 'string') text += ` (${name})`;
  }
  return text;
}
