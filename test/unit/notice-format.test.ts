import { describe, expect, it } from 'vitest';
import { computeNoticeStatus } from '#src/domain/notices/compute-notice-status.ts';
import {
  formatNoticeDate,
  formatNoticeEntry,
  formatNoticeMonth,
  formatNoticePeriod,
  formatNoticeSentence,
  formatReportingLines,
} from '#src/domain/notices/format-notice-entry.ts';
import type { NoticeEntry } from '#src/schemas/notice-content.ts';

const person: NoticeEntry = {
  candidateId: 1,
  kind: 'individual',
  track: 'cadres',
  trackName: '担当作为好干部',
  number: 3,
  name: '张三',
  organisation: '南京市某局',
  sex: '男',
  ethnicity: '汉族',
  birth: '1975-03',
  nativePlace: '江苏南京',
  politicalAffiliation: '中共党员',
  partyJoined: '1995-06',
  workStarted: '1997-07',
  education: '大学',
  degree: '工学学士',
  currentPost: '南京市某局局长',
  headName: null,
  headTitle: null,
  summary: '摘要',
  portraitId: null,
};

const unit: NoticeEntry = {
  ...person,
  kind: 'unit',
  trackName: '担当作为好单位',
  name: '澄川市应急管理局',
  sex: null,
  ethnicity: null,
  birth: null,
  nativePlace: null,
  politicalAffiliation: null,
  partyJoined: null,
  workStarted: null,
  education: null,
  degree: null,
  currentPost: null,
  headName: '周立新',
  headTitle: '局长',
};

describe('a person’s entry in the customary order', () => {
  it('reads like a pre-appointment notice', () => {
    expect(formatNoticeEntry(person)).toBe(
      '张三，男，汉族，1975年3月生，江苏南京人，中共党员，1995年6月入党，1997年7月参加工作，大学学历，工学学士，现任南京市某局局长',
    );
    expect(formatNoticeSentence(person)).toBe(
      `${formatNoticeEntry(person)}。拟命名为“担当作为好干部”。`,
    );
  });

  it('skips empty fields instead of printing blanks, and does not double suffixes', () => {
    const sparse = {
      ...person,
      ethnicity: null,
      partyJoined: null,
      politicalAffiliation: '群众',
      nativePlace: '浙江宁波人',
      education: '研究生学历',
      degree: null,
      currentPost: '现任某镇镇长',
    };
    expect(formatNoticeEntry(sparse)).toBe(
      '张三，男，1975年3月生，浙江宁波人，群众，1997年7月参加工作，研究生学历，现任某镇镇长',
    );
  });
});

describe('a unit’s entry', () => {
  it('names the unit and its head', () => {
    expect(formatNoticeEntry(unit)).toBe('澄川市应急管理局（主要负责人：周立新，局长）');
    expect(formatNoticeEntry({ ...unit, headName: null, headTitle: null })).toBe(
      '澄川市应急管理局',
    );
  });
});

describe('dates and the period', () => {
  it('writes months and days the Chinese way', () => {
    expect(formatNoticeMonth('1975-03')).toBe('1975年3月');
    expect(formatNoticeMonth(null)).toBe('');
    expect(formatNoticeDate('2026-01-09')).toBe('2026年1月9日');
  });

  it('drops the end’s year when it is the same, keeps it across a new year', () => {
    expect(formatNoticePeriod('2026-01-12', '2026-01-16', 5)).toBe(
      '2026年1月12日至1月16日（5个工作日）',
    );
    expect(formatNoticePeriod('2025-12-29', '2026-01-05', 5)).toBe(
      '2025年12月29日至2026年1月5日（5个工作日）',
    );
  });

  it('lists the reporting channels in order and leaves out empty ones', () => {
    const lines = formatReportingLines({
      reportPhone: '0519-12380',
      reportAddress: '政通路1号',
      reportPostcode: '213399',
      reportVisit: '',
      reportWeb: 'https://example.cn',
    });
    expect(lines).toEqual([
      { label: '举报电话', value: '0519-12380' },
      { label: '通信地址', value: '政通路1号（邮编：213399）' },
      { label: '网络举报', value: 'https://example.cn' },
    ]);
  });
});

describe('the status of a period on a given moment, in Beijing days', () => {
  const period = { periodStart: '2026-01-12', periodEnd: '2026-01-16' };
  it.each([
    ['2026-01-11T15:59:59Z', 'upcoming'], // 23:59:59 on the 11th in Beijing
    ['2026-01-11T16:00:00Z', 'running'], // midnight: the first day begins
    ['2026-01-16T15:59:59Z', 'running'], // the last second of the last day
    ['2026-01-16T16:00:00Z', 'ended'],
  ])('%s is %s', (at, status) => {
    expect(computeNoticeStatus(period, new Date(at))).toBe(status);
  });
});
