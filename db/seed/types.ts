/**
 * Shapes of the fictional demo data. Everything here is invented: the city of 澄川市, its
 * districts, units and people. No real person's name may appear.
 */

/** Districts of the fictional city; list pages filter by these. */
export const demoDistricts = [
  '望潮区',
  '鹭洲区',
  '青桥区',
  '柳塘县',
  '云岭县',
  '澄川高新区',
  '市直机关',
] as const;
export type DemoDistrict = (typeof demoDistricts)[number];

/** Sectors; list pages filter by these. */
export const demoSectors = [
  '党政机关',
  '政法系统',
  '经济发展',
  '城乡建设',
  '社会民生',
  '教育卫健',
  '乡镇街道',
  '国有企业',
] as const;
export type DemoSector = (typeof demoSectors)[number];

export interface DemoIndividual {
  /** Fictional two- or three-character Chinese name. */
  name: string;
  sex: '男' | '女';
  /** e.g. '汉族', '回族', '畲族' */
  ethnicity: string;
  /** 'YYYY-MM' */
  birth: string;
  /** e.g. '江苏澄川' or another (real) province plus an invented county-level place */
  nativePlace: string;
  /** e.g. '中共党员', '中共预备党员', '民盟盟员', '无党派人士' */
  politicalAffiliation: string;
  /** 'YYYY-MM', only for party members */
  partyJoined?: string;
  /** 'YYYY-MM' */
  workStarted: string;
  /** e.g. '大学', '研究生', '在职研究生' */
  education: string;
  /** e.g. '工学学士', '管理学硕士'; may be '' */
  degree: string;
  /** The employing unit, e.g. '澄川市望潮区城市管理局' */
  organisation: string;
  /** Full current post as in a notice, e.g. '望潮区城市管理局党组书记、局长' */
  currentPost: string;
  district: DemoDistrict;
  sector: DemoSector;
  /** One sentence, 25–45 characters, for list cards. */
  summary: string;
  /**
   * Deeds in Markdown: 300–800 Chinese characters of prose, 2–4 paragraphs, optionally one or
   * two `### ` subheadings. Concrete, specific, plausible figures; no slogans-only text.
   */
  deeds: string;
  /** Short CV, one line per post, e.g. '2008.07—2013.05 柳塘县石桥镇党委委员、副镇长' (3–6 lines). */
  cv: string[];
}

export interface DemoUnit {
  /** Fictional unit name, e.g. '澄川市鹭洲区行政审批局' */
  name: string;
  /** Name of the unit's head (fictional). */
  headName: string;
  /** The head's title, e.g. '党组书记、局长' */
  headTitle: string;
  district: DemoDistrict;
  sector: DemoSector;
  /** One sentence, 25–45 characters. */
  summary: string;
  /** Markdown, 300–800 Chinese characters, as for individuals. */
  deeds: string;
}
