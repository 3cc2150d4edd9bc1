import { describe, expect, it } from 'vitest';
import { buildDecisionEntries } from '#src/domain/decisions/build-decision-entries.ts';
import { diffNoticeRevisions, isEmptyDiff } from '#src/domain/notices/diff-notice-revisions.ts';
import { formatNoticeOutcome } from '#src/domain/notices/format-notice-entry.ts';
import type { NoticeContent, NoticeEntry } from '#src/schemas/notice-content.ts';

const entry = (
  candidateId: number,
  name: string,
  kind: NoticeEntry['kind'] = 'individual',
): NoticeEntry => ({
  candidateId,
  kind,
  track: kind === 'unit' ? 'units' : 'cadres',
  trackName: kind === 'unit' ? '担当作为好单位' : '担当作为好干部',
  number: candidateId,
  name,
  organisation: '澄川市水务局',
  sex: kind === 'unit' ? null : '男',
  ethnicity: null,
  birth: null,
  nativePlace: null,
  politicalAffiliation: null,
  partyJoined: null,
  workStarted: null,
  education: null,
  degree: null,
  currentPost: kind === 'unit' ? null : '副局长',
  headName: kind === 'unit' ? '周立新' : null,
  headTitle: null,
  summary: '',
  portraitId: null,
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
  showPhotos: false,
  showSummaries: false,
  entries: [
    entry(1, '澄川市水务局', 'unit'),
    entry(2, '丁建国'),
    entry(3, '王秀兰'),
    entry(4, '李晓明'),
  ],
};

describe('the outcome of the publicity in words', () => {
  it('says 公示期满，未收到反映 when nothing was received', () => {
    expect(
      formatNoticeOutcome({ reportsReceived: 0, findings: '', suspended: [] }, base.entries),
    ).toEqual(['公示期满，未收到反映。', '公示对象均按程序提请命名。']);
  });

  it('counts the reports, adds a full stop to the findings and names the suspended in the notice’s order', () => {
    expect(
      formatNoticeOutcome(
        { reportsReceived: 3, findings: '两件不属实，一件部分属实', suspended: [4, 2] },
        base.entries,
      ),
    ).toEqual([
      '公示期间共收到反映3件，经核实，两件不属实，一件部分属实。',
      '经研究，对丁建国、李晓明暂缓命名。',
    ]);
    expect(
      formatNoticeOutcome(
        { reportsReceived: 1, findings: '不属实！', suspended: [] },
        base.entries,
      )[0],
    ).toBe('公示期间共收到反映1件，经核实，不属实！');
  });
});

describe('the outcome between two revisions', () => {
  const outcome = {
    reportsReceived: 1,
    findings: '不属实',
    suspended: [3],
    statedOn: '2026-01-19',
  };

  it('is a change of its own when first stated, naming who is suspended', () => {
    const d = diffNoticeRevisions(base, { ...base, outcome });
    expect(isEmptyDiff(d)).toBe(false);
    expect(d.fields).toEqual([]);
    expect(d.outcome).toEqual({
      before: null,
      after: outcome,
      suspendedAdded: [{ candidateId: 3, name: '王秀兰', trackName: '担当作为好干部' }],
      suspendedRemoved: [],
    });
  });

  it('shows a lifted suspension, and is absent when the outcome is the same', () => {
    const lifted = { ...outcome, suspended: [] };
    const d = diffNoticeRevisions({ ...base, outcome }, { ...base, outcome: lifted });
    expect(d.outcome?.suspendedRemoved).toEqual([
      { candidateId: 3, name: '王秀兰', trackName: '担当作为好干部' },
    ]);
    const same = diffNoticeRevisions({ ...base, outcome }, { ...base, outcome: { ...outcome } });
    expect(same).not.toHaveProperty('outcome');
    expect(isEmptyDiff(same)).toBe(true);
  });
});

describe('those a decision names', () => {
  it('are the notice’s entries minus the suspended, in the notice’s order, a unit without a post', () => {
    const named = buildDecisionEntries({
      ...base,
      outcome: { reportsReceived: 0, findings: '', suspended: [3], statedOn: '2026-01-19' },
    });
    expect(named.map((e) => e.candidateId)).toEqual([1, 2, 4]);
    expect(named[0]).toMatchObject({ kind: 'unit', currentPost: null });
    expect(named[1]).toEqual({
      candidateId: 2,
      kind: 'individual',
      track: 'cadres',
      trackName: '担当作为好干部',
      name: '丁建国',
      organisation: '澄川市水务局',
      currentPost: '副局长',
    });
  });
});
