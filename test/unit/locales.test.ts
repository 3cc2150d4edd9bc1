import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '#src/i18n/locales.ts';

describe('negotiateLocale: explicit choice', () => {
  it('wins over the header when it is a supported locale', () => {
    expect(negotiateLocale('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(negotiateLocale('zh-TW', 'en')).toBe('zh-TW');
    expect(negotiateLocale('zh-CN', 'zh-TW')).toBe('zh-CN');
  });

  it.each(['fr', '', 'zh', 'english'])(
    'is ignored when it is %j, and the header decides',
    (choice) => {
      expect(negotiateLocale(choice, 'zh-TW')).toBe('zh-TW');
    },
  );
});

describe('negotiateLocale: Accept-Language', () => {
  it.each([
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-CN', 'zh-TW'],
    ['ZH-hk', 'zh-TW'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['en-GB', 'en'],
    ['en-US,en;q=0.9', 'en'],
  ])('maps %j to %s', (header, locale) => {
    expect(negotiateLocale(null, header)).toBe(locale);
  });

  it('respects q-values rather than order', () => {
    expect(negotiateLocale(null, 'en;q=0.5, zh-TW;q=0.9')).toBe('zh-TW');
    expect(negotiateLocale(null, 'zh-CN;q=0.2, en;q=0.8')).toBe('en');
  });

  it('keeps header order between equal q-values', () => {
    expect(negotiateLocale(null, 'en, zh-TW')).toBe('en');
    expect(negotiateLocale(null, 'zh-TW, en')).toBe('zh-TW');
  });

  it('skips languages refused with q=0', () => {
    expect(negotiateLocale(null, 'zh-TW;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLocale(null, 'en;q=0')).toBe('zh-CN');
  });

  it('passes over unsupported languages to a supported one further down', () => {
    expect(negotiateLocale(null, 'fr-FR, de;q=0.8, en;q=0.3')).toBe('en');
  });

  it.each([null, undefined, '', 'fr-FR, de;q=0.8', '*'])('falls back to zh-CN for %j', (header) => {
    expect(negotiateLocale(undefined, header)).toBe('zh-CN');
  });
});
