import type { CandidateRow } from './list-public-candidates.ts';

export const candidateSorts = ['number', 'name'] as const;
export type CandidateSort = (typeof candidateSorts)[number];

export interface CandidateFilter {
  /** Matched against name, unit, post and the unit head's name, ignoring case and spaces. */
  query?: string;
  district?: string;
  sector?: string;
  sort?: CandidateSort;
}

const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/**
 * Narrows and orders a track's public list. Only by number or by name: never by votes, so a
 * hidden count cannot leak through the order of a list.
 */
export function filterCandidates(rows: CandidateRow[], filter: CandidateFilter): CandidateRow[] {
  const q = squash(filter.query ?? '');
  const picked = rows.filter(
    (r) =>
      (!filter.district || r.district === filter.district) &&
      (!filter.sector || r.sector === filter.sector) &&
      (q === '' ||
        [r.name, r.organisation, r.currentPost ?? '', r.headName ?? ''].some((f) =>
          squash(f).includes(q),
        )),
  );
  return filter.sort === 'name'
    ? [...picked].sort((a, b) => pinyin.compare(a.name, b.name))
    : [...picked].sort((a, b) => a.number - b.number);
}

/** The distinct non-empty values of a field, in pinyin order, for filter menus. */
export function distinctValues(rows: CandidateRow[], field: 'district' | 'sector'): string[] {
  return [...new Set(rows.map((r) => r[field]).filter((v) => v !== ''))].sort(pinyin.compare);
}
