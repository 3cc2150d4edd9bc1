import type { StaffErrorMessages } from './staff-error-messages-type.ts';

const stageNames: Record<string, string> = {
  nomination: '推荐',
  review: '初审入围',
  public_vote: '事迹展示和群众投票',
  second_shortlist: '二次入围',
  committee_vote: '常委会差额票决',
  publicity: '公示',
  concluded: '命名表彰',
};
const stageName = (stage: unknown) => stageNames[String(stage)] ?? String(stage);
const ids = (v: unknown) => (Array.isArray(v) ? v.join(', ') : String(v));

/** The committee's differential vote: the rule, drafts of a sitting and confirming them. */
export const messages: StaffErrorMessages = {
  zh: {
    committee_rule_locked:
      '本次评选已有常委会票决结果经过确认，票决规则不能再修改。如确需更改，请联系管理员核实情况。',
    committee_wrong_stage: (p) =>
      `评选目前处于“${stageName(p.stage)}”阶段，只有在“常委会差额票决”阶段才能录入或确认票决结果。请先将评选推进到该阶段。`,
    committee_rule_missing:
      '还没有设置常委会票决规则（应到会人数、法定人数、当选票数和同票处理办法），请先设置规则再录入票决结果。',
    committee_present_exceeds_due: (p) =>
      `实到会人数 ${String(p.present)} 人超过了应到会人数 ${String(p.due)} 人，请核对会议记录；如应到会人数有变，请先修改票决规则。`,
    committee_votes_exceed_present: (p) =>
      `${String(p.name ?? '一位候选对象')}的赞成、反对、弃权票合计 ${String(p.total)} 票，超过了实到会人数 ${String(p.present)} 人，请核对计票结果。`,
    committee_duplicate_tally: '同一位候选对象的票数录入了两次，请每人只录入一行。',
    committee_invalid_count: '票数和人数必须是不小于 0 的整数，请检查后重新录入。',
    committee_tally_missing: (p) =>
      `第 ${String(p.round)} 轮票决还缺少以下候选对象的票数：${String(p.names)}。每位应参加本轮票决的候选对象都需录入赞成、反对、弃权票数。`,
    committee_tally_unexpected: (p) =>
      `以下候选对象（编号 ${ids(p.candidateIds)}）不参加第 ${String(p.round)} 轮票决：第一轮只对二次入围的候选对象表决，以后各轮只对上一轮同票须再次表决的候选对象表决。请删去这些行后重试。`,
    committee_no_candidates_due: (p) =>
      Number(p.placesRemaining) === 0
        ? '本类别的名额已经全部确定，不需要再录入票决结果。'
        : '本类别没有需要票决的候选对象：请先在候选对象管理中将二次入围的候选对象标记为“二次入围”。',
    committee_session_not_found: '没有找到这次常委会票决记录，可能已被重新录入，请刷新页面。',
    committee_session_confirmed:
      '这次票决结果已经确认，不能再次确认或修改。如需对同票者再次表决，请录入下一轮票决结果。',
    committee_no_quorum: (p) =>
      `实到会 ${String(p.present)} 人，未达到法定人数（应到会 ${String(p.due)} 人，需至少 ${String(p.needed)} 人），本次表决无效，不能确认。请另行召开会议表决后重新录入。`,
    committee_draft_outdated: (p) =>
      `这份草稿按应到会 ${String(p.recordedDue)} 人录入，而票决规则现在是应到会 ${String(p.due)} 人。请按现行规则重新录入本轮票决结果后再确认。`,
    committee_candidates_changed:
      '草稿录入后，参加本轮票决的候选对象有了变化（例如有人被撤回），请刷新页面，按现在的名单重新录入后再确认。',
  },
  en: {
    committee_rule_locked:
      'A committee vote of this selection has been confirmed, so its rule can no longer change. If it really must, ask an administrator to look into it.',
    committee_wrong_stage: (p) =>
      `The selection is at the "${String(p.stage)}" stage; committee votes can only be recorded or confirmed at the committee vote stage. Move the selection to that stage first.`,
    committee_rule_missing:
      'The committee vote rule (members due, quorum, votes needed, tie-break) is not set yet. Set the rule before recording a vote.',
    committee_present_exceeds_due: (p) =>
      `${String(p.present)} members present is more than the ${String(p.due)} members due. Check the minutes; if the committee's size changed, change the rule first.`,
    committee_votes_exceed_present: (p) =>
      `For, against and abstentions for ${String(p.name ?? 'a candidate')} add up to ${String(p.total)}, more than the ${String(p.present)} members present. Check the count.`,
    committee_duplicate_tally:
      'A candidate appears twice in the tallies; enter one line per candidate.',
    committee_invalid_count: 'Votes and member counts must be whole numbers of 0 or more.',
    committee_tally_missing: (p) =>
      `Round ${String(p.round)} still lacks the votes of: ${String(p.names)}. Every candidate due in this round needs for, against and abstentions.`,
    committee_tally_unexpected: (p) =>
      `These candidates (ids ${ids(p.candidateIds)}) are not due in round ${String(p.round)}: the first round votes on the second shortlist, later rounds only on those the previous round left tied. Remove them and try again.`,
    committee_no_candidates_due: (p) =>
      Number(p.placesRemaining) === 0
        ? 'Every place in this category is decided; there is nothing left to vote on.'
        : 'No candidate of this category is on the second shortlist. Mark the second shortlist among the candidates first.',
    committee_session_not_found:
      'There is no such committee sitting; it may have been recorded again. Reload the page.',
    committee_session_confirmed:
      'This vote is already confirmed and cannot be confirmed or changed again. To vote again on tied candidates, record the next round.',
    committee_no_quorum: (p) =>
      `${String(p.present)} members present is below the quorum (${String(p.needed)} of ${String(p.due)} due), so the vote is void and cannot be confirmed. Hold another sitting and record it.`,
    committee_draft_outdated: (p) =>
      `This draft was recorded for ${String(p.recordedDue)} members due, but the rule now says ${String(p.due)}. Record this round again under the current rule, then confirm.`,
    committee_candidates_changed:
      'The candidates due in this round changed after the draft was recorded (one was withdrawn, for example). Reload the page, record the round again for the current list, then confirm.',
  },
};
