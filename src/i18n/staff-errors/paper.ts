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
    serial_malformed: '选票编号应为 8 位数字，请对照选票重新输入。',
    serial_check_digit:
      '选票编号的校验位不符：可能输错了一位或颠倒了相邻两位，请对照选票重新输入。如果确实如此印刷，这张选票不是登记印制的选票，请交给负责人。',
    serial_other_batch: (p) =>
      `这个编号属于另一个批次“${String(p.batch)}”，不属于正在录入的批次。请把这张选票放回它的批次。`,
    serial_unknown: (p) =>
      `这个编号不在任何登记印制的范围内（本批次为 ${String(p.first)} 至 ${String(p.last)}），可能是复印或编造的选票，不能计入，请交给负责人。`,
    serial_already_entered: (p) =>
      `编号 ${String(p.serial)} 在您这一轮已经录入过，同一编号只计一次。如果刚才录错了，按 Ctrl+Enter 用这次的输入更正。`,
    batch_passes_taken:
      '这个批次已有两位计票员分别录入，每批只录两遍。如需复核差异，请联系管理员或监测员。',
    batch_entered_by_tally: '这个批次已按计票单录入汇总数，不能再逐张录入选票。',
    batch_entered_by_ballots: '这个批次已逐张录入选票，不能再录入计票单。',
    pick_repeated: '同一个编号输入了两次，请对照选票重新输入所选编号。',
    pick_not_on_ballot: (p) =>
      `选票上没有 ${String(p.number)} 号候选对象，请对照选票重新输入；无法辨认的选票输入 *。`,
    tally_already_entered:
      '您这一轮已录入过这个批次的计票单。如需更正，请勾选“更正本轮已录入的计票单”后再提交。',
    tally_not_onsite: '只有现场投票的批次才录入计票单。',
    tally_total_mismatch: (p) =>
      `各候选对象得票合计 ${String(p.sum)}，与计票单上的总票数 ${String(p.total)} 不符，请核对计票单。`,
    tally_count_over_ballots: (p) =>
      `${String(p.number)} 号的得票 ${String(p.count)} 超过有效选票数 ${String(p.valid)}，请核对计票单。`,
    tally_votes_over_picks: (p) =>
      `总票数 ${String(p.total)} 超过有效选票数 ${String(p.valid)} × 每票最多选 ${String(p.maxPicks)}，请核对计票单。`,
    tally_over_batch: (p) =>
      `投票总数 ${String(p.cast)} 超过本批次印制的 ${String(p.printed)} 张选票，请核对计票单。`,
    pass_finished: (p) =>
      `您已完成第 ${String(p.pass)} 遍录入，不能再录入或更正；两遍的差异由管理员或监测员对照原票核定。`,
    pass_not_started: '您还没有录入这个批次，没有可完成的一遍。',
    batch_not_ready: '两位计票员都完成录入后，才能核对两遍的差异。',
    resolver_entered_batch: '您录入过这个批次，不能核定它的差异，请由第三人核定。',
    no_difference: (p) => `编号 ${String(p.serial)} 两遍录入一致，无需核定。`,
    already_resolved: (p) => `编号 ${String(p.serial)} 的差异已经核定过，核定结果不能更改。`,
    tally_no_difference: '两遍录入的计票单一致，无需核定。',
    tally_already_resolved: '这个批次的计票单差异已经核定过，核定结果不能更改。',
    tally_pass_missing: (p) => `第 ${String(p.pass)} 遍没有录入计票单，不能采用。`,
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
    serial_malformed: 'A ballot serial has 8 digits; type it again from the ballot.',
    serial_check_digit:
      'The serial’s check digit does not match: a digit was probably mistyped or two were swapped. If it is printed so, the ballot is not a registered one; hand it to the person in charge.',
    serial_other_batch: (p) =>
      `This serial belongs to another batch, “${String(p.batch)}”, not the one being entered. Put the ballot back in its batch.`,
    serial_unknown: (p) =>
      `This serial lies in no registered print run (this batch is ${String(p.first)} to ${String(p.last)}); the ballot may be a copy or invented and cannot count. Hand it to the person in charge.`,
    serial_already_entered: (p) =>
      `Serial ${String(p.serial)} is already entered in your pass; a serial counts once. If the earlier entry was wrong, press Ctrl+Enter to correct it with this one.`,
    batch_passes_taken:
      'Two tellers are already entering this batch; each batch is entered twice only. Ask an admin or monitor to review the differences.',
    batch_entered_by_tally:
      'This batch was entered from its tally sheet; its ballots cannot also be entered one by one.',
    batch_entered_by_ballots:
      'This batch’s ballots were entered one by one; it cannot also be entered from a tally sheet.',
    pick_repeated: 'A number was typed twice; type the ballot’s marks again.',
    pick_not_on_ballot: (p) =>
      `There is no candidate number ${String(p.number)} on this ballot; type the marks again, or * for an unreadable ballot.`,
    tally_already_entered:
      'You have already entered this batch’s tally sheet in your pass. To correct it, tick “Correct my entered sheet” and send it again.',
    tally_not_onsite: 'Only on-site batches are entered from a tally sheet.',
    tally_total_mismatch: (p) =>
      `The candidates’ votes add up to ${String(p.sum)}, not the sheet’s total of ${String(p.total)}; check the sheet.`,
    tally_count_over_ballots: (p) =>
      `Number ${String(p.number)} has ${String(p.count)} votes, more than the ${String(p.valid)} valid ballots; check the sheet.`,
    tally_votes_over_picks: (p) =>
      `The total of ${String(p.total)} votes is more than ${String(p.valid)} valid ballots × ${String(p.maxPicks)} picks each; check the sheet.`,
    tally_over_batch: (p) =>
      `${String(p.cast)} ballots cast is more than the ${String(p.printed)} printed in this batch; check the sheet.`,
    pass_finished: (p) =>
      `You have finished pass ${String(p.pass)}; it takes no more entries or corrections. An admin or monitor settles differences from the paper.`,
    pass_not_started: 'You have not entered this batch; there is no pass of yours to finish.',
    batch_not_ready: 'Differences are reviewed once both tellers have finished their passes.',
    resolver_entered_batch:
      'You entered this batch, so you cannot settle its differences; a third person must.',
    no_difference: (p) => `Both passes read serial ${String(p.serial)} alike; nothing to settle.`,
    already_resolved: (p) =>
      `The difference on serial ${String(p.serial)} is already settled, and that is final.`,
    tally_no_difference: 'Both passes entered the same tally sheet; nothing to settle.',
    tally_already_resolved: 'This batch’s tally sheets are already settled, and that is final.',
    tally_pass_missing: (p) => `Pass ${String(p.pass)} entered no tally sheet to adopt.`,
  },
};
