import { ballotNumber } from '../admin-text.ts';
import type { StaffErrorMessages } from './staff-error-messages-type.ts';

/** Messages of the vote-integrity tools: the stuffing report and voiding. */
export const messages: StaffErrorMessages = {
  zh: {
    window_empty: '时间范围的开始必须早于结束。',
    window_too_long: (p) => `时间范围最长 ${String(p.maxDays)} 天，请缩小范围后重试。`,
    void_after_review:
      '公示已经开始，公众投票结果已成定局，不能再作废选票。如确有问题，请在公示结果中说明。',
    void_candidate_not_in_campaign:
      '所选候选对象不属于本次评选，请在“候选对象”列表中按编号和姓名重新选择。',
    void_candidate_other_track: (p) =>
      `${ballotNumber(Number(p.number))} ${String(p.name)} 不在所选类别中。请把类别改为“全部类别”或该对象所在的类别。`,
  },
  en: {
    window_empty: 'The start of the time window must be before its end.',
    window_too_long: (p) =>
      `The time window may be at most ${String(p.maxDays)} days; narrow it and try again.`,
    void_after_review:
      'Publicity has begun and the public vote’s figures are final: ballots can no longer be voided. Record any finding in the outcome of the publicity instead.',
    void_candidate_not_in_campaign:
      'The chosen candidate is not in this selection; choose one again by number and name from the list.',
    void_candidate_other_track: (p) =>
      `No. ${String(p.number).padStart(2, '0')} ${String(p.name)} is not in the chosen category. Choose “all categories” or the candidate’s own category.`,
  },
};
