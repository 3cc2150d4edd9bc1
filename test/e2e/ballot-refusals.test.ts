import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, phoneContext } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
// A fresh phone for each case: no device cookie, no earlier ballot, no stored selection.
beforeEach(async () => {
  context = await phoneContext(browser);
  page = await context.newPage();
});
afterEach(() => context.close());

async function pick(n: number) {
  const toggles = page.locator('.card .toggle');
  for (let i = 0; i < n; i++) await toggles.nth(i).click();
}

async function openSheet() {
  await page.locator('[data-open-sheet]').click();
  await page.locator('dialog[open]').waitFor();
  await page.locator('[data-submit]:not([disabled])').waitFor();
}

describe('every refusal tells the citizen what happened and keeps the selection', () => {
  it('a pick beyond the track’s limit is refused on the spot', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/units`);
    await pick(12);
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 12 / 12');
    await page.locator('.card .toggle').nth(12).click();
    const message = page.locator('[data-bar-message]');
    await message.waitFor({ state: 'visible' });
    expect(await message.innerText()).toContain('最多可选 12 名');
    expect(await page.locator('.card .toggle').nth(12).getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 12 / 12');
  });

  it('a failed bot check says so, and a fresh check then lets the ballot through', async () => {
    // The first ballot's proof is tampered with on the way: the server refuses it, the sheet
    // says so and the widget solves a fresh challenge for the second attempt.
    let sent = 0;
    await page.route('**/api/ballots', (route) => {
      sent++;
      const body = JSON.parse(route.request().postData() ?? '{}') as { botCheck: string };
      if (sent === 1) body.botCheck = body.botCheck.replace(/^./, (c) => (c === 'e' ? 'f' : 'e'));
      return route.continue({ postData: JSON.stringify(body) });
    });
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    await pick(2);
    await openSheet();
    await page.locator('[data-submit]').click();
    const error = page.locator('[data-error]');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toContain('人机验证未通过');
    expect(await page.locator('[data-sheet-list] li').count()).toBe(2);
    await page.locator('[data-submit]:not([disabled])').waitFor();
    await page.locator('[data-submit]').click();
    await page.locator('[data-done]:not([hidden])').waitFor();
    expect(sent).toBe(2);
    await page.unroute('**/api/ballots');
  });

  it('a network failure keeps the selection and says to try again', async () => {
    await page.route('**/api/ballots', (route) => route.abort('internetdisconnected'));
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    await pick(3);
    await openSheet();
    await page.locator('[data-submit]').click();
    const error = page.locator('[data-error]');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toContain('网络连接失败');
    await page.reload();
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 3 / 20');
  });

  it('after the close there is nothing to vote with, and the page says voting has ended', async () => {
    await page.goto(`${baseUrl}/campaigns/2025/tracks/cadres`);
    expect(await page.getByText('投票已结束').first().isVisible()).toBe(true);
    expect(await page.locator('[data-ballot]').count()).toBe(0);
    expect(await page.locator('.card .toggle').count()).toBe(0);
  });
});
