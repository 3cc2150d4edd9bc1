import type { CandidateRow } from './list-public-candidates.ts';
import { matchesCandidateQuery, parseCandidateQuery } from './match-candidate-query.ts';

export const candidateSorts = ['number', 'name'] as const;
export type CandidateSort = (typeof candidateSorts)[number];

export interface CandidateFilter {
  /**
   * A ballot number ("18", "18号"), or text matched against name, unit, post and the unit head's
   * name ignoring case and spaces, or pinyin of the name, the unit and the head (initials or
   * syllables): src/domain/candidates/match-candidate-query.ts.
   */
  query?: string;
  district?: string;
  sector?: string;
  sort?: CandidateSort;
}

const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/**
 * Narrows and orders a track's public list. Only by number or by name: never by votes, so a
 * hidden count cannot leak through the order of a list.
 */
export function filterCandidates(rows: CandidateRow[], filter: CandidateFilter): CandidateRow[] {
  const query = parseCandidateQuery(filter.query ?? '');
  const picked = rows.filter(
    (r) =>
      (!filter.district || r.district === filter.district) &&
      (!filter.sector || r.sector === filter.sector) &&
      matchesCandidateQuery(r, query),
  );
  return filter.sort === 'name'
    ? [...picked].sort((a, b) => pinyin.compare(a.name, b.name))
    : [...picked].sort((a, b) => a.number - b.number);
}

/** The distinct non-empty values of a field, in pinyin order, for filter menus. */
export function distinctValues(rows: CandidateRow[], field: 'district' | 'sector'): string[] {
  return [...new Set(rows.map((r) => r[field]).filter((v) => v !== ''))].sort(pinyin.compare);
}
