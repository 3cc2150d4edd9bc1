import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await phoneContext(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await context.close();
  await browser.close();
});

describe('“请投18号”: finding a candidate on a phone', () => {
  it('finds number 18 of every track from the home page', async () => {
    await page.goto(baseUrl);
    await page.getByRole('searchbox', { name: /按编号、姓名、单位或拼音首字母查找/ }).fill('18号');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await page.waitForURL(/\/campaigns\/2026\/search\?q=/);
    expect(await page.getByRole('status').innerText()).toBe('找到 2 个候选对象。');
    const numbers = await page.locator('.compact-list__number').allInnerTexts();
    expect(numbers).toEqual(['18号', '18号']);
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(
      expect.arrayContaining(['担当作为好单位', '担当作为好干部']),
    );
    await page.screenshot({ path: 'test-results/e2e-search-390.png', fullPage: true });
    // From the results to the track's own list, narrowed the same way.
    await page.getByRole('link', { name: '在“担当作为好干部”名单中查看' }).click();
    await page.waitForURL(/\/tracks\/cadres\?q=/);
    expect(await page.locator('.card').count()).toBe(1);
    expect(await page.locator('.card__number').innerText()).toBe('18号');
  });

  it('finds a cadre by the pinyin initials of the name, on the list', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    await page.locator('.filters-box summary').click();
    await page.getByRole('searchbox', { name: '编号、姓名或单位' }).fill('gml');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    await page.waitForURL(/q=gml/);
    expect(await page.locator('.card__name').allInnerTexts()).toContain('顾明澜');
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres?q=18`);
    expect(await page.locator('.card__number').allInnerTexts()).toEqual(['18号']);
  });

  it('finds in Traditional what a Hong Kong reader types', async () => {
    await page.goto(
      `${baseUrl}/campaigns/2026/search?lang=zh-TW&q=${encodeURIComponent('顧明瀾')}`,
    );
    expect(await page.locator('.compact-list__name').allInnerTexts()).toEqual(['顧明瀾']);
  });
});

describe('picking many of a long list on a phone', () => {
  it('offers a compact list, remembers it on this device, and says when the limit is reached', async () => {
    const own = await phoneContext(browser);
    const p = await own.newPage();
    await p.goto(`${baseUrl}/campaigns/2026/tracks/units`);
    const height = () => p.evaluate(() => document.documentElement.scrollHeight);
    const cardsHeight = await height();
    await p.getByRole('button', { name: '紧凑列表' }).click();
    expect(await p.getByRole('button', { name: '紧凑列表' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const compactHeight = await height();
    // 32 units: from about 6,500 px of cards to under half of it.
    expect(compactHeight).toBeLessThan(cardsHeight / 2);
    await p.screenshot({ path: 'test-results/e2e-compact-list-390.png' });

    // The choice is this device's: it stays after a reload and on the other track.
    await p.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    expect(await p.locator('[data-view-list]').getAttribute('class')).toContain('cards--compact');

    // Each row is number, name, unit and a pick button; at the limit the others say so.
    const max = Number(await p.locator('[data-ballot]').getAttribute('data-max'));
    const toggles = p.locator('.card .toggle');
    for (let i = 0; i < max; i++) await toggles.nth(i).click();
    expect(await p.locator('[data-counter]').innerText()).toContain(`已选 ${max} / ${max}`);
    const next = toggles.nth(max);
    expect(await next.innerText()).toContain('已选满');
    expect(await toggles.nth(0).innerText()).toContain('已选');
    await next.click();
    expect(await p.locator('[data-bar-message]').innerText()).toContain(`最多可选 ${max} 名`);
    await p.screenshot({ path: 'test-results/e2e-compact-full-390.png' });
    await own.close();
  });
});
