import { isLocale, negotiateLocale, type Locale } from './locales.ts';

/**
 * The cookie that remembers a reader's language. The API reads the same cookie for its error
 * messages (src/server/request-locale.ts), so the ballot sheet's errors follow the page.
 */
export const localeCookie = 'lang';
export const localeCookieMaxAgeSeconds = 365 * 24 * 60 * 60;

export interface LocaleRequest {
  /** `?lang=` */
  query: string | null;
  /** the `lang` cookie */
  cookie: string | undefined;
  acceptLanguage: string | null;
}

export interface LocaleChoice {
  locale: Locale;
  /** Set when the query chose a language the cookie does not already hold. */
  remember: Locale | null;
}

/** `?lang=` wins and is remembered; then the cookie; then Accept-Language; then zh-CN. */
export function selectLocale({ query, cookie, acceptLanguage }: LocaleRequest): LocaleChoice {
  if (isLocale(query)) return { locale: query, remember: query === cookie ? null : query };
  return { locale: negotiateLocale(cookie, acceptLanguage), remember: null };
}

/** The same page (path and query) in another language: `/receipt?code=X&lang=en`. */
export function withLang(pathname: string, search: string, locale: Locale): string {
  const params = new URLSearchParams(search);
  params.set('lang', locale);
  return `${pathname}?${params.toString()}`;
}
