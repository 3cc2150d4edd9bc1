import { candidateFields } from '../schemas/candidate-input.ts';
import { adminText } from './admin-text.ts';
import { staffMomentFormat } from './moment-formats.ts';

/**
 * The audit log in staff words: what each recorded action was, what kind of object it touched,
 * the names of the recorded fields and how their values read. The codes stay in the data (and
 * the CSV keeps them beside the words) so an auditor can still filter by them exactly.
 */
export const auditActionLabels: Record<string, string> = {
  'campaign.create': '新建评选活动',
  'campaign.update': '修改评选活动',
  'campaign.advance_stage': '推进评选阶段',
  'campaign.rules_change_refused': '拒绝修改已冻结的活动规则',
  'track.create': '新建评选类别',
  'track.update': '修改评选类别',
  'track.rules_change': '修改类别投票规则',
  'track.rules_change_refused': '拒绝修改已冻结的类别规则',
  'candidate.create': '新增候选对象',
  'candidate.update': '修改候选对象',
  'candidate.import': '批量导入候选对象',
  'candidate.status_change': '变更候选对象状态',
  'candidate.portrait_set': '设置候选对象照片',
  'candidate.portrait_remove': '删除候选对象照片',
  'media.upload': '上传图片',
  'ballots.void': '作废选票',
  'results.certify': '核验发布投票结果',
  'ballot_batch.register': '登记印制选票批次',
  'paper_entry.enter': '录入纸质选票',
  'paper_entry.correct': '更正已录入的纸质选票',
  'tally_sheet.enter': '录入现场计票单',
  'tally_sheet.correct': '更正已录入的现场计票单',
  'batch_pass.finish': '完成一遍选票录入',
  'paper_resolution.resolve': '核定两遍录入不一致的选票',
  'paper_resolution.adopt_tally': '核定两遍录入不一致的计票单',
  'committee.set_rule': '设置常委会票决规则',
  'committee.record_session': '记录常委会票决',
  'committee.confirm_session': '确认常委会票决结果',
  'committee.decide_candidate': '确定候选对象票决结果',
  'notice.create': '生成公示草稿',
  'notice.update': '修改公示草稿',
  'notice.publish': '发布公示',
  'notice.publish_outcome': '公布公示结果',
  'decision.create': '生成命名决定草稿',
  'decision.update': '修改命名决定草稿',
  'decision.publish': '发布命名决定',
  'report.read': '查看举报',
  'report.verify': '开始核实举报',
  'report.conclude': '办结举报',
  'conversion.add': '添加繁体转换词条',
  'conversion.update': '修改繁体转换词条',
  'conversion.remove': '删除繁体转换词条',
  'staff.create': '新建工作人员账号',
  'staff.disable': '停用工作人员账号',
  'staff.login': '登录',
  'staff.logout': '退出登录',
  'staff.logout_everywhere': '退出所有设备',
  'staff.session_end': '登录会话结束',
  'staff.reset_password': '重置密码',
  'staff.change_password': '修改本人密码',
  'staff.second_factor_on': '开启两步验证',
  'staff.second_factor_off': '关闭两步验证',
  'staff.second_factor_reset': '重置两步验证',
  'staff.recovery_codes_renew': '重新生成恢复码',
  'demo.seed': '载入演示数据',
};

export const auditEntityLabels: Record<string, string> = {
  campaign: '评选活动',
  track: '评选类别',
  candidate: '候选对象',
  committee_session: '常委会票决',
  notice: '公示',
  naming_decision: '命名决定',
  report: '举报',
  media: '图片',
  conversion_term: '繁体转换词条',
  staff_user: '工作人员账号',
  ballot_batch: '印制选票批次',
};

const fieldLabels: Record<string, string> = {
  ...Object.fromEntries(candidateFields.map((f) => [f.key, f.label])),
  status: '状态',
  stage: '阶段',
  note: '说明',
  portraitId: '照片',
  title: '标题',
  slug: '网址标识',
  organiser: '主办单位',
  year: '年度',
  voteOpensAt: '投票开始',
  voteClosesAt: '投票结束',
  countsVisibility: '票数公开方式',
  quota: '名额',
  maxPicks: '每票最多选',
  minPicks: '每票最少选',
  ballotsPerDevicePerDay: '每台设备每天票数',
  ballotsPerAddressPerDay: '每个网络地址每天票数',
  position: '排序',
  kind: '对象类型',
  description: '说明',
  filter: '筛选条件',
  ids: '编号',
  sessionExpiresAt: '会话到期',
  sessionId: '会话',
  importRow: '导入行',
  explanation: '说明',
  copies: '图片副本',
  sourceType: '原图格式',
  campaigns: '评选活动',
  reasonCategory: '原因类别',
  ballots: '选票张数',
  votesRemoved: '扣减票数',
  serial: '文号',
  lead: '导语',
  periodStart: '公示开始',
  periodEnd: '公示结束',
  workingDays: '公示工作日数',
  currentRevision: '版本',
  changeNote: '更正说明',
  changes: '改动',
  entries: '公示对象',
  reportsReceived: '收到反映件数',
  findingsLength: '核实情况字数',
  suspended: '暂缓命名对象',
  closing: '结束语',
  reportPhone: '举报电话',
  reportAddress: '通信地址',
  reportPostcode: '邮政编码',
  reportVisit: '来访地点和时间',
  reportWeb: '网络举报网址',
  reportRules: '有关要求',
  signature: '落款单位',
  signedOn: '落款日期',
  email: '邮箱',
  role: '角色',
  displayName: '显示名',
  simplified: '简体',
  traditional: '繁体',
  campaign: '评选活动',
  track: '类别',
  round: '轮次',
  outcome: '结果',
  reason: '原因',
  sessionsEnded: '结束的会话',
  disabledAt: '停用时间',
  passwordChangedAt: '密码修改时间',
  rows: '行数',
  created: '新增',
  reference: '受理编号',
  finding: '核实结论',
  actionTakenChars: '处理情况字数',
  replyChars: '答复字数',
  entryOrder: '排列顺序',
  secondFactor: '两步验证',
  secondFactorOn: '两步验证已开启',
  replacedApp: '更换身份验证器',
  recoveryCodes: '恢复码个数',
  paperChannel: '纸质选票渠道',
  onsiteChannel: '现场投票渠道',
  weightOnline: '网络投票权重',
  weightPaper: '纸质选票权重',
  weightOnsite: '现场投票权重',
  trackSlug: '类别',
  channel: '渠道',
  label: '批次名称',
  destination: '寄送或投票地点',
  ballotCount: '选票张数',
  firstSerial: '起始编号',
  pass: '录入轮次',
  ballotSerial: '选票编号',
  pass1: '第一遍',
  pass2: '第二遍',
  absent: '无此选票',
  picks: '所选编号',
  invalidReason: '无效原因',
  ballotsCast: '投票总数',
  invalidBallots: '无效票数',
  counts: '各对象得票',
  totalVotes: '总票数',
};

function auditFieldLabel(key: string): string {
  return fieldLabels[key] ?? key;
}

const valueWords: Record<string, Record<string, string>> = {
  // Candidates' statuses, and a report's steps (no word is shared).
  status: { ...adminText.statuses, received: '待核实', verifying: '核实中', concluded: '已办结' },
  finding: {
    substantiated: '属实',
    partly_substantiated: '部分属实',
    unsubstantiated: '不属实',
    unverifiable: '无法核实',
  },
  entryOrder: { stroke: '按姓氏笔画', number: '按编号' },
  secondFactor: {
    none: '未开启',
    remembered_device: '已记住的设备',
    totp: '动态码',
    recovery_code: '恢复码',
  },
  stage: adminText.stages,
  role: adminText.roles,
  kind: adminText.kinds,
  countsVisibility: adminText.countsVisibility,
  reasonCategory: adminText.voidReasons,
  channel: { paper: '纸质选票', onsite: '现场投票' },
  invalidReason: adminText.paperInvalidReasons,
};

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const beijing = new Intl.DateTimeFormat('zh-CN', { ...staffMomentFormat, second: '2-digit' });

/** One recorded value as staff read it: status words, Beijing time, yes/no, short lists. */
function formatAuditValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    const word = valueWords[key]?.[value];
    if (word) return word;
    if (isoInstant.test(value)) return `${beijing.format(new Date(value))}（北京时间）`;
    return value;
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) {
    return value.map((v) => formatAuditValue(key, v)).join('、');
  }
  return JSON.stringify(value);
}

export interface AuditChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/**
 * Before and after as rows of a table, one per recorded field (in the order first seen), with
 * values in staff words. A field recorded only on one side shows "—" on the other.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const asRecord = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : v === null || v === undefined
        ? {}
        : { value: v };
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((k) => ({
    field: k,
    label: auditFieldLabel(k),
    before: formatAuditValue(k, b[k]),
    after: formatAuditValue(k, a[k]),
  }));
}

/** An instant in Beijing time for the log and its export: `2026-12-06 16:43:05`. */
export function formatAuditTime(at: Date): string {
  return beijing.format(at).replace(/\//g, '-');
}
