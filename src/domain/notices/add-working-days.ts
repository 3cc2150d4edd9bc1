import { DomainError } from '../errors.ts';
import {
  dateOfDayNumber,
  dayNumberOf,
  firstDecemberDayOfNextNotice,
  weekdayOfDayNumber,
  type HolidayCalendar,
} from './load-holiday-calendar.ts';

/** A publicity notice runs for this many working days unless the campaign says otherwise. */
export const defaultPublicityWorkingDays = 5;

/**
 * The last day of a period of `n` working days that starts on `start` (`YYYY-MM-DD`), counting
 * `start` itself when it is a working day; a period asked to start on a weekend or holiday starts
 * on the next working day. 5 working days from Monday 2025-09-29 end on Saturday 2025-10-11:
 * 29 and 30 September, then 9, 10 and the make-up Saturday 11 October.
 */
export function addWorkingDays(start: string, n: number, calendar: HolidayCalendar): string {
  let day = requireDay(start);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new DomainError('invalid_request', 'invalid_working_day_count', { n });
  }
  // Each step checks that the calendar covers the day, so a period running into a year without
  // a notice is refused instead of counted as if that year had no holidays.
  for (let counted = 0; ; day++) {
    if (isWorkingDayNumber(day, calendar) && ++counted === n) return dateOfDayNumber(day);
  }
}

/** Whether `date` is a working day: Monday to Friday unless a day off, or a make-up weekend day. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  return isWorkingDayNumber(requireDay(date), calendar);
}

/**
 * The number of working days from `from` to `to`, both included, so that
 * `workingDaysBetween(start, addWorkingDays(start, n))` is `n` for a working `start`. A range
 * that ends before it begins is empty and has none.
 */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  const first = requireDay(from);
  const last = requireDay(to);
  let count = 0;
  for (let day = first; day <= last; day++) if (isWorkingDayNumber(day, calendar)) count++;
  return count;
}

function isWorkingDayNumber(day: number, calendar: HolidayCalendar): boolean {
  const date = dateOfDayNumber(day);
  requireCoverage(date, calendar);
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = weekdayOfDayNumber(day);
  return weekday !== 0 && weekday !== 6;
}

/**
 * A day is known only when its year's notice is loaded, and in late December also the next
 * year's: a 元旦 arrangement can take days off or add a make-up day in the last days of the year
 * before (元旦 2023 began on 2022-12-31).
 */
function requireCoverage(date: string, calendar: HolidayCalendar): void {
  const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
  if (!calendar.years.has(year)) {
    throw new DomainError('rule_violation', 'calendar_year_missing', { year });
  }
  if (month === 12 && dayOfMonth >= firstDecemberDayOfNextNotice && !calendar.years.has(year + 1)) {
    throw new DomainError('rule_violation', 'calendar_year_missing', { year: year + 1 });
  }
}

function requireDay(date: string): number {
  const day = dayNumberOf(date);
  if (day === undefined) throw new DomainError('invalid_request', 'invalid_date', { date });
  return day;
}
