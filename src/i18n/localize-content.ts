import type { CampaignRow, TrackRow } from '../domain/campaigns/get-campaign.ts';
import type { CandidateRow } from '../domain/candidates/list-public-candidates.ts';
import { toTraditional } from './convert-chinese.ts';
import type { Locale } from './locales.ts';

/**
 * Content (titles, names, deeds) is written by staff in Simplified Chinese. Traditional readers
 * get it converted; English readers get the Chinese source, marked `lang="zh-CN"` on the page
 * (`contentLang`) so that screen readers and fonts treat it as Chinese.
 */
export type ContentLocale = Exclude<Locale, 'en'>;

/** The `lang` attribute for content elements: only where it differs from the page's. */
export function contentLang(locale: Locale): ContentLocale | undefined {
  return locale === 'en' ? 'zh-CN' : undefined;
}

/** One piece of content in the reader's script. */
export function localizeText(text: string, locale: Locale): string {
  return locale === 'zh-TW' ? toTraditional(text) : text;
}

function convertFields<T extends object>(row: T, fields: readonly string[], locale: Locale): T {
  if (locale !== 'zh-TW') return row;
  const copy = { ...row } as Record<string, unknown>;
  for (const field of fields) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = toTraditional(value);
  }
  return copy as T;
}

const campaignFields = ['title', 'organiser', 'intro'] satisfies (keyof CampaignRow)[];
const trackFields = ['name', 'description'] satisfies (keyof TrackRow)[];

/** What a candidate card shows; the profile converts every text field. */
export const candidateCardFields = [
  'name',
  'organisation',
  'currentPost',
  'headName',
  'summary',
] satisfies (keyof CandidateRow)[];

const candidateFields = [
  ...candidateCardFields,
  'district',
  'sector',
  'sex',
  'ethnicity',
  'nativePlace',
  'politicalAffiliation',
  'education',
  'degree',
  'cv',
  'headTitle',
  'deeds',
] satisfies (keyof CandidateRow)[];

/** Of a row localized for English, the fields whose text is English (staff gave it). */
const englishFieldsOf = new WeakMap<object, ReadonlySet<string>>();

/** English text where staff gave it (`titleEn` for `title`), the Chinese source elsewhere. */
function withEnglish<T extends object>(row: T, pairs: readonly [string, string][]): T {
  const source = row as Record<string, unknown>;
  const copy = { ...source };
  const english = new Set<string>();
  for (const [field, enField] of pairs) {
    const value = source[enField];
    if (typeof value === 'string' && value.trim() !== '') {
      copy[field] = value;
      english.add(field);
    }
  }
  englishFieldsOf.set(copy, english);
  return copy as T;
}

/**
 * The `lang` attribute of a localized row's field: none where the text is in the page's
 * language, `zh-CN` on an English page that shows the Chinese source.
 */
export function fieldLang(row: object, field: string, locale: Locale): ContentLocale | undefined {
  if (locale !== 'en') return undefined;
  return englishFieldsOf.get(row)?.has(field) ? undefined : 'zh-CN';
}

export function localizeCampaign<T extends Pick<CampaignRow, 'title'>>(row: T, locale: Locale): T {
  if (locale === 'en') return withEnglish(row, [['title', 'titleEn']]);
  return convertFields(row, campaignFields, locale);
}

export function localizeTrack<T extends Pick<TrackRow, 'name'>>(row: T, locale: Locale): T {
  if (locale === 'en') {
    return withEnglish(row, [
      ['name', 'nameEn'],
      ['description', 'descriptionEn'],
    ]);
  }
  return convertFields(row, trackFields, locale);
}

/**
 * A candidate (or a neighbour with only some fields) in the reader's script. Filtering and
 * sorting stay on the source rows: filter values in URLs are the Simplified originals.
 */
export function localizeCandidate<T extends Pick<CandidateRow, 'name'>>(
  row: T,
  locale: Locale,
  fields: readonly (keyof CandidateRow)[] = candidateFields,
): T {
  return convertFields(row, fields, locale);
}
