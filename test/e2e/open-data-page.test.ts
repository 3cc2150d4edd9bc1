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

describe('open data for people', () => {
  it('is a page, linked from every footer, listing the feed and each download with its columns', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notices`);
    await page.locator('footer').getByRole('link', { name: '开放数据' }).click();
    await page.waitForURL(`${baseUrl}/open-data`);
    expect(await page.locator('h1').innerText()).toBe('开放数据');
    const hrefs = await page
      .locator('main a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(
      expect.arrayContaining([
        '/notices/feed.xml',
        '/api/campaigns/2025/results.csv',
        '/api/campaigns/2025/results.csv?header=zh',
        '/api/campaigns/2025/results',
        '/api/notices/2025-1.csv',
        '/api/notices/2025-1.csv?header=zh',
        '/api/notices/2025-1',
        '/api/decisions/2025',
        '/api/openapi.json',
      ]),
    );
    // Column meanings and what each status code means.
    const results = page.locator('section[aria-labelledby="results-columns"]');
    expect(await results.innerText()).toContain('进展代码');
    expect(await page.locator('#statuses + .table-scroll').innerText()).toContain(
      '常委会差额票决确定为拟命名对象',
    );
    await page.screenshot({ path: 'test-results/e2e-open-data-1280.png', fullPage: true });
    // Every download link answers.
    for (const href of hrefs.filter((h) => h?.startsWith('/api/') || h?.endsWith('.xml'))) {
      expect((await fetch(`${baseUrl}${href}`)).status, href!).toBe(200);
    }
    await context.close();
  });

  it('reads in English and Traditional too, and on a phone', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/open-data?lang=en`);
    expect(await page.locator('h1').innerText()).toBe('Open data');
    expect(await page.locator('#statuses + .table-scroll').innerText()).toContain(
      'proposed for the honour',
    );
    await page.screenshot({ path: 'test-results/e2e-open-data-en-390.png', fullPage: true });
    await page.goto(`${baseUrl}/open-data?lang=zh-TW`);
    expect(await page.locator('h1').innerText()).toBe('開放數據');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('links a results page to its CSV', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/campaigns/2025/results`);
    const csv = page.getByRole('link', { name: 'CSV 表格（中文表头）' });
    expect(await csv.getAttribute('href')).toBe('/api/campaigns/2025/results.csv?header=zh');
    await context.close();
  });
});
