import { chinaTimeZone } from '../domain/china-time.ts';

/**
 * How the site writes a moment, always in China time and on a 24-hour clock, so that every page,
 * browser script and staff table writes one kind of moment one way. Pure: browser scripts
 * import it too.
 */

/** For the public: `2026年12月2日 18:00`, `2 December 2026 at 18:00`. */
export const publicMomentFormat: Intl.DateTimeFormatOptions = {
  timeZone: chinaTimeZone,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

/** For staff tables, in digits (`zh-CN`: `2026/12/02 18:00`). */
export const staffMomentFormat: Intl.DateTimeFormatOptions = {
  timeZone: chinaTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};
