import { pinyin } from 'pinyin-pro';
import type { CandidateRow } from './list-public-candidates.ts';

/**
 * What a reader may type to find a candidate: the ballot number as posters and WeChat groups ask
 * for it ("18", "18号", "第18号", "No. 18", "#18"), a name, a unit or post, or pinyin (the
 * initials "gml" or the syllables "guminglan" of 顾明澜, and the initials of a unit).
 */
export type CandidateQuery =
  | { kind: 'none' }
  | { kind: 'number'; number: number }
  | { kind: 'text'; text: string; latin: boolean };

const numberPattern = /^(?:第|no\.?|#|编号)?0*(\d{1,4})号?$/;

const squash = (s: string) => s.toLowerCase().replace(/[\s·・.]+/g, '');

export function parseCandidateQuery(raw: string): CandidateQuery {
  const text = squash(raw.normalize('NFKC'));
  if (text === '') return { kind: 'none' };
  const n = numberPattern.exec(text);
  if (n) return { kind: 'number', number: Number(n[1]) };
  return { kind: 'text', text, latin: /^[a-z]+$/.test(text) };
}

/**
 * Pinyin of a text, as initials and as joined syllables, kept per text: a list page asks for the
 * same names on every search, and pinyin-pro's segmentation is the costly part.
 */
const pinyinKeys = new Map<string, string[]>();

function pinyinOf(text: string, name: boolean): string[] {
  const cacheKey = `${name ? 'n' : 'o'}${text}`;
  const known = pinyinKeys.get(cacheKey);
  if (known) return known;
  // A surname read as a surname: 单 is shan, 曾 is zeng, 仇 is qiu.
  const syllables = pinyin(text, {
    toneType: 'none',
    type: 'array',
    nonZh: 'removed',
    surname: name ? 'head' : 'off',
  });
  const keys = [
    syllables.map((s) => s[0] ?? '').join(''),
    ...(name ? [syllables.join('')] : []),
  ].map((k) => k.toLowerCase().replace(/ü|v/g, 'v'));
  if (pinyinKeys.size > 10_000) pinyinKeys.clear();
  pinyinKeys.set(cacheKey, keys);
  return keys;
}

/** Whether a candidate answers the query; `none` matches everyone. */
export function matchesCandidateQuery(row: CandidateRow, query: CandidateQuery): boolean {
  switch (query.kind) {
    case 'none':
      return true;
    case 'number':
      return row.number === query.number;
    case 'text': {
      const fields = [row.name, row.organisation, row.currentPost ?? '', row.headName ?? ''];
      if (fields.some((f) => squash(f).includes(query.text))) return true;
      if (!query.latin) return false;
      return [
        ...pinyinOf(row.name, true),
        ...pinyinOf(row.organisation, false),
        ...(row.headName ? pinyinOf(row.headName, true) : []),
      ].some((k) => k.includes(query.text));
    }
  }
}
