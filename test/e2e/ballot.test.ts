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

async function openSheetAndWaitForBotCheck(page: Page) {
  await page.getByRole('button', { name: '核对并投票' }).click();
  await page.locator('dialog[open]').waitFor();
  await page.locator('[data-submit]:not([disabled])').waitFor();
}

describe('a citizen on a phone', () => {
  // A fresh phone for each case: each test opens its own page and casts what it needs.
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    context = await phoneContext(browser);
    page = await context.newPage();
  });
  afterEach(() => context.close());

  it('reads the campaign, a list and a candidate’s deeds', async () => {
    await page.goto(baseUrl);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('h1').innerText()).toContain('2026年度');
    expect(await page.getByText('投票进行中').first().isVisible()).toBe(true);
    await page.getByRole('link', { name: '查看候选对象并投票' }).first().click();
    await page.waitForURL(/\/tracks\/cadres$/);
    expect(await page.locator('h1').innerText()).toBe('担当作为好干部候选对象');
    expect(await page.locator('.card').count()).toBeGreaterThanOrEqual(30);
    const firstName = await page.locator('.card__name').first().innerText();
    await page.locator('.card__name a').first().click();
    expect(await page.locator('h1').innerText()).toBe(firstName);
    const deeds = await page.locator('.deeds').innerText();
    expect(deeds.replace(/\s/g, '').length).toBeGreaterThan(300);
    expect(await page.getByRole('heading', { name: '基本情况' }).isVisible()).toBe(true);
  });

  it('selects candidates on the profile and the list, keeps them across reloads, and votes', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    await page.locator('.card__name a').first().click();
    await page.waitForURL(/\/candidates\/\d+$/);
    // Select the candidate being read, then two more on the list.
    await page.locator('.profile .toggle').click();
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 1 / 20');
    await page
      .getByRole('link', { name: /返回名单|担当作为好干部候选对象/ })
      .first()
      .click();
    await page.waitForURL(/\/tracks\/cadres$/);
    const toggles = page.locator('.card .toggle');
    expect(await toggles.nth(0).getAttribute('aria-pressed')).toBe('true');
    await toggles.nth(2).click();
    await toggles.nth(4).click();
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 3 / 20');
    await page.reload();
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 3 / 20');

    await openSheetAndWaitForBotCheck(page);
    expect(await page.locator('[data-sheet-list] li').count()).toBe(3);
    // The self-hosted check ran in the page: ALTCHA's widget, served from our own origin.
    const widget = page.locator('altcha-widget [data-state="verified"]');
    expect(await widget.count()).toBe(1);
    await page.getByRole('button', { name: '确认投票' }).click();
    await page.locator('[data-done]:not([hidden])').waitFor();
    const receipt = (await page.locator('[data-receipt]').innerText()).trim();
    expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.screenshot({ path: 'test-results/e2e-receipt-390.png' });
    await page.getByRole('button', { name: '完成' }).click();
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 0 / 20');

    // The receipt check confirms the ballot was counted.
    await page.goto(`${baseUrl}/receipt?code=${encodeURIComponent(receipt.toLowerCase())}`);
    expect(await page.getByRole('status').innerText()).toContain('这张选票已计入');
  });

  it('is told clearly, and keeps the selection, when it has already voted today', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    await voteOnList(page, 1);
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    // The device remembers its ballot and offers no second one today...
    expect(await page.locator('[data-voted]').innerText()).toContain('今天已投');
    // ...but a browser whose storage was cleared is still refused, by the database.
    await page.evaluate(() => localStorage.removeItem('receipts:v1'));
    await page.reload();
    await page.locator('.card .toggle').nth(1).click();
    await openSheetAndWaitForBotCheck(page);
    await page.getByRole('button', { name: '确认投票' }).click();
    const alert = page.locator('[data-error]');
    await alert.waitFor({ state: 'visible' });
    expect(await alert.innerText()).toContain('投票次数已用完');
    await page.getByRole('button', { name: '返回修改' }).click();
    expect(await page.locator('[data-counter]').innerText()).toContain('已选 1 / 20');
  });

  it('votes by keyboard alone in the other track', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/units`);
    const first = page.locator('.card .toggle').first();
    await first.focus();
    await page.keyboard.press('Enter');
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-open-sheet]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-submit]:not([disabled])').waitFor();
    await page.locator('[data-submit]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-done]:not([hidden])').waitFor();
    expect(await page.locator('[data-receipt]').innerText()).toMatch(/^[0-9A-Z-]{14}$/);
  });
});

describe('what the public never sees', () => {
  it('answers 404 for a nominated candidate and an unknown campaign', async () => {
    const res = await fetch(`${baseUrl}/api/campaigns/2026/candidates`);
    const ids = new Set(
      ((await res.json()) as { candidates: { id: number }[] }).candidates.map((c) => c.id),
    );
    let hiddenId = 1;
    while (ids.has(hiddenId)) hiddenId++;
    expect((await fetch(`${baseUrl}/campaigns/2026/candidates/${hiddenId}`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/campaigns/1999`)).status).toBe(404);
    // A path no page matches gets the site's own 404 page too, not an empty answer.
    const unknown = await fetch(`${baseUrl}/no-such-page`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('页面不存在');
  });
});
