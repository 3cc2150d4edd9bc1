/** The source of "now"; tests pass a fixed or movable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The local calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone. */
export function localDay(at: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Offset of `timeZone` from UTC at `at`, in minutes (480 for Asia/Shanghai). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The instant at which the local day after the one containing `at` begins in `timeZone`. */
export function startOfNextLocalDay(at: Date, timeZone: string): Date {
  const [y, m, d] = localDay(at, timeZone).split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d + 1);
  const guess = midnightUtc - utcOffsetMinutes(at, timeZone) * 60_000;
  // Re-read the offset at the boundary itself, in case it changes overnight (DST).
  return new Date(midnightUtc - utcOffsetMinutes(new Date(guess), timeZone) * 60_000);
}
