import type { StaffErrorMessages } from './staff-error-messages-type.ts';
import { chinaTimeZone } from '#src/domain/china-time.ts';

const s = (v: unknown) => String(v);

/** `2026-01-12` → `2026年1月12日`. */
const zhDay = (iso: unknown) => {
  const [y, m, d] = String(iso).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** `2026-01-12` → `12 January 2026`. */
const enDay = (iso: unknown) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${String(iso)}T00:00:00Z`),
  );

/** An instant in Beijing time, to the minute. */
const when = (iso: unknown, locale: 'zh-CN' | 'en-GB') =>
  typeof iso === 'string'
    ? new Intl.DateTimeFormat(locale, {
        timeZone: chinaTimeZone,
        month: 'long',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso))
    : '';

/**
 * Reports from the public during a publicity period (also shown to the public, in all three
 * languages) and the supervisors' reads.
 */
export const messages: StaffErrorMessages = {
  zh: {
    report_notice_not_found: '没有找到这份公示，或公示尚未发布。请从公示页面重新进入。',
    report_period_not_started: (p) =>
      `公示期为 ${zhDay(p.periodStart)}至${zhDay(p.periodEnd)}，尚未开始，请在公示期内再来反映。`,
    report_period_ended: (p) =>
      `公示期为 ${zhDay(p.periodStart)}至${zhDay(p.periodEnd)}，现已结束，不再受理。`,
    report_entry_unknown: '所选对象不在本公示中，请刷新页面后重新选择，或选择“公示整体”。',
    report_bot_check_failed: '人机验证未通过，请重新验证后再提交。您填写的内容已保留。',
    report_daily_limit: (p) =>
      `同一设备每天最多提交 ${s(p.limit)} 条反映，今天的次数已用完。请于 ${when(p.nextReportAt, 'zh-CN')}后再提交，或通过公示中的电话、信函、来访等方式反映。`,
    report_address_limit: (p) =>
      `同一网络地址今天已提交 ${s(p.limit)} 条反映，已达上限。请于 ${when(p.nextReportAt, 'zh-CN')}后再提交，或通过公示中的电话、信函、来访等方式反映。`,
    report_not_found: '没有找到这条反映。',
    report_already_taken_up: (p) =>
      p.status === 'concluded'
        ? '这条反映已经办结，不能再次受理核实。'
        : '这条反映已在核实中，无需再次开始核实。',
    report_not_taken_up: '请先点击“开始核实”，核实后再填写办理结果。',
    report_already_concluded: '这条反映已经办结，办理结果不能修改。',
    report_status_not_found:
      '受理编号或查询码不正确。请核对提交反映时显示的受理编号和查询码（不区分大小写）。',
  },
  en: {
    report_notice_not_found:
      'This notice does not exist or has not been published. Please open it again from the notice page.',
    report_period_not_started: (p) =>
      `The publicity period runs from ${enDay(p.periodStart)} to ${enDay(p.periodEnd)} and has not started yet. Please send your report during the period.`,
    report_period_ended: (p) =>
      `The publicity period ran from ${enDay(p.periodStart)} to ${enDay(p.periodEnd)} and has ended; reports are no longer accepted.`,
    report_entry_unknown:
      'The chosen entry is not part of this notice. Reload the page and choose again, or choose the notice as a whole.',
    report_bot_check_failed:
      'The bot check did not pass. Please check again and resend; your text is kept.',
    report_daily_limit: (p) =>
      `One device may send at most ${s(p.limit)} reports a day, and today’s have been used. You can send again from ${when(p.nextReportAt, 'en-GB')} (Beijing time), or use the phone, post or visit channels in the notice.`,
    report_address_limit: (p) =>
      `${s(p.limit)} reports have been sent from this network address today, the most it may send. You can send again from ${when(p.nextReportAt, 'en-GB')} (Beijing time), or use the phone, post or visit channels in the notice.`,
    report_not_found: 'There is no such report.',
    report_already_taken_up: (p) =>
      p.status === 'concluded'
        ? 'This report has been concluded and cannot be taken up again.'
        : 'This report is already being verified.',
    report_not_taken_up: 'Start verifying this report first, then record its conclusion.',
    report_already_concluded: 'This report has been concluded; its conclusion cannot be changed.',
    report_status_not_found:
      'The reference or the check code is not right. Please check both as they were shown when you sent the report (capitals or not, either works).',
  },
};
