import { localDay } from './clock.ts';

/**
 * China time, the one clock of the process: days of the vote, the publicity period, report
 * limits and address keys all turn at midnight in Beijing, and staff type and read times in it,
 * wherever the server runs. Pure, so that the browser scripts of the staff pages use it too.
 */
export const chinaTimeZone = 'Asia/Shanghai';

/** China has kept UTC+8 all year since 1991, so local time needs no time-zone database here. */
const chinaOffsetMs = 8 * 3600_000;

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (`YYYY-MM-DD`) in China of an instant. */
export function chinaDay(at: Date): string {
  return localDay(at, chinaTimeZone);
}

/** `YYYY-MM-DDTHH:mm` in China time, as a `datetime-local` input shows it. */
export function chinaDateTimeInput(at: Date): string {
  return new Date(at.getTime() + chinaOffsetMs).toISOString().slice(0, 16);
}

/**
 * The instant of `YYYY-MM-DDTHH:mm` typed in China time (a `datetime-local` input's value).
 * Throws a RangeError naming the expected form for anything else, a day that does not exist
 * (`2026-02-30`) included.
 */
export function parseChinaDateTime(value: string): Date {
  const at = findChinaDateTime(value);
  if (!at) {
    throw new RangeError(
      `Not a China date and time written YYYY-MM-DDTHH:mm (e.g. 2026-03-01T09:00): "${value}"`,
    );
  }
  return at;
}

/** The start (00:00 in China) of a day written `YYYY-MM-DD`; throws a RangeError otherwise. */
export function parseChinaDay(value: string): Date {
  const at = findChinaDay(value);
  if (!at) throw new RangeError(`Not a date written YYYY-MM-DD (e.g. 2026-03-01): "${value}"`);
  return at;
}

/** As parseChinaDateTime, but null for an empty or malformed value (a filter left out). */
export function findChinaDateTime(value: string | null | undefined): Date | null {
  const m = value ? dateTimePattern.exec(value) : null;
  return m ? chinaInstant(m) : null;
}

/** As parseChinaDay, but null for an empty or malformed value (a filter left out). */
export function findChinaDay(value: string | null | undefined): Date | null {
  const m = value ? dayPattern.exec(value) : null;
  return m ? chinaInstant(m) : null;
}

/** Fields of a matched date (and time) → the instant, or null where one is out of range. */
function chinaInstant(m: RegExpExecArray): Date | null {
  const [year, month, day, hour = 0, minute = 0] = m.slice(1).map(Number) as number[];
  const utc = Date.UTC(year!, month! - 1, day!, hour, minute);
  const local = new Date(utc);
  // Date.UTC rolls 30 February over into March and 24:00 into the next day: refuse both.
  if (
    local.getUTCFullYear() !== year ||
    local.getUTCMonth() !== month! - 1 ||
    local.getUTCDate() !== day ||
    local.getUTCHours() !== hour ||
    local.getUTCMinutes() !== minute
  ) {
    return null;
  }
  return new Date(utc - chinaOffsetMs);
}
