import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext, voteOnList } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

describe('a reader switching languages on a phone', () => {
  // A fresh phone for each case: each starts from the page and language it is about.
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    context = await phoneContext(browser);
    page = await context.newPage();
  });
  afterEach(() => context.close());

  /** Opens the first cadre's profile from the list in `lang`. */
  async function openProfile(lang: string) {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres?lang=${lang}`);
    await page.locator('.card__name a').first().click();
    await page.waitForURL(/\/candidates\/\d+/);
  }

  it('starts in Simplified Chinese, with a switch of three 44 px links', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres?sort=name`);
    expect(await htmlLang(page)).toBe('zh-CN');
    const links = page.locator('.lang-switch a');
    expect(await links.allInnerTexts()).toEqual(['简', '繁', 'EN']);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('hreflang')))).toEqual([
      'zh-CN',
      'zh-TW',
      'en',
    ]);
    expect(await page.locator('.lang-switch a[aria-current="page"]').innerText()).toBe('简');
    for (const box of await links.evaluateAll((as) =>
      as.map((a) => a.getBoundingClientRect().toJSON() as DOMRect),
    )) {
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
  });

  it('switches to Traditional on the same page, converting interface and content', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres?sort=name`);
    const firstName = await page.locator('.card__name').first().innerText();
    await page.getByRole('link', { name: '繁體中文' }).click();
    await page.waitForURL(/\/campaigns\/2026\/tracks\/cadres\?sort=name&lang=zh-TW$/);
    expect(await htmlLang(page)).toBe('zh-TW');
    expect(await page.locator('h1').innerText()).toBe('擔當作為好幹部候選對象');
    expect(await page.locator('.masthead').innerText()).toContain('擔當作為好單位、好幹部評選');
    expect(await page.locator('.lang-switch a[aria-current="page"]').innerText()).toBe('繁');
    // Same order (by name), names converted: 顾明澜 → 顧明瀾 and the like.
    const tradName = await page.locator('.card__name').first().innerText();
    expect(tradName.length).toBe(firstName.length);
    await page.locator('.toggle').first().waitFor();
    expect(await page.locator('[data-counter]').innerText()).toContain('已選 0 / 20');
  });

  it('keeps Traditional through the cookie, and finds what a Traditional reader types', async () => {
    // The reader chose Traditional on an earlier page.
    await page.goto(`${baseUrl}/campaigns/2026/tracks/units?lang=zh-TW`);
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    expect(await htmlLang(page)).toBe('zh-TW');
    const name = await page.locator('.card__name').nth(3).innerText();
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres?q=${encodeURIComponent(name)}`);
    expect(await page.locator('.card__name').allInnerTexts()).toEqual([name]);
    await page.locator('.card__name a').first().click();
    expect(await htmlLang(page)).toBe('zh-TW');
    expect(await page.locator('h1').innerText()).toBe(name);
    expect(await page.getByRole('heading', { name: '先進事蹟' }).isVisible()).toBe(true);
    expect(await page.locator('.deeds').innerText()).not.toMatch(/[这说为们时]/);
  });

  it('switches to English on the profile, with the content left in Chinese and said so', async () => {
    await openProfile('zh-TW');
    const path = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL((url) => url.pathname === path && url.searchParams.get('lang') === 'en');
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByRole('heading', { name: 'Deeds' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: 'Basic facts' }).isVisible()).toBe(true);
    expect(await page.locator('.content-note').innerText()).toContain('published in Chinese');
    expect(await page.locator('h1').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.deeds').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.lang-switch a[aria-current="page"]').innerText()).toBe('EN');
  });

  it('goes back to Simplified Chinese', async () => {
    await openProfile('en');
    await page.getByRole('link', { name: '简体中文' }).click();
    await page.waitForURL(/lang=zh-CN$/);
    expect(await htmlLang(page)).toBe('zh-CN');
    expect(await page.getByRole('heading', { name: '先进事迹' }).isVisible()).toBe(true);
  });
});

describe('pages per language over HTTP', () => {
  it('say their language, vary by cookie and header, and link every version', async () => {
    const res = await fetch(`${baseUrl}/campaigns/2026?lang=en`);
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('vary')).toMatch(/Cookie/);
    expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    expect(res.headers.get('set-cookie')).toMatch(/^lang=en;.*Max-Age=31536000/i);
    expect(res.headers.get('set-cookie')).toMatch(/Path=\//);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    for (const lang of ['zh-CN', 'zh-TW', 'en']) {
      expect(html).toContain(
        `<link rel="alternate" hreflang="${lang}" href="${baseUrl}/campaigns/2026?lang=${lang}">`,
      );
    }
    // The bare URL negotiates; it is not an hreflang location of its own.
    expect(html).not.toContain('hreflang="x-default"');
    expect(html).toContain(`<link rel="canonical" href="${baseUrl}/campaigns/2026?lang=en">`);
  });

  it('follow Accept-Language without a choice, and the cookie over it', async () => {
    const page = async (headers: Record<string, string>) =>
      (await (await fetch(`${baseUrl}/receipt`, { headers })).text()).match(
        /<html lang="([^"]+)"/,
      )?.[1];
    expect(await page({ 'accept-language': 'zh-HK,zh;q=0.8' })).toBe('zh-TW');
    expect(await page({ 'accept-language': 'en-US,en;q=0.9' })).toBe('en');
    expect(await page({ 'accept-language': 'fr' })).toBe('zh-CN');
    expect(await page({ 'accept-language': 'en', cookie: 'lang=zh-TW' })).toBe('zh-TW');
  });

  it('answer a missing page in the reader’s language', async () => {
    const res = await fetch(`${baseUrl}/campaigns/1999?lang=zh-TW`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-TW">');
    expect(html).toContain('頁面不存在');
  });

  it('keep hidden counts hidden in every language', async () => {
    for (const lang of ['zh-TW', 'en']) {
      const results = await (await fetch(`${baseUrl}/campaigns/2026/results?lang=${lang}`)).text();
      expect(results).not.toContain('<table');
      const list = await (
        await fetch(`${baseUrl}/campaigns/2026/tracks/cadres?lang=${lang}`)
      ).text();
      expect(list).not.toMatch(/data-votes|得票|得票/);
    }
  });

  it('ship no converter to the browser', async () => {
    const html = await (await fetch(`${baseUrl}/campaigns/2026/tracks/units?lang=zh-TW`)).text();
    const inline = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
    const external = await Promise.all(
      [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map(async (m) =>
        (await fetch(new URL(m[1]!, baseUrl))).text(),
      ),
    );
    const scripts = [...inline, ...external].join('\n');
    expect(scripts).not.toMatch(/opencc|ConverterFactory/i);
    expect(scripts.length).toBeLessThan(40_000);
  });
});

describe('a foreign reporter whose browser asks for English', () => {
  // A fresh phone for each case: the refused second ballot casts its first one itself.
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
    });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  async function castOne() {
    await page.getByRole('button', { name: 'Review and vote' }).click();
    await page.locator('dialog[open]').waitFor();
    await page.locator('[data-submit]:not([disabled])').waitFor();
    await page.getByRole('button', { name: 'Cast my vote' }).click();
  }

  it('tells the tracks apart by their English names, and marks Chinese left untranslated', async () => {
    await page.goto(baseUrl);
    const h1 = page.locator('h1');
    expect(await h1.innerText()).toBe(
      'Chengchuan 2026: units and cadres who take responsibility and act',
    );
    expect(await h1.getAttribute('lang')).toBeNull();
    const tracks = page.locator('.track-card h3');
    expect(await tracks.allInnerTexts()).toEqual([
      'Cadres who take responsibility and act',
      'Units that take responsibility and act',
    ]);
    expect(await tracks.evaluateAll((hs) => hs.map((h) => h.getAttribute('lang')))).toEqual([
      null,
      null,
    ]);
    // Two buttons, two names: each says which track it opens.
    const buttons = page.locator('.track-card .button');
    const names = await buttons.evaluateAll((as) =>
      as.map((a) => a.textContent!.replace(/\s+/g, ' ').trim()),
    );
    expect(new Set(names).size).toBe(2);
    expect(names[1]).toContain('Units that take responsibility and act');
    // The intro has no English version: it stays Chinese and says so to screen readers.
    expect(await page.locator('.hero__intro').getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: 'test-results/e2e-home-en-390.png', fullPage: true });
  });

  it('reads the site in English and votes, with an English receipt', async () => {
    await page.goto(baseUrl);
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByText('Voting is open').first().isVisible()).toBe(true);
    await page.getByRole('link', { name: 'See the candidates and vote' }).last().click();
    await page.waitForURL(/\/tracks\/units$/);
    expect(await page.locator('h1').innerText()).toBe(
      'Candidates: Units that take responsibility and act',
    );
    await page.locator('.card .toggle').first().click();
    expect(await page.locator('[data-counter]').innerText()).toMatch(/^Selected 1 \/ \d+/);
    await castOne();
    await page.locator('[data-done]:not([hidden])').waitFor();
    expect(await page.locator('[data-done-title]').innerText()).toBe('Your vote has been counted');
    const receipt = (await page.locator('[data-receipt]').innerText()).trim();
    await page.getByRole('button', { name: 'Done' }).click();

    await page.goto(`${baseUrl}/receipt?code=${encodeURIComponent(receipt)}`);
    expect(await page.getByRole('status').innerText()).toContain('This ballot was counted.');
  });

  it('is refused a second ballot today in English, by the API', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/units`);
    await voteOnList(page, 1);
    await page.goto(`${baseUrl}/campaigns/2026/tracks/units`);
    const voted = await page.locator('[data-voted]').innerText();
    expect(voted).toContain('Voted today · you can vote again from 00:00 tomorrow (China time)');
    // A browser whose storage was cleared is refused by the database.
    await page.evaluate(() => localStorage.removeItem('receipts:v1'));
    await page.reload();
    await page.locator('.card .toggle').nth(1).click();
    await castOne();
    const alert = page.locator('[data-error]');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain('You have used today’s ballots in this category');
    await page.screenshot({ path: 'test-results/e2e-ballot-error-en-390.png' });
  });
});
