import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';

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

const pages = () => [
  ['home', '/'],
  ['list', '/campaigns/2026/tracks/units'],
  ['profile', profilePath],
  ['notices', '/notices'],
  ['notice', '/notices/2025-1'],
  ['notice-tw', '/notices/2025-1?lang=zh-TW'],
  ['results', '/campaigns/2025/results'],
  ['rules', '/campaigns/2026/rules'],
];

describe('headlines on narrow and wide screens', () => {
  for (const width of [320, 390, 768]) {
    it(`break between phrases, never inside one, at ${width} px`, async () => {
      const context = await browser.newContext({
        viewport: { width, height: 844 },
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      for (const [name, path] of pages()) {
        await page.goto(`${baseUrl}${path}`);
        // The site's name heads every page; its phrases are marked to stay whole.
        expect(await page.locator('.brand__name .phrase').count()).toBe(4);
        // A phrase kept whole lies on one line: one box.
        const broken = await page
          .locator('.phrase')
          .evaluateAll((els) =>
            els.filter((e) => e.getClientRects().length !== 1).map((e) => e.textContent),
          );
        expect(broken, `${name} at ${width}`).toEqual([]);
        // Nothing runs out of the screen sideways.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} at ${width}`).toBeLessThanOrEqual(0);
        // A breadcrumb's separators belong to the link after them: none dangles at a line's end.
        const loose = await page
          .locator('.breadcrumb')
          .evaluateAll(
            (navs) =>
              navs.flatMap((n) =>
                [...n.childNodes].filter((c) => c.nodeType === 3 && c.textContent!.includes('›')),
              ).length,
          );
        expect(loose, `${name} at ${width}`).toBe(0);
        await page.screenshot({ path: `test-results/e2e-headline-${name}-${width}.png` });
      }
      await context.close();
    });
  }

  it('writes date ranges with 至, which no CJK font draws like 一', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/campaigns/2026`);
    const timeline = await page.locator('.timeline').innerText();
    expect(timeline).toMatch(/\d+月\d+日至\d+月\d+日/);
    expect(timeline).not.toContain('—');
    await context.close();
  });
});
