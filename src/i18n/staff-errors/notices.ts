import type { StaffErrorMessages } from './staff-error-messages-type.ts';

const stageNames: Record<string, [string, string]> = {
  nomination: ['推荐', 'nomination'],
  review: ['初审入围', 'initial review'],
  public_vote: ['事迹展示和群众投票', 'display and public vote'],
  second_shortlist: ['二次入围', 'second shortlist'],
  committee_vote: ['常委会差额票决', 'committee vote'],
  publicity: ['公示', 'publicity'],
  concluded: ['命名表彰', 'conclusion'],
};

const fieldNames: Record<string, [string, string]> = {
  serial: ['文号', 'serial number'],
  title: ['标题', 'title'],
  lead: ['导语', 'lead paragraph'],
  reportPhone: ['举报电话', 'reporting phone'],
  reportAddress: ['通信地址', 'postal address'],
  reportPostcode: ['邮政编码', 'postcode'],
  reportVisit: ['来访地点和时间', 'place and hours for visits'],
  reportWeb: ['网络举报网址', 'reporting website'],
  reportRules: ['有关要求', 'rules for reports'],
  signature: ['落款单位', 'signature'],
};

const stage = (p: Record<string, unknown>, i: 0 | 1) =>
  stageNames[String(p.stage)]?.[i] ?? String(p.stage);
const fields = (p: Record<string, unknown>, i: 0 | 1) =>
  (Array.isArray(p.fields) ? p.fields : [])
    .map((f) => fieldNames[String(f)]?.[i] ?? String(f))
    .join(i === 0 ? '、' : ', ');
const zhDate = (v: unknown) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : String(v);
};

/** The publicity notice: drafting, editing, publishing, and the public's notice pages. */
export const messages: StaffErrorMessages = {
  zh: {
    notice_exists: (p) =>
      `本次评选已经有公示（${String(p.slug)}），请直接修改它；每次评选只发布一份公示，更正时发布新的版本。`,
    notice_not_found: '没有找到这份公示。请先点击“生成公示草稿”创建公示，或核对公示编号。',
    notice_revision_not_found: (p) =>
      `这份公示没有第 ${String(p.revision)} 版，请从公示页面的版本列表中选择。`,
    notice_start_not_working_day: (p) =>
      `${zhDate(p.periodStart)}不是工作日（周末或法定节假日），公示期应从工作日开始，请另选开始日期。`,
    notice_signed_after_start: (p) =>
      `落款日期 ${zhDate(p.signedOn)} 晚于公示开始日期 ${zhDate(p.periodStart)}。公示应在开始前落款，请核对两个日期。`,
    notice_wrong_stage: (p) =>
      `评选目前处于“${stage(p, 0)}”阶段，进入“公示”阶段后才能发布公示。请先在评选管理中推进阶段。`,
    notice_no_entries:
      '本次评选还没有当选对象，公示没有可列的名单。请先在常委会差额票决中确认票决结果。',
    notice_incomplete: (p) => `发布前请填写：${fields(p, 0)}。群众需要这些信息反映问题。`,
    notice_report_web_elsewhere: (p) =>
      `网络举报网址“${String(p.given)}”不是本公示的页面，群众会被引到别处（例如往年已结束举报的公示）。请改为 ${String(p.expected)}。`,
    notice_report_web_insecure: (p) =>
      `网络举报网址“${String(p.given)}”以 http:// 开头，而网站使用 https://，举报内容会以明文传送。请改为 ${String(p.expected)}。`,
    notice_change_note_required: (p) =>
      `这份公示已经发布过，发布第 ${String(p.revision)} 版时必须填写更正说明，写明改了什么、为什么改。`,
    notice_unchanged: (p) =>
      `草稿与已发布的第 ${String(p.revision)} 版完全相同，没有需要发布的更正。请先修改公示内容或当选对象信息。`,
    calendar_year_missing: (p) =>
      `节假日安排中还没有 ${String(p.year)} 年的数据，无法计算工作日。请管理员在 db/calendar/china-public-holidays.json 中补充该年安排后再试。`,
    invalid_date: (p) => `“${String(p.date)}”不是有效日期，请按 YYYY-MM-DD 填写，例如 2026-01-12。`,
    invalid_working_day_count: '公示工作日数应为 1 到 30 之间的整数。',
    decision_exists: (p) =>
      `本次评选已经有命名决定（${String(p.slug)}），请直接修改；更正时发布新的版本。`,
    decision_not_found: '没有找到命名决定。请先生成命名决定草稿，或核对链接。',
    decision_revision_not_found: (p) =>
      `这份命名决定没有第 ${String(p.revision)} 版，请从版本列表中选择。`,
    decision_outcome_missing:
      '公示结果还没有公布。命名决定以公示结果为依据（暂缓命名的对象不列入），请先在公示页面公布公示结果。',
    decision_wrong_stage: (p) =>
      `评选目前处于“${stage(p, 0)}”阶段，进入“命名表彰”阶段后才能发布命名决定。请先在评选管理中推进阶段。`,
    decision_no_entries: '公示对象均被暂缓命名，命名决定没有可列的对象。',
    decision_change_note_required: (p) =>
      `命名决定已经发布过，发布第 ${String(p.revision)} 版时必须填写更正说明，写明改了什么、为什么改。`,
    decision_unchanged: (p) =>
      `草稿与已发布的第 ${String(p.revision)} 版完全相同，没有需要发布的更正。`,
    notice_outcome_unpublished: '公示还没有发布，没有可公布结果的公示期。请先发布公示。',
    notice_outcome_too_early: (p) =>
      `公示期到${zhDate(p.periodEnd)}结束，期满后（次日起）才能公布公示结果。`,
    notice_outcome_reports_open: (p) =>
      `还有 ${String(p.open)} 件反映尚未办结。所有反映核实办结后，才能公布公示结果。`,
    notice_outcome_findings_required: (p) =>
      `公示期间收到反映 ${String(p.received)} 件，请填写核实情况（“经核实，……”之后的内容）。`,
    notice_outcome_not_entry:
      '暂缓命名的对象必须是本公示所列的对象。请刷新页面，从公示名单中勾选。',
  },
  en: {
    notice_exists: (p) =>
      `This selection already has a notice (${String(p.slug)}); edit it instead. A selection has one notice; corrections are published as new revisions.`,
    notice_not_found:
      'There is no such notice. Create the draft first, or check the notice’s identifier.',
    notice_revision_not_found: (p) =>
      `This notice has no revision ${String(p.revision)}; pick one from the notice’s list of revisions.`,
    notice_start_not_working_day: (p) =>
      `${String(p.periodStart)} is not a working day (weekend or public holiday). A publicity period starts on a working day; choose another start date.`,
    notice_signed_after_start: (p) =>
      `The signature date ${String(p.signedOn)} is after the first day of the period, ${String(p.periodStart)}. A notice is signed before it runs; check both dates.`,
    notice_wrong_stage: (p) =>
      `The selection is at the “${stage(p, 1)}” stage. A notice can be published from the publicity stage on; advance the selection first.`,
    notice_no_entries:
      'Nobody has been elected in this selection yet, so the notice would list nobody. Confirm the committee vote first.',
    notice_incomplete: (p) =>
      `Fill in before publishing: ${fields(p, 1)}. The public needs them to report concerns.`,
    notice_report_web_elsewhere: (p) =>
      `The reporting website “${String(p.given)}” is not this notice’s page, so readers would be sent elsewhere (an earlier notice whose reports have closed, for example). Change it to ${String(p.expected)}.`,
    notice_report_web_insecure: (p) =>
      `The reporting website “${String(p.given)}” starts with http:// while the site uses https://, so reports would travel unencrypted. Change it to ${String(p.expected)}.`,
    notice_change_note_required: (p) =>
      `This notice has been published before: revision ${String(p.revision)} needs a change note saying what changed and why.`,
    notice_unchanged: (p) =>
      `The draft is identical to published revision ${String(p.revision)}; there is no correction to publish. Change the notice or the elected candidates’ details first.`,
    calendar_year_missing: (p) =>
      `The holiday calendar has no data for ${String(p.year)}, so working days cannot be counted. An administrator must add that year to db/calendar/china-public-holidays.json.`,
    invalid_date: (p) =>
      `“${String(p.date)}” is not a valid date; write it as YYYY-MM-DD, e.g. 2026-01-12.`,
    invalid_working_day_count: 'The number of working days must be a whole number from 1 to 30.',
    decision_exists: (p) =>
      `This selection already has a naming decision (${String(p.slug)}); edit it instead. Corrections are published as new revisions.`,
    decision_not_found:
      'There is no such naming decision. Create the draft first, or check the address.',
    decision_revision_not_found: (p) =>
      `This decision has no revision ${String(p.revision)}; pick one from its list of revisions.`,
    decision_outcome_missing:
      'The outcome of the publicity has not been published. The decision rests on it (those whose naming is suspended are left out): publish the outcome on the notice page first.',
    decision_wrong_stage: (p) =>
      `The selection is at the “${stage(p, 1)}” stage. The naming decision can be published at the conclusion stage; advance the selection first.`,
    decision_no_entries:
      'The naming of every entry of the notice is suspended, so the decision would name nobody.',
    decision_change_note_required: (p) =>
      `The decision has been published before: revision ${String(p.revision)} needs a change note saying what changed and why.`,
    decision_unchanged: (p) =>
      `The draft is identical to published revision ${String(p.revision)}; there is no correction to publish.`,
    notice_outcome_unpublished:
      'The notice has not been published, so there is no period to state the outcome of. Publish the notice first.',
    notice_outcome_too_early: (p) =>
      `The publicity period runs until ${String(p.periodEnd)}; its outcome can be published from the day after.`,
    notice_outcome_reports_open: (p) =>
      `${String(p.open)} report(s) are not concluded yet. The outcome can be published once every report has been verified and concluded.`,
    notice_outcome_findings_required: (p) =>
      `${String(p.received)} report(s) were received during the period: say what verification found.`,
    notice_outcome_not_entry:
      'A candidate whose naming is suspended must be an entry of this notice. Reload the page and tick entries of the notice.',
  },
};
