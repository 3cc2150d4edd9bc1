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

describe('a citizen after the vote, on a phone', () => {
  // A fresh phone for each case: a test that needs a ballot of its device casts it first.
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    context = await phoneContext(browser);
    page = await context.newPage();
  });
  afterEach(() => context.close());

  it('is told on the track’s pages that it voted today, and offered the other track', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    const names = await page
      .locator('.card__name')
      .evaluateAll((els) => els.slice(0, 2).map((e) => e.textContent!.trim()));
    const receipt = await voteOnList(page, 2);
    // The receipt names the track, the selection, the time and the next possible ballot.
    const facts = await page.locator('[data-done] .receipt-facts').innerText();
    expect(facts).toContain('担当作为好干部');
    expect(facts).toContain(names.join('、'));
    expect(facts).toContain('明天 00:00 后可再投');
    expect(await page.locator('[data-receipt-link]').getAttribute('href')).toBe(
      `/receipt?code=${receipt}`,
    );
    await page.screenshot({ path: 'test-results/e2e-receipt-details-390.png' });
    // The sheet offers the other track at once.
    const offer = page.locator('[data-done] [data-other-track="units"]');
    expect(await offer.isVisible()).toBe(true);
    expect(await offer.innerText()).toBe('还可以为担当作为好单位投票');
    await page.getByRole('button', { name: '完成' }).click();

    const voted = page.locator('[data-voted]');
    expect(await voted.isVisible()).toBe(true);
    expect(await voted.innerText()).toContain('今天已投 · 明天 00:00 后可再投');
    // Nothing left to pick today in this track, and no way to a refused second try.
    expect(await page.locator('.card .toggle:visible').count()).toBe(0);
    expect(await page.locator('[data-open-sheet]').isVisible()).toBe(false);
    await page.screenshot({ path: 'test-results/e2e-voted-today-390.png' });

    // The device remembers, on the list after a reload and on a profile.
    await page.reload();
    expect(await page.locator('[data-voted]').innerText()).toContain('今天已投');
    await page.locator('.card__name a').first().click();
    await page.waitForURL(/\/candidates\/\d+$/);
    expect(await page.locator('[data-voted]').innerText()).toContain('明天 00:00 后可再投');
    expect(await page.locator('.profile .toggle').isVisible()).toBe(false);

    // The other track is still open to this device.
    await page.locator('[data-voted] [data-other-track="units"] a').click();
    await page.waitForURL(/\/tracks\/units$/);
    expect(await page.locator('[data-voted]').isVisible()).toBe(false);
    expect(await page.locator('.card .toggle').first().isVisible()).toBe(true);
  });

  it('lists the device’s receipts on the receipt page', async () => {
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    const receipt = await voteOnList(page, 2);
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    await page.getByRole('link', { name: '本设备的选票凭证' }).click();
    await page.waitForURL(/\/receipt#device-receipts$/);
    const list = page.locator('[data-device-receipts]');
    expect(await list.isVisible()).toBe(true);
    const entry = list.locator('li').first();
    expect(await entry.innerText()).toContain(receipt);
    expect(await entry.innerText()).toContain('担当作为好干部');
    await entry.getByRole('link', { name: receipt }).click();
    await page.waitForURL(/\/receipt\?code=/);
    expect(await page.getByRole('status').innerText()).toContain('这张选票已计入');
    const facts = await page.locator('.receipt-facts').innerText();
    expect(facts).toContain('2026年度澄川市担当作为好单位、好干部评选');
    expect(facts).toContain('担当作为好干部');
    expect(facts).toMatch(/所选对象（2）\s*01号 \S+\s*02号 \S+/);
    expect(facts).toMatch(/下次可投\s*\d{4}年\d+月\d+日 00:00起/);
    await page.screenshot({ path: 'test-results/e2e-receipt-page-390.png', fullPage: true });
  });

  it('draws the device’s state in the browser: the list’s HTML is the same for every reader', async () => {
    // A device that has voted: its cookie must not change the page the server sends.
    await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres`);
    await voteOnList(page, 2);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const html = async (headers: Record<string, string>) =>
      (await fetch(`${baseUrl}/campaigns/2026/tracks/cadres`, { headers })).text();
    const strip = (s: string) => s.replace(/nonce="[^"]*"/g, '');
    expect(strip(await html({ cookie, 'accept-language': 'zh-CN' }))).toBe(
      strip(await html({ 'accept-language': 'zh-CN' })),
    );
  });
});
