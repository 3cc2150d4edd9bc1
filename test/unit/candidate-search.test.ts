import { describe, expect, it } from 'vitest';
import { filterCandidates } from '#src/domain/candidates/filter-candidates.ts';
import type { CandidateRow } from '#src/domain/candidates/list-public-candidates.ts';
import { parseCandidateQuery } from '#src/domain/candidates/match-candidate-query.ts';

const row = (
  number: number,
  name: string,
  organisation: string,
  extra: Partial<CandidateRow> = {},
) =>
  ({
    id: number,
    number,
    name,
    organisation,
    currentPost: null,
    headName: null,
    district: '',
    sector: '',
    ...extra,
  }) as CandidateRow;

const rows = [
  row(3, '顾明澜', '柳塘县石桥镇', { currentPost: '柳塘县石桥镇党委书记' }),
  row(18, '单雪峰', '鹭洲区行政审批局'),
  row(7, '桂香社区', '桂香社区', { headName: '曾晓岚' }),
  row(180, '马骁川', '澄川市中级人民法院'),
];
const found = (query: string) => filterCandidates(rows, { query }).map((r) => r.number);

describe('finding a candidate as posters and WeChat groups ask', () => {
  it('finds a ballot number however it is written, and only that number', () => {
    for (const q of ['18', '18号', '第18号', '018', '１８号', 'No. 18', '#18', ' 18 ']) {
      expect(found(q), q).toEqual([18]);
    }
    expect(found('180')).toEqual([180]);
    expect(found('99号')).toEqual([]);
  });

  it('finds names, units, posts and a unit head’s name by their characters', () => {
    expect(found('顾明澜')).toEqual([3]);
    expect(found('石桥')).toEqual([3]);
    expect(found('党委书记')).toEqual([3]);
    expect(found('中级人民法院')).toEqual([180]);
    expect(found('曾晓岚')).toEqual([7]);
  });

  it('finds names and units by pinyin initials or syllables, surnames read as surnames', () => {
    expect(found('gml')).toEqual([3]);
    expect(found('GML')).toEqual([3]);
    expect(found('guminglan')).toEqual([3]);
    // 单 as a surname is shan, not dan; 曾 is zeng.
    expect(found('sxf')).toEqual([18]);
    expect(found('shanxuefeng')).toEqual([18]);
    expect(found('zxl')).toEqual([7]);
    // A unit by its initials.
    expect(found('gxsq')).toEqual([7]);
    expect(found('lzqxzspj')).toEqual([18]);
    expect(found('qqqq')).toEqual([]);
  });

  it('tells numbers from text', () => {
    expect(parseCandidateQuery('')).toEqual({ kind: 'none' });
    expect(parseCandidateQuery('第 7 号')).toEqual({ kind: 'number', number: 7 });
    expect(parseCandidateQuery('7号楼')).toMatchObject({ kind: 'text' });
    expect(parseCandidateQuery('Gu Ming')).toEqual({ kind: 'text', text: 'guming', latin: true });
  });
});
