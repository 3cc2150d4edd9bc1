import type { NoticePeriodStatus } from '#src/schemas/notice-input.ts';
import { computeNoticeStatus, noticeTimeZone } from '../notices/compute-notice-status.ts';

export type ReportPeriodState = 'not_started' | 'open' | 'ended';

/** Notices run on China's calendar whatever the server's zone. */
export const reportTimeZone = noticeTimeZone;

const reportPeriodStates = {
  upcoming: 'not_started',
  running: 'open',
  ended: 'ended',
} as const satisfies Record<NoticePeriodStatus, ReportPeriodState>;

/**
 * Whether reports are taken at `now`: while the notice's period runs (its dates are local days,
 * both inclusive, so the first day starts at 00:00 and the last ends at 24:00 Beijing time).
 */
export function checkReportPeriod(
  period: { periodStart: string; periodEnd: string },
  now: Date,
): ReportPeriodState {
  return reportPeriodStates[computeNoticeStatus(period, now)];
}
