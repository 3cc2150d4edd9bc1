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

describe('results that explain themselves', () => {
  for (const size of ['phone', 'desktop'] as const) {
    it(`say why the most voted need not be named, with shares and the notice’s words (${size})`, async () => {
      const context =
        size === 'phone'
          ? await phoneContext(browser)
          : await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/campaigns/2025/results`);
      const explain = page.locator('.results-explain');
      expect(await explain.innerText()).toContain(
        '群众投票是确定二次入围名单的重要参考，不是唯一依据',
      );
      await explain.getByRole('link', { name: '评选规则与投票规则' }).click();
      await page.waitForURL(/\/campaigns\/2025\/rules$/);
      await page.goBack();

      const units = page.locator('section', { has: page.locator('#results-units') });
      const ranking = units.locator('table.results--ranking');
      const header = await ranking.locator('thead').innerText();
      expect(header).toContain('得票率');
      // The 2025 vote counted paper and on-site ballots too: votes per channel, their total.
      expect(header).toMatch(/网络投票\s+纸质选票\s+现场投票\s+合计/);
      const rows = ranking.locator('tbody tr');
      // The most voted unit, and what became of it: the page says it in the notice's words.
      const top = await rows.first().locator('td').allInnerTexts();
      const [counted] = (await units.locator('.list-head__meta').innerText()).match(/\d+/)!;
      const votes = Number(top[6]);
      expect(votes).toBe(Number(top[3]) + Number(top[4]) + Number(top[5]));
      expect(top[7]).toBe(`${((votes / Number(counted)) * 100).toFixed(1)}%`);
      const statuses = await ranking.locator('tbody tr td:last-child').allInnerTexts();
      expect(statuses).toContain('已命名');
      expect(statuses).not.toContain('未当选');
      // The list of a concluded selection says the same.
      await page.goto(`${baseUrl}/campaigns/2025/tracks/units`);
      const badges = await page.locator('.card .badge').allInnerTexts();
      expect(badges).toContain('已命名');
      expect(badges).toContain('未列入拟命名');
      await page.goto(`${baseUrl}/campaigns/2025/results`);
      await page.screenshot({
        path: `test-results/e2e-results-explained-${size}.png`,
        fullPage: true,
      });
      await context.close();
    });
  }
});
