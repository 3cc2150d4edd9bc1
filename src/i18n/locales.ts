export const locales = ['zh-CN', 'zh-TW', 'en'] as const;
export type Locale = (typeof locales)[number];
const defaultLocale: Locale = 'zh-CN';

/**
 * Picks the reader's language from an explicit choice (query or cookie) or, failing that, the
 * Accept-Language header. Traditional Chinese covers Hong Kong, Macao and Taiwan.
 */
export function negotiateLocale(
  explicit: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  if (explicit && (locales as readonly string[]).includes(explicit)) return explicit as Locale;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((e) => e.tag !== '' && e.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (/^zh-(tw|hk|mo|hant)/.test(tag)) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return defaultLocale;
}

export function isLocale(value: string | null | undefined): value is Locale {
  return (locales as readonly (string | null | undefined)[]).includes(value);
}

/**
 * Each language named in itself, for the language switch: short label, full name, and the
 * accessible name of the link, which must contain the label shown (WCAG 2.5.3, so a voice user
 * can say what they see).
 */
export const localeNames: Record<Locale, { short: string; name: string; label: string }> = {
  'zh-CN': { short: '简', name: '简体中文', label: '简体中文' },
  'zh-TW': { short: '繁', name: '繁體中文', label: '繁體中文' },
  en: { short: 'EN', name: 'English', label: 'EN – English' },
};
