import { describe, expect, it } from 'vitest';
import { diffNoticeRevisions, isEmptyDiff } from '#src/domain/notices/diff-notice-revisions.ts';
import type { NoticeContent, NoticeEntry } from '#src/schemas/notice-content.ts';

const entry = (
  candidateId: number,
  name: string,
  extra: Partial<NoticeEntry> = {},
): NoticeEntry => ({
  candidateId,
  kind: 'individual',
  track: 'cadres',
  trackName: '担当作为好干部',
  number: candidateId,
  name,
  organisation: '',
  sex: '男',
  ethnicity: '汉族',
  birth: '1975-03',
  nativePlace: '江苏南京',
  politicalAffiliation: '中共党员',
  partyJoined: null,
  workStarted: '1997-07',
  education: '大学',
  degree: null,
  currentPost: '局长',
  headName: null,
  headTitle: null,
  summary: '',
  portraitId: null,
  ...extra,
});

const base: NoticeContent = {
  entryOrder: 'stroke',
  serial: '澄组公〔2026〕1号',
  title: '关于拟命名对象的公示',
  lead: '现予以公示。',
  periodStart: '2026-01-12',
  periodEnd: '2026-01-16',
  workingDays: 5,
  reportPhone: '0519-12380',
  reportAddress: '政通路1号',
  reportPostcode: '213399',
  reportVisit: '政通路1号',
  reportWeb: 'https://example.cn',
  reportRules: '实事求是。',
  signature: '中共澄川市委组织部',
  signedOn: '2026-01-11',
  showPhotos: true,
  showSummaries: true,
  entries: [entry(1, '张三'), entry(2, '李四'), entry(3, '王五')],
};

describe('what changed between two revisions', () => {
  it('is empty for identical content', () => {
    const d = diffNoticeRevisions(base, structuredClone(base));
    expect(isEmptyDiff(d)).toBe(true);
    expect(d).toEqual({ fields: [], added: [], removed: [], changed: [] });
  });

  it('names the framing fields that changed, with both values, in document order', () => {
    const d = diffNoticeRevisions(base, {
      ...base,
      reportPhone: '0519-12380、0519-88886666',
      periodEnd: '2026-01-19',
      workingDays: 6,
      showPhotos: false,
    });
    expect(d.fields).toEqual([
      { field: 'periodEnd', before: '2026-01-16', after: '2026-01-19' },
      { field: 'workingDays', before: 5, after: 6 },
      { field: 'reportPhone', before: '0519-12380', after: '0519-12380、0519-88886666' },
      { field: 'showPhotos', before: true, after: false },
    ]);
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('matches entries by candidate: a corrected name is a change, not a removal and an addition', () => {
    const d = diffNoticeRevisions(base, {
      ...base,
      entries: [entry(1, '张叁', { birth: '1975-04' }), entry(3, '王五'), entry(4, '赵六')],
    });
    expect(d.fields).toEqual([]);
    expect(d.changed).toEqual([
      { candidateId: 1, name: '张叁', trackName: '担当作为好干部', fields: ['name', 'birth'] },
    ]);
    expect(d.removed).toEqual([{ candidateId: 2, name: '李四', trackName: '担当作为好干部' }]);
    expect(d.added).toEqual([{ candidateId: 4, name: '赵六', trackName: '担当作为好干部' }]);
  });

  it('notices a photo dropped or a summary edited', () => {
    const d = diffNoticeRevisions(
      { ...base, entries: [entry(1, '张三', { portraitId: 'a'.repeat(64) })] },
      { ...base, entries: [entry(1, '张三', { summary: '新摘要' })] },
    );
    expect(d.changed[0]?.fields).toEqual(['summary', 'portraitId']);
  });
});
