import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let profilePath = '';

beforeAll(async () => {
  browser = await launchBrowser();
  const res = await fetch(`${baseUrl}/api/campaigns/2026/candidates`);
  const { candidates } = (await res.json()) as { candidates: { id: number }[] };
  profilePath = `/campaigns/2026/candidates/${candidates[0]!.id}`;
});
afterAll(async () => {
  await browser.close();
});

/** Every public page type, at the plain URL a visitor lands on. */
const landings = () => [
  '/',
  '/campaigns/2026',
  '/campaigns/2026/tracks/cadres',
  profilePath,
  '/campaigns/2026/rules',
  '/campaigns/2025/results',
  '/campaigns/2026/search?q=18',
  '/receipt',
  '/notices',
  '/notices/2025-1',
  '/decisions/2025',
  '/open-data',
  '/privacy',
];

describe('canonical and hreflang, as search engines and Lighthouse read them', () => {
  it('agree on every plain URL a visitor lands on, and on each language version', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    for (const path of landings()) {
      for (const lang of [null, 'zh-CN', 'zh-TW', 'en']) {
        const url = lang === null ? `${baseUrl}${path}` : withLang(`${baseUrl}${path}`, lang);
        await page.goto(url);
        const canonicals = await page
          .locator('head link[rel="canonical"]')
          .evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href));
        expect(canonicals, url).toHaveLength(1);
        const canonical = canonicals[0]!;
        const alternates = await page
          .locator('head link[rel="alternate"][hreflang]')
          .evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).href));
        // The canonical is one of the hreflang versions, in the language the page is in.
        expect(alternates, url).toContain(canonical);
        const htmlLang = await page.locator('html').getAttribute('lang');
        expect(new URL(canonical).searchParams.get('lang'), url).toBe(htmlLang);
        // Lighthouse's rule: a page that is itself an hreflang location must be its canonical.
        const here = page.url();
        if (alternates.includes(here)) expect(canonical, url).toBe(here);
      }
    }
    await context.close();
  });
});

function withLang(url: string, lang: string): string {
  const u = new URL(url);
  u.searchParams.set('lang', lang);
  return u.href;
}
