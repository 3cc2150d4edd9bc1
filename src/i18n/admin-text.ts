import type {
  CampaignStage,
  CommitteeQuorum,
  CommitteeThreshold,
  CommitteeTieBreak,
  CandidateStatus,
  CountsVisibility,
  PaperInvalidReason,
  StaffRole,
  TrackKind,
} from '../schemas/enums.ts';
import type { VoidReasonCategory } from '../schemas/integrity.ts';
import { campaignStages } from '../schemas/enums.ts';
import { chinaDateTimeInput } from '../domain/china-time.ts';
import { staffMomentFormat } from './moment-formats.ts';

/**
 * Words of the admin area. Staff work in Simplified Chinese only (the "interface in
 * Chinese"); the public site's three languages live in dictionaries/.
 */
export const adminText = {
  siteName: '评选工作台',
  nav: {
    home: '工作台',
    campaign: '活动与阶段',
    candidates: '候选对象',
    import: '批量导入',
    committee: '常委会票决',
    monitor: '投票监测',
    paper: '纸质选票',
    entry: '选票录入',
    notice: '公示',
    decision: '命名决定',
    reports: '举报受理',
    conversion: '繁体转换',
    audit: '审计日志',
    accounts: '账号',
    publicSite: '查看公开网站',
    logout: '退出登录',
    logoutEverywhere: '退出所有设备',
    password: '修改密码',
    secondFactor: '两步验证',
  },
  /** Shown on every admin page while the password is one an admin or the command line set. */
  passwordPrompt: '您的密码是由管理员设定的，请尽快修改为只有您知道的密码。',
  /** Why a paper ballot is invalid, in the words tellers and the reconciliation page use. */
  paperInvalidReasons: {
    too_many: '多选',
    none: '未选',
    too_few: '少于最少应选数',
    unreadable: '无法辨认',
  } satisfies Record<PaperInvalidReason, string>,
  roles: {
    admin: '管理员',
    editor: '编辑',
    monitor: '监测员',
    auditor: '审计员',
    supervisor: '监督员',
    teller: '计票员',
  } satisfies Record<StaffRole, string>,
  stages: {
    nomination: '推荐',
    review: '初审入围',
    public_vote: '事迹展示与群众投票',
    second_shortlist: '二次入围',
    committee_vote: '常委会差额票决',
    publicity: '公示',
    concluded: '命名表彰',
  } satisfies Record<CampaignStage, string>,
  statuses: {
    nominated: '已推荐',
    shortlisted: '已入围',
    second_shortlist: '二次入围',
    elected: '当选',
    not_elected: '未当选',
    withdrawn: '已退出',
  } satisfies Record<CandidateStatus, string>,
  kinds: { unit: '先进单位', individual: '优秀个人' } satisfies Record<TrackKind, string>,
  countsVisibility: {
    live: '投票期间实时公开票数',
    after_close: '投票结束后公开票数',
  } satisfies Record<CountsVisibility, string>,
  voidReasons: {
    burst: '短时集中刷票',
    address_concentration: '同一网络地址集中投票',
    network_concentration: '同一网段集中投票',
    new_devices: '大量新设备投票',
    other: '其他原因',
  } satisfies Record<VoidReasonCategory, string>,
  committee: {
    quorum: {
      two_thirds: '应到会人数的三分之二以上到会',
      more_than_half: '应到会人数的过半数到会',
    } satisfies Record<CommitteeQuorum, string>,
    threshold: {
      more_than_half_of_due: '赞成票超过应到会人数的半数',
      more_than_half_of_present: '赞成票超过实到会人数的半数',
    } satisfies Record<CommitteeThreshold, string>,
    tieBreak: {
      revote: '同票争最后名额时，对同票者再次表决',
      more_public_votes: '同票争最后名额时，群众投票多者当选（仍同票则再次表决）',
    } satisfies Record<CommitteeTieBreak, string>,
    outcomes: { elected: '当选', not_elected: '未当选', tie_revote: '须再次表决' },
  },
  refusal: {
    forbidden: '无权访问',
    notFound: '没有找到',
    back: '返回工作台',
    role: '您的账号角色不能打开这个页面。',
    missing: {
      page: '没有这个页面。',
      campaign: '没有这个评选活动。',
      candidate: '没有这个候选对象。',
      batch: '没有找到这个选票批次。',
    },
  },
  form: {
    save: '保存',
    saving: '正在保存…',
    saved: '已保存。',
    create: '创建',
    cancel: '取消',
    required: '必填',
    networkError: '网络连接失败，内容没有丢失，请稍后再试。',
    fixFields: '请修改标出的内容：',
  },
  login: {
    title: '工作人员登录',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    hint: '只限组织部工作人员使用。从同一处多次输错密码需等待片刻；账号近期多次登录失败时，新设备需先完成人机验证。',
  },
} as const;

/** The stages in order, for timelines. */
export const stageOrder: readonly CampaignStage[] = campaignStages;

/** A ballot number as staff and the public lists write it: `07号`. */
export function ballotNumber(n: number): string {
  return `${String(n).padStart(2, '0')}号`;
}

const dateTime = new Intl.DateTimeFormat('zh-CN', staffMomentFormat);

/** An instant as staff read it, in Beijing time. */
export function formatAdminTime(at: Date | null | undefined): string {
  return at ? dateTime.format(at) : '—';
}

/** `YYYY-MM-DDTHH:mm` in Beijing time, for a datetime-local input. */
export function toLocalInputValue(at: Date | null | undefined): string {
  return at ? chinaDateTimeInput(at) : '';
}
