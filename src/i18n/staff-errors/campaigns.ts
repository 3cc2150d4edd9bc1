import type { StaffErrorMessages } from './staff-error-messages-type.ts';
import { chinaTimeZone } from '#src/domain/china-time.ts';

const s = (v: unknown) => String(v);
const day = (iso: unknown) =>
  typeof iso === 'string'
    ? new Intl.DateTimeFormat('zh-CN', {
        timeZone: chinaTimeZone,
        dateStyle: 'long',
        timeStyle: 'short',
      }).format(new Date(iso))
    : '';

/** Campaigns, tracks, stages, accounts and the audit log. */
export const messages: StaffErrorMessages = {
  zh: {
    campaign_slug_taken: (p) => `网址标识“${s(p.slug)}”已被其他评选活动使用，请换一个。`,
    campaign_rules_frozen:
      '投票开始后，投票时间和票数公开方式已经锁定，不能再改（这次尝试已记入审计日志）。',
    rules_frozen: '投票开始后，类别的名额和投票规则已经锁定，不能再改（这次尝试已记入审计日志）。',
    track_slug_taken: (p) => `本活动已有网址标识为“${s(p.slug)}”的类别。`,
    stage_changed: '评选阶段刚被其他人更改过，请刷新页面查看最新状态。',
    stage_not_next: '只能进入下一个阶段，不能跳过或倒退。',
    stage_preconditions_unmet: '还不能进入下一阶段，请先完成下列事项。',
    precondition_no_tracks: '还没有设置评选类别。',
    precondition_few_nominations: (p) =>
      `“${s(p.track)}”的推荐对象只有 ${s(p.have)} 个，差额评选需多于名额 ${s(p.quota)} 个。`,
    precondition_vote_window: '还没有设置投票开始和结束时间。',
    precondition_vote_window_past: '投票结束时间已经过去，请先修改投票时间。',
    precondition_few_public_candidates: (p) =>
      `“${s(p.track)}”的入围候选对象只有 ${s(p.have)} 个，差额投票需多于名额 ${s(p.quota)} 个。`,
    precondition_deeds_missing: (p) =>
      `“${s(p.track)}”有 ${s(p.count)} 个入围候选对象缺少简介或先进事迹。`,
    precondition_vote_still_open: (p) => `群众投票要到 ${day(p.closesAt)} 才结束。`,
    precondition_few_second_shortlist: (p) =>
      `“${s(p.track)}”的二次入围对象只有 ${s(p.have)} 个，差额票决需多于名额 ${s(p.quota)} 个。`,
    precondition_committee_rule:
      '还没有设置常委会票决规则（应到会人数、到会要求、当选票数、同票处理）。',
    precondition_committee_pending: (p) =>
      `“${s(p.track)}”还有 ${s(p.count)} 个对象未完成票决（含须再次表决的同票对象）。`,
    precondition_none_elected: (p) => `“${s(p.track)}”还没有当选对象。`,
    precondition_over_quota: (p) =>
      `“${s(p.track)}”当选 ${s(p.elected)} 个，超过名额 ${s(p.quota)} 个。`,
    precondition_notice_unpublished: '还没有发布公示。',
    precondition_notice_running: (p) => `公示期到 ${s(p.periodEnd)} 才结束。`,
    precondition_outcome_unpublished:
      '公示期已满，请先在公示页面公布公示结果（收到的反映和暂缓命名的对象）。',
    account_self_change: '不能停用或降低自己的账号权限，请另一位管理员操作。',
    audit_range_invalid: '查询时间范围不正确：开始时间需早于结束时间。',
    conversion_term_not_found: '没有找到这条繁体转换更正。',
  },
  en: {
    campaign_slug_taken: (p) => `The address “${s(p.slug)}” is used by another campaign.`,
    campaign_rules_frozen:
      'Once voting has opened, the vote window and count visibility are frozen (this attempt was logged).',
    rules_frozen:
      'Once voting has opened, a category’s quota and ballot rules are frozen (this attempt was logged).',
    track_slug_taken: (p) => `This campaign already has a category “${s(p.slug)}”.`,
    stage_changed: 'Someone else has just changed the stage; reload the page.',
    stage_not_next: 'A campaign can only move on to its next stage.',
    stage_preconditions_unmet: 'The next stage cannot start yet; see what is missing.',
    precondition_no_tracks: 'There are no categories yet.',
    precondition_few_nominations: (p) =>
      `“${s(p.track)}” has ${s(p.have)} nominations; a differential selection needs more than its quota of ${s(p.quota)}.`,
    precondition_vote_window: 'The vote’s opening and closing times are not set.',
    precondition_vote_window_past:
      'The vote’s closing time has passed; change the vote window first.',
    precondition_few_public_candidates: (p) =>
      `“${s(p.track)}” has ${s(p.have)} shortlisted candidates; the vote needs more than its quota of ${s(p.quota)}.`,
    precondition_deeds_missing: (p) =>
      `${s(p.count)} shortlisted candidates in “${s(p.track)}” have no summary or deeds.`,
    precondition_vote_still_open: (p) => `The public vote runs until ${s(p.closesAt)}.`,
    precondition_few_second_shortlist: (p) =>
      `“${s(p.track)}” has ${s(p.have)} candidates on the second shortlist; the committee vote needs more than its quota of ${s(p.quota)}.`,
    precondition_committee_rule: 'The committee vote’s rule is not set.',
    precondition_committee_pending: (p) =>
      `${s(p.count)} candidates in “${s(p.track)}” still await the committee’s decision.`,
    precondition_none_elected: (p) => `Nobody is elected in “${s(p.track)}” yet.`,
    precondition_over_quota: (p) =>
      `“${s(p.track)}” has ${s(p.elected)} elected, more than its quota of ${s(p.quota)}.`,
    precondition_notice_unpublished: 'No notice has been published.',
    precondition_notice_running: (p) => `The publicity period runs until ${s(p.periodEnd)}.`,
    precondition_outcome_unpublished:
      'The publicity period has ended: publish its outcome (reports received, any naming suspended) on the notice page first.',
    account_self_change: 'You cannot disable or demote your own account; ask another admin.',
    audit_range_invalid: 'The time range is not valid: the start must be before the end.',
    conversion_term_not_found: 'There is no such conversion correction.',
  },
};
