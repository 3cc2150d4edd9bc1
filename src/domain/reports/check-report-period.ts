import { localDay } from '../clock.ts';
import { chinaTimeZone } from '../china-time.ts';

export type ReportPeriodState = 'not_started' | 'open' | 'ended';

/** Notices run on China's calendar whatever the server's zone. */
export const reportTimeZone = chinaTimeZone;

/**
 * Whether reports are taken at `now`: the period's dates are local days, both inclusive, so the
 * first day starts at 00:00 and the last ends at 24:00 Beijing time.
 */
export function checkReportPeriod(
  period: { periodStart: string; periodEnd: string },
  now: Date,
): ReportPeriodState {
  const today = localDay(now, reportTimeZone);
  if (today < period.periodStart) return 'not_started';
  if (today > period.periodEnd) return 'ended';
  return 'open';
}
