import type { CampaignStage } from '../schemas/enums.ts';

/**
 * Interface text. Simplified Chinese is the source; other languages come with the citizens'
 * issue and fall back to it key by key.
 */
export const ui = {
  'site.name': '担当作为好单位、好干部评选',
  'site.skip': '跳到正文',
  'nav.home': '首页',
  'nav.receipt': '查验选票',
  'nav.api': '开放数据接口',
  'footer.fictional': '本站演示数据均为虚构，人物、单位与事迹如有雷同纯属巧合。',
  'footer.organiser': '主办',
  'stage.nomination': '推荐',
  'stage.review': '初审入围',
  'stage.public_vote': '事迹展示与群众投票',
  'stage.second_shortlist': '二次入围',
  'stage.committee_vote': '常委会差额票决',
  'stage.publicity': '公示',
  'stage.concluded': '命名表彰',
  'stage.current': '当前阶段',
  'stage.done': '已完成',
  'stage.upcoming': '待进行',
  'home.timeline': '评选进程',
  'home.tracks': '评选类别',
  'home.quota': (n: number) => `拟评选 ${n} 个名额`,
  'home.candidates': (n: number) => `${n} 个候选对象`,
  'home.quotaUnit': (n: number) => `拟命名 ${n} 个`,
  'home.quotaPerson': (n: number) => `拟命名 ${n} 名`,
  'home.countUnit': (n: number) => `入围 ${n} 个`,
  'home.countPerson': (n: number) => `入围 ${n} 名`,
  'home.browse': '查看候选对象并投票',
  'home.browseClosed': '查看候选对象',
  'home.earlier': '往届评选',
  'home.more': '本次评选',
  'home.rules': '投票规则',
  'home.results': '投票结果',
  'vote.open': '投票进行中',
  'vote.closesAt': (when: string) => `投票截止：${when}`,
  'vote.opensAt': (when: string) => `投票开始：${when}`,
  'vote.notYet': '投票尚未开始',
  'vote.closed': '投票已结束',
  'vote.rulesShort': (max: number, perDay: number) =>
    `每张选票最多选 ${max} 名，每台设备每天可投 ${perDay} 次。`,
  'list.title': (track: string) => `${track}候选对象`,
  'list.count': (n: number) => `共 ${n} 个候选对象，按编号排列`,
  'list.number': (n: number) => `${String(n).padStart(2, '0')}号`,
  'list.readMore': '阅读事迹',
  'list.empty': '本类别暂无公开的候选对象。',
  'toggle.select': '选择',
  'toggle.selected': '已选',
  'toggle.label': (name: string) => `选择 ${name}`,
  'ballot.counter': (n: number, max: number) => `已选 ${n} / ${max}`,
  'ballot.review': '核对并投票',
  'ballot.sheetTitle': '核对您的选票',
  'ballot.sheetHint': '请确认以下选择，完成人机验证后提交。提交后不能修改。',
  'ballot.none': '您还没有选择候选对象。',
  'ballot.submit': '确认投票',
  'ballot.sending': '正在提交…',
  'ballot.close': '返回修改',
  'ballot.done': '完成',
  'ballot.remove': '移除',
  'ballot.full': (max: number) => `本类别最多可选 ${max} 名，请先取消一个再选。`,
  'ballot.botCheck': '人机验证',
  'ballot.testMode':
    '测试模式：本站未配置 Cloudflare Turnstile 密钥，人机验证由本地替身完成，选票不受防刷保护。',
  'ballot.successTitle': '投票成功，已计入',
  'ballot.receipt': '您的选票凭证码',
  'ballot.receiptHint': '请截图或记下凭证码，可随时在“查验选票”中查看这张选票是否计入。',
  'ballot.next':
    '投票结束后，组织部门将综合群众投票等情况确定二次入围名单，并经常委会差额票决和公示后命名表彰。',
  'ballot.share': '复制链接，邀请他人了解候选对象',
  'ballot.copied': '链接已复制',
  'ballot.networkError': '网络连接失败，您的选择已保留，请检查网络后重试。',
  'ballot.notOpenNotice': '现在不在投票时间内，可以浏览候选对象的事迹。',
  'profile.facts': '基本情况',
  'profile.deeds': '先进事迹',
  'profile.cv': '简历',
  'profile.previous': '上一位',
  'profile.next': '下一位',
  'profile.backToList': '返回名单',
  'profile.copyLink': '复制链接',
  'field.sex': '性别',
  'field.ethnicity': '民族',
  'field.birth': '出生年月',
  'field.nativePlace': '籍贯',
  'field.politicalAffiliation': '政治面貌',
  'field.partyJoined': '入党时间',
  'field.workStarted': '参加工作时间',
  'field.education': '学历学位',
  'field.currentPost': '现任职务',
  'field.organisation': '所在单位',
  'field.head': '主要负责人',
  'field.district': '所属地区',
  'field.sector': '所属领域',
  'status.elected': '已命名',
  'status.not_elected': '未当选',
  'status.second_shortlist': '二次入围',
  'receipt.title': '查验选票',
  'receipt.intro': '输入投票成功后得到的 12 位凭证码，查看这张选票是否计入。',
  'receipt.label': '凭证码',
  'receipt.submit': '查验',
  'receipt.counted': '这张选票已计入。',
  'receipt.invalidated': '这张选票已被认定无效，未计入。',
  'receipt.castAt': (when: string) => `投票时间：${when}`,
  'notFound.title': '页面不存在',
  'notFound.body': '您访问的页面不存在或已移动。',
} as const;

export type UiKey = keyof typeof ui;

export function stageName(stage: CampaignStage): string {
  return ui[`stage.${stage}`];
}

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `2026年12月2日 18:00` in China time. */
export function formatDateTime(d: Date): string {
  return dateTime.format(d);
}

/** `2026-11-17` → `11月17日`, with the year when it differs from `yearOf`. */
export function formatDay(iso: string, yearOf?: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return y === yearOf ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** `1978-03` → `1978.03`, the notice style. */
export function formatMonth(ym: string | null): string {
  return ym ? ym.replace('-', '.') : '';
}

/** Text of the rules and results pages. */
export const rulesUi = {
  title: '投票规则',
  intro: (title: string) => `以下规则由本次评选的实际设置生成，投票开始后不再更改。——${title}`,
  window: (opens: string, closes: string) => `投票时间：${opens} 至 ${closes}（北京时间）。`,
  windowUnset: '投票时间尚未公布。',
  perTrack: (name: string) => `“${name}”类别`,
  picks: (min: number, max: number) =>
    min === max
      ? `每张选票须选 ${max} 名。`
      : `每张选票可选 ${min}—${max} 名，不得重复选择同一对象。`,
  quota: (quota: number, unit: boolean) =>
    `最终拟命名 ${quota} ${unit ? '个' : '名'}，候选对象多于名额，差额产生。`,
  perDevice: (n: number) => `同一设备每天可在本类别投票 ${n} 次，每天零时（北京时间）起重新计算。`,
  perAddress: (n: number) => `同一网络地址每天在本类别最多计入 ${n} 张选票。`,
  botCheck: '提交选票前须通过人机验证，以防止程序刷票。',
  counts: (live: boolean) =>
    live ? '投票期间实时公布各候选对象得票数。' : '投票期间不公布得票数，投票结束后公布结果。',
  weight:
    '群众投票结果是二次入围的重要参考，不是唯一依据；最终人选由市委常委会差额票决产生，并经公示。',
  invalid:
    '对利用程序、雇用他人等方式集中刷票的，经核实后相关选票认定无效，不计入结果；投票人可凭凭证码查验选票状态。',
  receipt: '投票成功后页面显示凭证码，可在“查验选票”中查询该选票是否计入。',
} as const;

export const resultsUi = {
  title: '投票结果',
  hidden: '本次评选投票期间不公布得票数，投票结束后将在此公布结果。',
  counted: (n: number) => `有效选票 ${n} 张`,
  invalidated: (n: number) => `认定无效选票 ${n} 张（不计入）`,
  rank: '名次',
  number: '编号',
  name: '名称',
  votes: '得票',
  status: '进展',
  notice: '查看公示',
  secondShortlist: '已进入二次入围名单的对象标注为“二次入围”。',
} as const;

export const filterUi = {
  legend: '查找候选对象',
  query: '姓名或单位',
  queryPlaceholder: '输入姓名、单位或职务',
  district: '地区',
  sector: '领域',
  all: '全部',
  sort: '排序',
  byNumber: '按编号',
  byName: '按姓名拼音',
  apply: '查找',
  reset: '清除条件',
  shown: (n: number, total: number) =>
    n === total ? `共 ${total} 个候选对象` : `找到 ${n} 个，共 ${total} 个`,
  none: '没有符合条件的候选对象，请换个条件试试。',
} as const;
