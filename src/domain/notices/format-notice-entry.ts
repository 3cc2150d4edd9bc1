import type { NoticeEntry } from '#src/schemas/notice-content.ts';

/**
 * The notice's own wording. A publicity notice is an official document published in Chinese
 * (src/domain/README.md, "The notice"): its sentences follow the customary pattern of a
 * pre-appointment notice whatever the reader's interface language, so they are formatted here
 * from the stored fields rather than taken from the interface dictionaries. Traditional pages
 * convert the result like any other content.
 */

/** `1975-03` → `1975年3月`; anything else is shown as given. */
export function formatNoticeMonth(ym: string | null): string {
  if (!ym) return '';
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return m ? `${m[1]}年${Number(m[2])}月` : ym;
}

/** `2026-01-12` → `2026年1月12日`. */
export function formatNoticeDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/**
 * `2026年1月12日至1月16日（5个工作日）`: the end drops the year when it is the same, as notices
 * write it.
 */
export function formatNoticePeriod(start: string, end: string, workingDays: number): string {
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  const endText = sameYear ? formatNoticeDate(end).replace(/^\d{4}年/, '') : formatNoticeDate(end);
  return `${formatNoticeDate(start)}至${endText}（${workingDays}个工作日）`;
}

/** `江苏南京` → `江苏南京人`; a place already ending in 人 is left alone. */
function nativePlaceText(place: string): string {
  return place.endsWith('人') ? place : `${place}人`;
}

/** `大学` → `大学学历`; `研究生学历` stays as it is. */
function educationText(education: string): string {
  return /学历$/.test(education) ? education : `${education}学历`;
}

/** `现任望潮区城市管理局局长`; a post already starting with 现任 or 现为 is left alone. */
function currentPostText(post: string): string {
  return /^现(任|为)/.test(post) ? post : `现任${post}`;
}

/**
 * One person's entry in the customary order, e.g. `张三，男，汉族，1975年3月生，江苏南京人，中共党员，
 * 1995年6月入党，1997年7月参加工作，大学学历，工学学士，现任……`. Fields left empty are skipped
 * rather than printed as blanks. The honour is added by formatNoticeHonour.
 */
function formatPersonEntry(e: NoticeEntry): string {
  const parts = [
    e.name,
    e.sex ?? '',
    e.ethnicity ?? '',
    e.birth ? `${formatNoticeMonth(e.birth)}生` : '',
    e.nativePlace ? nativePlaceText(e.nativePlace) : '',
    e.politicalAffiliation ?? '',
    e.partyJoined ? `${formatNoticeMonth(e.partyJoined)}入党` : '',
    e.workStarted ? `${formatNoticeMonth(e.workStarted)}参加工作` : '',
    e.education ? educationText(e.education) : '',
    e.degree ?? '',
    e.currentPost ? currentPostText(e.currentPost) : '',
  ];
  return parts.filter((p) => p.trim() !== '').join('，');
}

/** A unit's entry: its name, then its head, e.g. `澄川市应急管理局（主要负责人：周立新，局长）`. */
function formatUnitEntry(e: NoticeEntry): string {
  const head = [e.headName ?? '', e.headTitle ?? ''].filter((p) => p.trim() !== '').join('，');
  return head ? `${e.name}（主要负责人：${head}）` : e.name;
}

export function formatNoticeEntry(e: NoticeEntry): string {
  return e.kind === 'unit' ? formatUnitEntry(e) : formatPersonEntry(e);
}

/** The proposed outcome, `拟命名为“担当作为好干部”。` */
export function formatNoticeHonour(e: NoticeEntry): string {
  return `拟命名为“${e.trackName}”。`;
}

/** The entry's full sentence as printed: the facts, a full stop, the honour. */
export function formatNoticeSentence(e: NoticeEntry): string {
  return `${formatNoticeEntry(e)}。${formatNoticeHonour(e)}`;
}

/** The reporting section's lines, in the customary order; empty channels are left out. */
export function formatReportingLines(c: {
  reportPhone: string;
  reportAddress: string;
  reportPostcode: string;
  reportVisit: string;
  reportWeb: string;
}): { label: string; value: string }[] {
  return [
    { label: '举报电话', value: c.reportPhone },
    {
      label: '通信地址',
      value:
        c.reportAddress && c.reportPostcode
          ? `${c.reportAddress}（邮编：${c.reportPostcode}）`
          : c.reportAddress,
    },
    { label: '来访地点', value: c.reportVisit },
    { label: '网络举报', value: c.reportWeb },
  ].filter((l) => l.value.trim() !== '');
}

/** The sentence that opens the reporting section. */
export const noticeReportingIntro =
  '公示期间，个人或单位可通过来电、来信、来访和网络等方式，向公示单位反映公示对象在政治品德、工作实绩、廉洁自律等方面的情况和问题。';

/** Fixed phrases of the document itself (not of the site around it). */
export const noticeWording = {
  period: '公示期',
  reporting: '反映问题的方式',
  rules: '有关要求',
  summary: '主要事迹',
  units: '单位',
  people: '个人',
} as const;

/** `公示期：2026年1月12日至1月16日（5个工作日）` */
export function formatNoticePeriodLine(start: string, end: string, workingDays: number): string {
  return `${noticeWording.period}：${formatNoticePeriod(start, end, workingDays)}`;
}

/** The heading of the outcome, `公示结果`. */
export const noticeOutcomeHeading = '公示结果';

/**
 * The outcome of the publicity in the customary words: `公示期满，未收到反映。` or
 * `公示期间共收到反映2件，经核实，……`, then whose naming is suspended, e.g.
 * `经研究，对张三暂缓命名。` (names in the notice's order). One string per paragraph.
 */
export function formatNoticeOutcome(
  outcome: { reportsReceived: number; findings: string; suspended: number[] },
  entries: readonly Pick<NoticeEntry, 'candidateId' | 'name'>[],
): string[] {
  const findings = withFullStop(outcome.findings.trim());
  const first =
    outcome.reportsReceived === 0
      ? `公示期满，未收到反映。${findings}`
      : `公示期间共收到反映${outcome.reportsReceived}件，经核实，${findings}`;
  const names = entries.filter((e) => outcome.suspended.includes(e.candidateId)).map((e) => e.name);
  const second =
    names.length > 0 ? `经研究，对${names.join('、')}暂缓命名。` : '公示对象均按程序提请命名。';
  return [first, second];
}

function withFullStop(text: string): string {
  return text === '' || /[。！？]$/.test(text) ? text : `${text}。`;
}
