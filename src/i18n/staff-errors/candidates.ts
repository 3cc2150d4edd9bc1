import { adminText } from '../admin-text.ts';
import type { StaffErrorMessages } from './staff-error-messages-type.ts';

// The statuses in the words of the candidate list and its filters, one vocabulary everywhere.
const statusZh: Record<string, string> = adminText.statuses;
const stageZh: Record<string, string> = {
  nomination: '推荐',
  review: '初审',
  public_vote: '群众投票',
  second_shortlist: '二次入围',
  committee_vote: '常委会票决',
  publicity: '公示',
  concluded: '命名表彰（已结束）',
};
const statusEn: Record<string, string> = {
  nominated: 'nominated',
  shortlisted: 'shortlisted',
  second_shortlist: 'second shortlist',
  elected: 'elected',
  not_elected: 'not elected',
  withdrawn: 'withdrawn',
};
const stageEn: Record<string, string> = {
  nomination: 'nomination',
  review: 'review',
  public_vote: 'public vote',
  second_shortlist: 'second shortlist',
  committee_vote: 'committee vote',
  publicity: 'publicity',
  concluded: 'concluded',
};

const name = (table: Record<string, string>, v: unknown) => table[String(v)] ?? String(v);

/** Why a move is refused, in terms of the process, so staff know whether waiting would help. */
function transitionHintZh(p: Record<string, unknown>): string {
  if (p.to === 'nominated' && (p.from === 'shortlisted' || p.from === 'withdrawn')) {
    return '退回“已推荐”只能在推荐或初审阶段进行：进入群众投票后，公众已看到入围名单。';
  }
  if (
    (p.from === 'elected' && p.to === 'not_elected') ||
    (p.from === 'not_elected' && p.to === 'elected')
  ) {
    return '“当选”和“未当选”只能在常委会票决阶段互改；公示开始后请按程序处理。';
  }
  return '状态需按“已推荐 → 已入围 → 二次入围 → 当选/未当选”的顺序逐步变更，得出结果前都可改为“已退出”。';
}

function transitionHintEn(p: Record<string, unknown>): string {
  if (p.to === 'nominated' && (p.from === 'shortlisted' || p.from === 'withdrawn')) {
    return 'Going back to nominated is only possible during nomination or review: once the public vote starts, the public has seen the shortlist.';
  }
  if (
    (p.from === 'elected' && p.to === 'not_elected') ||
    (p.from === 'not_elected' && p.to === 'elected')
  ) {
    return 'Elected and not elected can only be swapped during the committee vote.';
  }
  return 'Statuses move one step at a time: nominated → shortlisted → second shortlist → elected or not elected; any of the first three can be withdrawn.';
}

/** The refused candidates by name (the first five, then how many more). */
function refusedNames(p: Record<string, unknown>, separator: string): string {
  const list = Array.isArray(p.refused) ? (p.refused as { name?: unknown }[]) : [];
  const names = list.map((r) => String(r.name ?? '')).filter((n) => n !== '');
  if (names.length === 0) return separator === '、' ? '该对象' : 'This candidate';
  const shown = names.slice(0, 5).join(separator);
  if (names.length <= 5) return shown;
  return separator === '、'
    ? `${shown}等 ${names.length} 个对象`
    : `${shown} and ${names.length - 5} more`;
}

export const messages: StaffErrorMessages = {
  zh: {
    candidate_number_taken: (p) =>
      `本类别中已有编号为 ${String(p.number)} 的候选对象，请换一个编号，或留空由系统自动编号。`,
    candidate_locked: (p) =>
      `该候选对象已“${name(statusZh, p.status)}”，且活动处于“${name(stageZh, p.stage)}”阶段，公示内容不能再修改。如确需更正，请按程序另行处理。`,
    candidate_kind_mismatch: (p) =>
      p.expected === 'unit'
        ? '这个类别评选的是单位，请填写单位信息（单位全称、负责人及其职务），不要填写个人信息。'
        : '这个类别评选的是个人，请填写个人信息（姓名、性别、出生年月等），不要填写单位负责人。',
    candidate_fields_invalid: (p) =>
      p.kind === 'unit'
        ? '部分字段不符合要求：单位不填写个人信息（性别、民族、出生年月等），必填项不能清空。请按提示修改后再保存。'
        : '部分字段不符合要求：个人不填写单位负责人信息，必填项不能清空。请按提示修改后再保存。',
    portrait_not_found: '找不到所选的照片，请重新上传后再保存。',
    candidate_value_not_listed:
      '所属地区或所属领域不在本次评选的列表中，请从列表中选择（公开网站按它们筛选，错字会多出一个筛选项）。',
    status_transition_not_allowed: (p) =>
      `${refusedNames(p, '、')}不能从“${name(statusZh, p.from)}”改为“${name(statusZh, p.to)}”（当前阶段：${name(stageZh, p.stage)}）。${transitionHintZh(p)}${
        Array.isArray(p.refused) && p.refused.length > 1
          ? `本次共有 ${p.refused.length} 个对象不能变更，所有对象均未改动；请取消勾选它们后再试。`
          : ''
      }`,
  },
  en: {
    candidate_number_taken: (p) =>
      `Another candidate in this category already has number ${String(p.number)}. Choose another number, or leave it empty to get the next free one.`,
    candidate_locked: (p) =>
      `This candidate is ${name(statusEn, p.status)} and the selection is in its ${name(stageEn, p.stage)} stage: what the notice says can no longer be edited.`,
    candidate_kind_mismatch: (p) =>
      p.expected === 'unit'
        ? 'This category is for units: enter the unit’s full name, its head and the head’s title, and no personal details.'
        : 'This category is for individuals: enter personal details (name, sex, birth…), not a unit head.',
    candidate_fields_invalid:
      'Some fields are not valid for this candidate: units have no personal details, and required fields cannot be emptied. Correct them and save again.',
    portrait_not_found: 'The chosen photo was not found; upload it again and save.',
    candidate_value_not_listed:
      'The district or sector is not on this selection’s list; choose one from the list (the public lists filter by them, and a typo would add a filter of its own).',
    status_transition_not_allowed: (p) =>
      `${refusedNames(p, ', ')}: the status cannot change from ${name(statusEn, p.from)} to ${name(statusEn, p.to)} in the ${name(stageEn, p.stage)} stage. ${transitionHintEn(p)}${
        Array.isArray(p.refused) && p.refused.length > 1
          ? ` ${p.refused.length} candidates cannot change; none was changed.`
          : ''
      }`,
  },
};
