/** The source of "now"; tests pass a fixed or movable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Per zone, the last day asked for and the instants known to lie in it: [from, until). */
const lastDays = new Map<string, { day: string; from: number; until: number }>();

/**
 * The day of `at` in `timeZone` and the start of the next one. Every ballot asks several times;
 * an instant between one already asked about and the start of the next day is answered from
 * memory, without formatting.
 */
function dayOf(at: Date, timeZone: string): { day: string; until: number } {
  const t = at.getTime();
  const last = lastDays.get(timeZone);
  if (last !== undefined && t >= last.from && t < last.until) return last;
  const day = formatDay(at, timeZone);
  const known = { day, from: t, until: computeNextDayStart(at, timeZone, day) };
  lastDays.set(timeZone, known);
  return known;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone. */
export function localDay(at: Date, timeZone: string): string {
  return dayOf(at, timeZone).day;
}

function formatDay(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD. Formatters are costly to build and this runs per ballot.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * The first instant of the local day after the one containing `at`. Found by bisection on the
 * minute grid rather than by adding an offset to midnight: where summer time begins at
 * midnight (America/Santiago) the day starts at 01:00, and no offset arithmetic gets that
 * right without a time-zone database.
 */
export function startOfNextLocalDay(at: Date, timeZone: string): Date {
  return new Date(dayOf(at, timeZone).until);
}

function computeNextDayStart(at: Date, timeZone: string, today: string): number {
  // The answer depends only on the day and the zone; every ballot of the day asks for it.
  const key = `${timeZone} ${today}`;
  const known = nextDayStarts.get(key);
  if (known !== undefined) return known;
  const minute = 60_000;
  let lo = Math.floor(at.getTime() / minute) * minute; // still today
  let hi = lo + 26 * 3600_000; // no local day lasts longer than 25 hours
  while (hi - lo > minute) {
    const mid = lo + Math.floor((hi - lo) / 2 / minute) * minute;
    if (formatDay(new Date(mid), timeZone) === today) lo = mid;
    else hi = mid;
  }
  if (nextDayStarts.size >= 64) nextDayStarts.clear();
  nextDayStarts.set(key, hi);
  return hi;
}

/** Start of the next local day by `zone day`, as found by startOfNextLocalDay. */
const nextDayStarts = new Map<string, number>();
