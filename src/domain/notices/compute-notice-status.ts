import type { NoticePeriodStatus } from '#src/schemas/notice-input.ts';
import { localDay } from '../clock.ts';
import { chinaTimeZone } from '../china-time.ts';

/** Notice periods are dates on the issuing body's calendar. */
export const noticeTimeZone = chinaTimeZone;

/**
 * Where a moment falls against a publicity period (local dates, both inclusive): `upcoming`
 * before the first day, `running` through the whole last day, `ended` from the next midnight in
 * Asia/Shanghai, wherever the server runs.
 */
export function computeNoticeStatus(
  period: { periodStart: string; periodEnd: string },
  at: Date,
): NoticePeriodStatus {
  const today = localDay(at, noticeTimeZone);
  if (today < period.periodStart) return 'upcoming';
  if (today <= period.periodEnd) return 'running';
  return 'ended';
}
