import * as OpenCC from 'opencc-js/core';
import * as SimplifiedToTraditional from 'opencc-js/preset/cn2t';
import * as TraditionalToSimplified from 'opencc-js/preset/t2cn';

/**
 * Simplified → Traditional Chinese for readers in Hong Kong and Taiwan, and back for what they
 * type into a search box. Server only: the dictionaries are megabytes, so no page script may
 * import this module.
 *
 * OpenCC's `s2tw` (cn → tw): Taiwan's standard character forms, no vocabulary swaps. The
 * phrase variant (`s2twp`) rewrites words as well, and gets this domain wrong (候选对象 becomes
 * 候選物件, "candidate objects"; 信息 becomes 資訊), and the same text is read in Hong Kong.
 *
 * Building a converter parses its dictionaries (about 0.1 s), so each is built once per process,
 * on first use: a process that never serves Traditional never pays for it.
 */

/**
 * Mistakes of the dictionaries in this site's own vocabulary, as [wrong output, right output].
 * Applied after the conversion. `好干部` (a good cadre) is segmented as 好干 + 部 and comes out
 * as 好乾部 ("good dry part"), which would otherwise stand in the site's name on every page.
 */
const fixes: [string, string][] = [
  ['好乾部', '好幹部'],
  ['好乾事', '好幹事'],
];

/**
 * The converter's state, one per process. The pages run from Astro's bundle and the API from
 * the source, so this module is loaded twice in a production process; were the state per
 * module, staff corrections saved through the API would never reach rendered pages (they did
 * not, for as long as the process lived). Both copies therefore keep it on globalThis.
 */
interface ConverterState {
  traditional: ((text: string) => string) | undefined;
  simplified: ((text: string) => string) | undefined;
  /**
   * Converted texts by source text. Pages convert the same names, deeds and interface sentences
   * over and over; converting a profile costs several milliseconds, looking it up nothing. Keyed
   * by the source, so an edited text is simply a new entry. Bounded by characters held (about
   * 16 MB at most), dropping the oldest entries first.
   */
  converted: Map<string, string>;
  cacheChars: number;
  /** Staff corrections as output fixes ([default output, wanted output]), and their source. */
  staffFixes: [string, string][];
  staffTermsKey: string;
}

const stateKey = Symbol.for('honour-roll.convert-chinese');
const state: ConverterState = ((globalThis as { [stateKey]?: ConverterState })[stateKey] ??= {
  traditional: undefined,
  simplified: undefined,
  converted: new Map(),
  cacheChars: 0,
  staffFixes: [],
  staffTermsKey: '',
});

const cacheCharLimit = 4_000_000;

function remember(source: string, result: string): string {
  if (source.length + result.length > cacheCharLimit / 100) return result;
  state.converted.set(source, result);
  state.cacheChars += source.length + result.length;
  for (const [oldest, value] of state.converted) {
    if (state.cacheChars <= cacheCharLimit) break;
    state.converted.delete(oldest);
    state.cacheChars -= oldest.length + value.length;
  }
  return result;
}

function baseConverter(): (text: string) => string {
  return OpenCC.ConverterFactory(SimplifiedToTraditional.from.cn!, SimplifiedToTraditional.to.tw!, [
    fixes,
  ]);
}

/**
 * Puts staff corrections into effect (src/db/schema/conversion.ts): each term is converted as
 * usual, and wherever that default output appears it is replaced by the wanted form. A term is
 * best a whole name or phrase (李云, not 云), so that the correction touches nothing else. The
 * converter and the cache are rebuilt only when the terms changed.
 */
export function setConversionTerms(terms: { simplified: string; traditional: string }[]): void {
  const key = JSON.stringify(terms.map((t) => [t.simplified, t.traditional]).sort());
  if (key === state.staffTermsKey) return;
  const plain = baseConverter();
  state.staffFixes = terms
    .map((t): [string, string] => [plain(t.simplified), t.traditional])
    .filter(([from, to]) => from !== to);
  state.staffTermsKey = key;
  state.traditional = undefined;
  state.converted.clear();
  state.cacheChars = 0;
}

/**
 * The Traditional form of Simplified text. Every conversion of interface text and content goes
 * through this one function, so staff corrections apply everywhere.
 */
export function toTraditional(text: string): string {
  if (text === '') return text;
  const known = state.converted.get(text);
  if (known !== undefined) return known;
  state.traditional ??= OpenCC.ConverterFactory(
    SimplifiedToTraditional.from.cn!,
    SimplifiedToTraditional.to.tw!,
    state.staffFixes.length > 0 ? [fixes, state.staffFixes] : [fixes],
  );
  return remember(text, state.traditional(text));
}

/**
 * The Simplified form of text a Traditional reader typed, so that it matches the Simplified
 * source (search). Simplified input passes through unchanged.
 */
export function toSimplified(text: string): string {
  state.simplified ??= OpenCC.ConverterFactory(
    TraditionalToSimplified.from.tw!,
    TraditionalToSimplified.to.cn!,
  );
  return text === '' ? text : state.simplified(text);
}
