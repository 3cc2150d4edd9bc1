import type { publicCandidateStatuses } from './enums.ts';

type PublicCandidateStatus = (typeof publicCandidateStatuses)[number];

/**
 * What each open-data CSV column means, for people: its Chinese header (`?header=zh`) and its
 * meaning in Chinese and English, shown on the open-data page (/open-data). The machine names
 * stay the default header, so programs written against them keep working.
 */
export interface ColumnMeaning {
  name: string;
  zh: string;
  meaningZh: string;
  meaningEn: string;
}

// Columns both files have, with one meaning.
const trackColumn: ColumnMeaning = {
  name: 'track',
  zh: '类别代码',
  meaningZh: '评选类别的代码',
  meaningEn: 'the category’s code',
};
const numberColumn: ColumnMeaning = {
  name: 'number',
  zh: '编号',
  meaningZh: '类别内的投票编号',
  meaningEn: 'ballot number within the category',
};
const organisationColumn: ColumnMeaning = {
  name: 'organisation',
  zh: '所在单位',
  meaningZh: '个人所在单位，或单位的上级',
  meaningEn: 'the person’s unit, or a unit’s parent body',
};

/** A particular only a person has (empty for a unit). */
const personOnly = (name: string, zh: string): ColumnMeaning => ({
  name,
  zh,
  meaningZh: '仅个人',
  meaningEn: 'person only',
});

/** A person's year and month, `YYYY-MM` (empty for a unit). */
const personMonth = (name: string, zh: string): ColumnMeaning => ({
  name,
  zh,
  meaningZh: '仅个人，YYYY-MM',
  meaningEn: 'person only, YYYY-MM',
});

export const resultsColumnMeanings: readonly ColumnMeaning[] = [
  trackColumn,
  { name: 'track_name', zh: '类别', meaningZh: '评选类别的名称', meaningEn: 'the category’s name' },
  numberColumn,
  {
    name: 'name',
    zh: '名称',
    meaningZh: '候选人姓名或候选单位名称',
    meaningEn: 'the person’s or unit’s name',
  },
  organisationColumn,
  {
    name: 'status',
    zh: '进展代码',
    meaningZh: '评选进展，代码含义见下表',
    meaningEn: 'progress in the selection; codes below',
  },
  {
    name: 'votes',
    zh: '得票',
    meaningZh: '计入的票数（只在公布得票后出现）',
    meaningEn: 'counted votes (only once counts are published)',
  },
  {
    name: 'rank',
    zh: '名次',
    meaningZh: '类别内按得票的名次，同票同名次（同上）',
    meaningEn: 'rank by votes within the category, ties share it (likewise)',
  },
  {
    name: 'track_ballots_counted',
    zh: '类别有效选票',
    meaningZh: '本类别计入的选票张数（同上）',
    meaningEn: 'ballots counted in the category (likewise)',
  },
  {
    name: 'track_ballots_invalidated',
    zh: '类别无效选票',
    meaningZh: '本类别认定无效、不计入的选票张数（同上）',
    meaningEn: 'ballots found invalid and not counted (likewise)',
  },
  {
    name: 'votes_voided',
    zh: '作废扣减票数',
    meaningZh: '随作废选票扣减的票数（只在结果核验发布后出现）',
    meaningEn: 'votes lost with voided ballots (only once the results are certified)',
  },
  {
    name: 'certificate_sha256',
    zh: '核验结果SHA-256',
    meaningZh: '核验结果文件（规范JSON）的SHA-256，可自行复算（同上）',
    meaningEn: 'SHA-256 of the certificate’s canonical JSON, to recompute (likewise)',
  },
  {
    name: 'votes_online',
    zh: '网络投票得票',
    meaningZh: '网络投票的得票数（只在设有纸质或现场投票渠道的评选中出现）',
    meaningEn: 'votes in the online vote (only where a track runs paper or on-site channels)',
  },
  {
    name: 'votes_paper',
    zh: '纸质选票得票',
    meaningZh: '经两遍录入核对的纸质选票中的得票数（该类别不设此渠道时为空）',
    meaningEn: 'votes on double-entered, reconciled paper ballots (empty where not run)',
  },
  {
    name: 'votes_onsite',
    zh: '现场投票得票',
    meaningZh: '经两遍录入核对的现场投票得票数（该类别不设此渠道时为空）',
    meaningEn: 'votes at on-site booths, reconciled (empty where not run)',
  },
  {
    name: 'votes_all_channels',
    zh: '各渠道合计得票',
    meaningZh: '各渠道得票之和',
    meaningEn: 'the sum of the channels’ votes',
  },
  {
    name: 'score',
    zh: '综合得分',
    meaningZh: '按渠道权重计算的综合得分：Σ 权重 × 渠道得票 ÷ 渠道有效票数（不设权重时为空）',
    meaningEn:
      'weighted score: Σ weight × channel votes ÷ channel ballots counted (empty without weights)',
  },
];

export const noticeColumnMeanings: readonly ColumnMeaning[] = [
  { name: 'notice', zh: '公示代码', meaningZh: '公示的代码', meaningEn: 'the notice’s code' },
  {
    name: 'revision',
    zh: '版本',
    meaningZh: '数据所属的公示版本',
    meaningEn: 'the revision the rows come from',
  },
  {
    name: 'position',
    zh: '序号',
    meaningZh: '在公示中的顺序，从 1 起',
    meaningEn: 'place in the notice, from 1',
  },
  trackColumn,
  {
    name: 'honour',
    zh: '拟命名称号',
    meaningZh: '拟命名的称号（类别名称）',
    meaningEn: 'the proposed honour (the category’s name)',
  },
  {
    name: 'kind',
    zh: '对象类型',
    meaningZh: 'unit 为单位，individual 为个人',
    meaningEn: '`unit` or `individual`',
  },
  numberColumn,
  {
    name: 'name',
    zh: '名称',
    meaningZh: '姓名或单位名称',
    meaningEn: 'the person’s or unit’s name',
  },
  organisationColumn,
  personOnly('sex', '性别'),
  personOnly('ethnicity', '民族'),
  personMonth('birth', '出生年月'),
  personOnly('native_place', '籍贯'),
  personOnly('political_affiliation', '政治面貌'),
  personMonth('party_joined', '入党时间'),
  personMonth('work_started', '参加工作时间'),
  personOnly('education', '学历'),
  personOnly('degree', '学位'),
  personOnly('current_post', '现任职务'),
  { name: 'head_name', zh: '主要负责人', meaningZh: '仅单位', meaningEn: 'unit only: its head' },
  {
    name: 'head_title',
    zh: '负责人职务',
    meaningZh: '仅单位',
    meaningEn: 'unit only: the head’s post',
  },
  {
    name: 'summary',
    zh: '主要事迹',
    meaningZh: '一句话事迹（公示不列事迹时为空）',
    meaningEn: 'one line of deeds (empty when the notice shows none)',
  },
];

/** The status codes of results, with the words of the notice for each stage. */
export const statusMeanings: readonly { code: PublicCandidateStatus; zh: string; en: string }[] = [
  { code: 'shortlisted', zh: '入围，参加群众投票', en: 'shortlisted for the public vote' },
  {
    code: 'second_shortlist',
    zh: '二次入围，提交常委会差额票决',
    en: 'on the second shortlist, before the committee’s vote',
  },
  {
    code: 'elected',
    zh: '常委会差额票决确定为拟命名对象（公示后命名）',
    en: 'proposed for the honour by the committee’s vote (named after publicity)',
  },
  {
    code: 'not_elected',
    zh: '二次入围但未确定为拟命名对象',
    en: 'on the second shortlist but not proposed for the honour',
  },
];

/** The Chinese header for machine column names (`?header=zh`). */
export const csvHeaderQuery = {
  description:
    '`zh` for a header row in Chinese (the column names on /open-data); the machine names otherwise.',
} as const;

export function chineseHeader(
  columns: readonly ColumnMeaning[],
  names: readonly string[],
): string[] {
  const byName = new Map(columns.map((c) => [c.name, c.zh]));
  return names.map((n) => byName.get(n) ?? n);
}
