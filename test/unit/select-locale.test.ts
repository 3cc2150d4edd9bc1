import { describe, expect, it } from 'vitest';
import { localeCookie, selectLocale, withLang } from '#src/i18n/select-locale.ts';
import { localeCookie as apiLocaleCookie } from '#src/server/request-locale.ts';

describe('selectLocale', () => {
  it('lets ?lang= win over the cookie and the header, and remembers it', () => {
    expect(selectLocale({ query: 'en', cookie: 'zh-TW', acceptLanguage: 'zh-CN' })).toEqual({
      locale: 'en',
      remember: 'en',
    });
  });

  it('does not set the cookie again when it already holds the choice', () => {
    expect(selectLocale({ query: 'zh-TW', cookie: 'zh-TW', acceptLanguage: null })).toEqual({
      locale: 'zh-TW',
      remember: null,
    });
  });

  it.each(['fr', '', 'zh', 'EN'])('ignores ?lang=%j and uses the cookie', (query) => {
    expect(selectLocale({ query, cookie: 'zh-TW', acceptLanguage: 'en' })).toEqual({
      locale: 'zh-TW',
      remember: null,
    });
  });

  it('uses Accept-Language without a choice, or with a cookie it does not know', () => {
    expect(selectLocale({ query: null, cookie: undefined, acceptLanguage: 'zh-HK' }).locale).toBe(
      'zh-TW',
    );
    expect(selectLocale({ query: null, cookie: 'klingon', acceptLanguage: 'en-US' }).locale).toBe(
      'en',
    );
  });

  it('falls back to Simplified Chinese', () => {
    expect(selectLocale({ query: null, cookie: undefined, acceptLanguage: null })).toEqual({
      locale: 'zh-CN',
      remember: null,
    });
  });

  it('uses the cookie the API reads for its error messages', () => {
    expect(localeCookie).toBe(apiLocaleCookie);
  });
});

describe('withLang', () => {
  it('keeps the path and the query and sets lang', () => {
    expect(withLang('/campaigns/2026/tracks/cadres', '?district=柳塘县&sort=name', 'en')).toBe(
      '/campaigns/2026/tracks/cadres?district=%E6%9F%B3%E5%A1%98%E5%8E%BF&sort=name&lang=en',
    );
  });

  it('replaces an earlier lang rather than adding a second one', () => {
    expect(withLang('/receipt', '?lang=en&code=ABCD', 'zh-TW')).toBe(
      '/receipt?lang=zh-TW&code=ABCD',
    );
    expect(withLang('/', '', 'zh-CN')).toBe('/?lang=zh-CN');
  });
});
