import { parseFeed } from '@rowanmanning/feed-parser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

interface PublicNotice {
  title: string;
  entries: { name: string; trackName: string }[];
}

describe('the notice feed in a reader', () => {
  it('carries each notice’s whole text, names and honours, as HTML a reader shows', async () => {
    const feed = parseFeed(await (await fetch(`${baseUrl}/notices/feed.xml`)).text());
    const notice = (await (await fetch(`${baseUrl}/api/notices/2025-1`)).json()) as PublicNotice;
    const item = feed.items.find((i) => i.url === `${baseUrl}/notices/2025-1/revisions/1`)!;
    expect(item.content).toBeTruthy();
    // As a feed reader shows it: the HTML alone, on a phone and on a desktop.
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const context =
        viewport.width === 390
          ? await phoneContext(browser)
          : await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.setContent(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body>${item.content}</body></html>`,
      );
      expect(await page.locator('h1').innerText()).toBe(notice.title);
      const entries = await page.locator('li strong').allInnerTexts();
      expect(entries).toEqual(notice.entries.map((e) => e.name));
      const text = await page.locator('body').innerText();
      for (const e of notice.entries) expect(text).toContain(`拟命名为“${e.trackName}”`);
      expect(text).toContain('公示期：');
      expect(text).toContain('举报电话：');
      await page.screenshot({
        path: `test-results/e2e-feed-entry-${viewport.width}.png`,
        fullPage: true,
      });
      await context.close();
    }
  });

  it('is advertised by the home page to browsers and readers', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(baseUrl);
    const link = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    expect(await link.getAttribute('href')).toBe('/notices/feed.xml');
    await context.close();
  });
});
