import type { StaffErrorMessages } from './staff-error-messages-type.ts';

const channelZh = (c: unknown) => (c === 'onsite' ? '现场投票' : '纸质选票');
const channelEn = (c: unknown) => (c === 'onsite' ? 'on-site voting' : 'paper ballots');

/** Messages of printed ballots: batches, serials and their entry. */
export const messages: StaffErrorMessages = {
  zh: {
    channel_not_run: (p) =>
      `该类别的投票规则没有开设${channelZh(p.channel)}渠道，不能为它印制选票。渠道须在投票开始前在类别设置中开设。`,
    paper_after_certification: '本次评选的投票结果已核验发布，不能再登记或录入纸质选票。',
    serials_exhausted: '选票编号已用完（最多 7 位），不能再登记这么多张选票。',
    batch_not_found: '没有找到这个选票批次。',
    batch_part_not_found: (p) => `这个批次只有 ${String(p.parts)} 部分，请从批次列表重新打开。`,
  },
  en: {
    channel_not_run: (p) =>
      `This category’s rules do not run ${channelEn(p.channel)}, so no ballots can be printed for it. Channels are set in the category before voting opens.`,
    paper_after_certification:
      'The results of this vote have been certified: paper ballots can no longer be registered or entered.',
    serials_exhausted: 'Ballot serial numbers (7 digits) have run out; register fewer ballots.',
    batch_not_found: 'There is no such ballot batch.',
    batch_part_not_found: (p) =>
      `This batch prints in ${String(p.parts)} parts; open it again from the list of batches.`,
  },
};
