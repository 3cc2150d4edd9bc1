import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { qrSvg } from '#src/render/share-qr.ts';
import { axeViolations, describeViolations, smallTargets } from './axe-checks.ts';
import { launchBrowser, phoneContext } from './browser.ts';
import { castOverHttp } from '../helpers/bot-proof.ts';

const baseUrl = inject('baseUrl');
const languages = ['zh-CN', 'zh-TW', 'en'] as const;

let browser: Browser;
let receipt: string;
let profilePath: string;
let unitPath: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // A counted ballot, so the receipt check has a real code to show.
  const res = await fetch(`${baseUrl}/api/campaigns/2026/candidates`);
  const { candidates } = (await res.json()) as {
    candidates: { id: number; track: string }[];
  };
  const unit = candidates.find((c) => c.track === 'units');
  const cadre = candidates.find((c) => c.track === 'cadres');
  if (!unit || !cadre) throw new Error('demo data lacks a unit or a cadre');
  profilePath = `/campaigns/2026/candidates/${cadre.id}`;
  unitPath = `/campaigns/2026/candidates/${unit.id}`;
  const cast = await castOverHttp(baseUrl, {
    campaign: '2026',
    track: 'units',
    candidates: [unit.id],
  });
  expect(cast.status).toBe(201);
  receipt = ((await cast.json()) as { receipt: string }).receipt;
});
afterAll(async () => {
  await browser.close();
});

const pages = () => [
  { name: 'home', path: '/' },
  { name: 'campaign 2026', path: '/campaigns/2026' },
  { name: 'campaign 2025', path: '/campaigns/2025' },
  { name: 'cadres 2026', path: '/campaigns/2026/tracks/cadres' },
  { name: 'units 2026', path: '/campaigns/2026/tracks/units' },
  { name: 'cadres 2025', path: '/campaigns/2025/tracks/cadres' },
  { name: 'units 2025', path: '/campaigns/2025/tracks/units' },
  { name: 'filtered list', path: '/campaigns/2026/tracks/cadres?q=%E5%B1%80&sort=name' },
  { name: 'profile', path: profilePath },
  { name: 'rules', path: '/campaigns/2026/rules' },
  { name: 'results 2026 (hidden)', path: '/campaigns/2026/results' },
  { name: 'results 2025', path: '/campaigns/2025/results' },
  { name: 'receipt check', path: '/receipt' },
  { name: 'receipt counted', path: `/receipt?code=${receipt}` },
  { name: 'receipt unknown', path: '/receipt?code=AAAA-BBBB-CCCC' },
  { name: '404', path: '/no-such-page' },
  { name: 'privacy', path: '/privacy' },
  { name: 'open data', path: '/open-data' },
  { name: 'search', path: '/campaigns/2026/search?q=18' },
  { name: 'campaign poster', path: '/campaigns/2026/poster' },
  { name: 'cadre poster', path: `${profilePath}/poster` },
  { name: 'unit poster', path: `${unitPath}/poster` },
  { name: 'board 2026', path: '/campaigns/2026/board' },
  { name: 'board 2025', path: '/campaigns/2025/board' },
  { name: 'notice archive', path: '/notices' },
  { name: 'notice', path: '/notices/2025-1' },
  { name: 'notice revision', path: '/notices/2025-1/revisions/1' },
  { name: 'naming decision', path: '/decisions/2025' },
  { name: 'naming decision revision', path: '/decisions/2025/revisions/1' },
  { name: 'campaign 2025 (concluded)', path: '/campaigns/2025' },
];

describe.each(languages)(
  'every public page in %s at 390×844 passes axe (WCAG 2.2 A, AA)',
  (lang) => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await phoneContext(browser);
      page = await context.newPage();
    });
    afterAll(() => context.close());

    it('on each page type', async () => {
      const failures: string[] = [];
      for (const { name, path } of pages()) {
        const url = new URL(path, baseUrl);
        url.searchParams.set('lang', lang);
        await page.goto(url.href);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        failures.push(...describeViolations(await axeViolations(page)).map((f) => `${name}: ${f}`));
        failures.push(
          ...(await smallTargets(page)).map((f) => `${name}: target under 44 px: ${f}`),
        );
      }
      expect(failures).toEqual([]);
    });

    it('with the share QR code open on a profile', async () => {
      await page.goto(`${baseUrl}${profilePath}?lang=${lang}`);
      await page.locator('.share summary').click();
      await page.locator('.share__qr img').waitFor();
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
    });

    it('with the ballot sheet open and the bot check done', async () => {
      await page.goto(`${baseUrl}/campaigns/2026/tracks/cadres?lang=${lang}`);
      await page.locator('.card .toggle').first().click();
      // The list with a pick made: pressed toggles and the ballot bar.
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      await page.locator('[data-open-sheet]').click();
      await page.locator('dialog[open]').waitFor();
      await page.locator('[data-submit]:not([disabled])').waitFor();
      expect(describeViolations(await axeViolations(page))).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
    });
  },
);

describe('the countdown keeps quiet', () => {
  const hour = 60 * 60 * 1000;

  async function openHome(reducedMotion: 'reduce' | 'no-preference') {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      reducedMotion,
    });
    const page = await context.newPage();
    // The page's own clock, so that hours can pass in a moment; the server's is real.
    await page.clock.install();
    await page.goto(`${baseUrl}/?lang=zh-CN`);
    const countdown = page.locator('[data-countdown]');
    const attrs = await countdown.evaluate((el: HTMLElement) => ({
      closes: Date.parse(el.dataset.closes ?? ''),
      now: Date.parse(el.dataset.now ?? ''),
      live: el.getAttribute('aria-live'),
      // Any live region around it would read its changes out.
      inLiveRegion:
        el.parentElement?.closest(
          '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"], [role="timer"], [role="marquee"]',
        ) !== null,
    }));
    return { context, page, countdown, ...attrs };
  }

  /** The text for the time left, from the server's moment plus what has passed since. */
  const textAt = (closes: number, now: number, passed: number) => {
    const left = closes - now - passed;
    const totalMinutes = Math.ceil(left / 60_000);
    const days = Math.floor(totalMinutes / 1440);
    const hours = Math.floor((totalMinutes % 1440) / 60);
    return days > 0 ? `距投票截止还有 ${days} 天 ${hours} 小时` : '';
  };

  it('is written by the server, is no live region, and follows the clock minute by minute', async () => {
    const { context, page, countdown, closes, now, live, inLiveRegion } =
      await openHome('no-preference');
    try {
      expect(live).toBe('off');
      expect(inLiveRegion).toBe(false);
      const first = (await countdown.innerText()).trim();
      expect(first).toMatch(/^距投票截止还有 \d+ 天 \d+ 小时$/);
      // Close to a boundary the second may differ by a tick; either side is right.
      expect([textAt(closes, now, 0), textAt(closes, now, 5_000)]).toContain(first);
      await page.clock.runFor(5 * hour);
      const later = (await countdown.innerText()).trim();
      expect([textAt(closes, now, 5 * hour), textAt(closes, now, 5 * hour + 5_000)]).toContain(
        later,
      );
      expect(later).not.toBe(first);
    } finally {
      await context.close();
    }
  });

  it('does not change by itself when the reader asks for reduced motion', async () => {
    const { context, page, countdown } = await openHome('reduce');
    try {
      const first = await countdown.innerText();
      await page.clock.runFor(5 * hour);
      expect(await countdown.innerText()).toBe(first);
    } finally {
      await context.close();
    }
  });
});

describe('sharing a profile', () => {
  it('copies the canonical link and shows a QR code of it, whose image loads only when opened', async () => {
    const context = await phoneContext(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = await context.newPage();
    const qrRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/qr/')) qrRequests.push(r.url());
    });
    try {
      await page.goto(`${baseUrl}${profilePath}?lang=zh-TW`);
      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      expect(canonical).toBe(`${baseUrl}${profilePath}?lang=zh-TW`);
      expect(await page.getByLabel('本頁鏈接').inputValue()).toBe(canonical);

      await page.getByRole('button', { name: '複製鏈接' }).click();
      await expect
        .poll(() => page.locator('[data-share-status]').innerText())
        .toContain('鏈接已複製');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);

      // Folded away, the code costs no request.
      await page.waitForLoadState('networkidle');
      expect(qrRequests).toEqual([]);
      await page.locator('.share summary').click();
      const svg = page.locator('.share__qr svg');
      expect(await svg.getAttribute('role')).toBe('img');
      expect(await svg.getAttribute('aria-label')).toContain('二維碼');
      // The drawing is the code of the canonical link.
      const paths = (body: string) => [...body.matchAll(/\bd="([^"]+)"/g)].map((m) => m[1]);
      expect(
        await svg.evaluate((el) =>
          [...el.querySelectorAll('path')].map((p) => p.getAttribute('d')),
        ),
      ).toEqual(paths((await qrSvg(canonical!)).body));
      const image = page.locator('.share__qr img');
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
      expect(qrRequests).toHaveLength(1);
      const png = await fetch(qrRequests[0]!);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
    } finally {
      await context.close();
    }
  });

  it('leaves the link selected to copy by hand where copying is refused', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined });
      document.execCommand = () => false;
    });
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}${profilePath}?lang=en`);
      await page.getByRole('button', { name: 'Copy link' }).click();
      await expect
        .poll(() => page.locator('[data-share-status]').innerText())
        .toContain('Could not copy automatically');
      const field = page.getByLabel('Link to this page');
      expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(
        await field.evaluate(
          (el: HTMLInputElement) => el.selectionEnd! - el.selectionStart! === el.value.length,
        ),
      ).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('serves QR images only for public candidates', async () => {
    expect((await fetch(`${baseUrl}${profilePath}/qr/en.png`)).status).toBe(200);
    expect((await fetch(`${baseUrl}${profilePath}/qr/fr.png`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/campaigns/1999/candidates/1/qr/en.png`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/campaigns/2026/candidates/999999/qr/en.png`)).status).toBe(404);
  });
});
