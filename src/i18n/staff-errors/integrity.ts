import { chinaTimeZone } from '#src/domain/china-time.ts';
import { ballotNumber } from '../admin-text.ts';
import type { StaffErrorMessages } from './staff-error-messages-type.ts';

/** Messages of the vote-integrity tools: the stuffing report and voiding. */
export const messages: StaffErrorMessages = {
  zh: {
    window_empty: '时间范围的开始必须早于结束。',
    window_too_long: (p) => `时间范围最长 ${String(p.maxDays)} 天，请缩小范围后重试。`,
    void_after_review:
      '公示已经开始，公众投票结果已成定局，不能再作废选票。如确有问题，请在公示结果中说明。',
    void_after_certification:
      '本次评选的投票结果已核验发布，票数已冻结，不能再作废选票。核验结果是公开文件，如发现问题，请在公示结果中说明。',
    certify_before_close: '投票尚未截止，截止后才能核验发布结果。',
    paper_unreconciled: (p) =>
      `纸质或现场选票批次“${(p.batches as string[] | undefined)?.join('”“') ?? ''}”还没有完成两遍录入或还有未核定的差异。核验结果包括所有渠道，请先在“纸质选票”中完成录入和核对。`,
    results_already_certified: (p) =>
      `投票结果已于 ${p.certifiedAt ? new Date(String(p.certifiedAt)).toLocaleString('zh-CN', { timeZone: chinaTimeZone }) : '此前'} 核验发布，每次评选只能核验一次，核验结果不能更改。`,
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
    void_after_certification:
      'The results of this vote have been certified and published: the figures are frozen and ballots can no longer be voided. Record any finding in the outcome of the publicity instead.',
    certify_before_close:
      'The vote has not closed yet; its results can be certified only after the close.',
    paper_unreconciled: (p) =>
      `Paper or on-site batches “${(p.batches as string[] | undefined)?.join('”, “') ?? ''}” are not yet entered twice or have unsettled differences. The certificate covers every channel: finish their entry and reconciliation first.`,
    results_already_certified: (p) =>
      `The results were already certified${p.certifiedAt ? ` on ${new Date(String(p.certifiedAt)).toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}; a vote is certified once and its certificate never changes.`,
    void_candidate_not_in_campaign:
      'The chosen candidate is not in this selection; choose one again by number and name from the list.',
    void_candidate_other_track: (p) =>
      `No. ${String(p.number).padStart(2, '0')} ${String(p.name)} is not in the chosen category. Choose “all categories” or the candidate’s own category.`,
  },
};
