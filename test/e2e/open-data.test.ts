import type { Browser, Page } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { launchBrowser } from './browser.ts';

const baseUrl = inject('baseUrl');
const hiddenColumns = 'track,track_name,number,name,organisation,status';
const publicColumns = `${hiddenColumns},votes,rank,track_ballots_counted,track_ballots_invalidated`;

let browser: Browser;
let handle: DbHandle;
let cadreId: number;
let unitId: number;

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
  const res = await fetch(`${baseUrl}/api/campaigns/2026/candidates`);
  const { candidates } = (await res.json()) as { candidates: { id: number; track: string }[] };
  cadreId = candidates.find((c) => c.track === 'cadres')!.id;
  unitId = candidates.find((c) => c.track === 'units')!.id;
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

async function csvLines(path: string): Promise<string[]> {
  const res = await fetch(`${baseUrl}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes).split('\r\n');
}

describe('results as open data on the running site', () => {
  it('the 2026 CSV has the six documented columns and no count while counts are hidden', async () => {
    const lines = await csvLines('/api/campaigns/2026/results.csv');
    expect(lines[0]).toBe(hiddenColumns);
    expect(lines.length).toBeGreaterThan(40);
    // Ballot numbers rise within each track: the order tells nothing about votes.
    const cadres = lines
      .filter((l) => l.startsWith('"cadres"'))
      .map((l) => Number(l.split('","')[2]));
    expect(cadres).toEqual([...cadres].sort((a, b) => a - b));
  });

  it('the closed and certified 2025 CSV adds the four count columns, the certificate’s two and its channels’ five', async () => {
    const lines = await csvLines('/api/campaigns/2025/results.csv');
    expect(lines[0]).toBe(
      `${publicColumns},votes_voided,certificate_sha256,votes_online,votes_paper,votes_onsite,votes_all_channels,score`,
    );
    expect(lines[1]!.split(',')).toHaveLength(17);
  });

  it('the OpenAPI document lists both', async () => {
    const doc = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(doc.paths).toHaveProperty(['/api/campaigns/{slug}/results']);
    expect(doc.paths).toHaveProperty(['/api/campaigns/{slug}/results.csv']);
  });
});

async function pdfPages(page: Page): Promise<number> {
  const bytes = await page.pdf({ format: 'A4' });
  return (await getDocumentProxy(new Uint8Array(bytes))).numPages;
}

describe('posters', () => {
  for (const [label, path] of [
    ['the campaign', () => '/campaigns/2026/poster'],
    ['a cadre', () => `/campaigns/2026/candidates/${cadreId}/poster`],
    ['a unit', () => `/campaigns/2026/candidates/${unitId}/poster`],
  ] as const) {
    it(`${label}: a QR code to an absolute URL, and one A4 page in print`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const res = await page.goto(`${baseUrl}${path()}?lang=zh-CN`, { waitUntil: 'networkidle' });
      expect(res?.status()).toBe(200);
      const qr = page.locator('svg.poster__qr');
      await expect.poll(() => qr.isVisible()).toBe(true);
      expect(await qr.getAttribute('aria-label')).toMatch(/^二维码：/);
      expect(await page.locator('.poster__url').textContent()).toContain(
        `${baseUrl}/campaigns/2026`,
      );
      await expect
        .poll(() => page.getByRole('button', { name: '打印海报' }).isVisible())
        .toBe(true);
      expect(await pdfPages(page)).toBe(1);
      await page.close();
    });
  }

  it('404 for an unknown campaign, an unknown candidate, or one that is not public', async () => {
    // A campaign of its own, an old year, so the demo's lists stay as other tests expect them.
    const c = await makeCampaign(handle.db, new Date(), { slug: 'e2e-open-data', year: 2018 });
    const t = await makeTrack(handle.db, c.id);
    const nominated = await makeCandidate(handle.db, t, { status: 'nominated' });
    const shortlisted = await makeCandidate(handle.db, t);
    expect(
      (await fetch(`${baseUrl}/campaigns/${c.slug}/candidates/${shortlisted.id}/poster`)).status,
    ).toBe(200);
    for (const path of [
      '/campaigns/no-such-campaign/poster',
      '/campaigns/2026/candidates/999999/poster',
      `/campaigns/${c.slug}/candidates/${nominated.id}/poster`,
      // A candidate of another campaign is not this campaign's.
      `/campaigns/2026/candidates/${shortlisted.id}/poster`,
      '/campaigns/no-such-campaign/board',
    ]) {
      expect((await fetch(`${baseUrl}${path}`)).status, path).toBe(404);
    }
  });
});

describe('the lobby board', () => {
  async function visibleName(page: Page) {
    return page.locator('[data-slide]:not([hidden]) .slide__name').textContent();
  }

  it('cycles on its own every ?interval= seconds, and shows no count while counts are hidden', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${baseUrl}/campaigns/2026/board?interval=2&lang=zh-CN`);
    expect(await page.locator('[data-slide]').count()).toBeGreaterThan(20);
    expect(await page.locator('[data-slide]:not([hidden])').count()).toBe(1);
    const first = await visibleName(page);
    await expect.poll(() => visibleName(page), { timeout: 5000 }).not.toBe(first);
    expect(await page.locator('[data-board-progress]').textContent()).toMatch(/^2 \/ \d+$/);
    // Not on screen, not in any slide waiting its turn, not in the page source.
    expect(await page.locator('.slide__votes').count()).toBe(0);
    expect(await page.content()).not.toMatch(/得票|票数|"votes"/);
    expect(await page.locator('svg.board__qr').isVisible()).toBe(true);
    await page.close();
  });

  it('keeps cycling what it has when the network is gone and its refresh fails', async () => {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${baseUrl}/campaigns/2026/board?interval=2&lang=zh-CN`);
    const count = await page.locator('[data-slide]').count();
    await context.setOffline(true);
    // Past the ten-minute refresh: its fetch fails, and the slides stay.
    await page.clock.runFor('10:02');
    await page.waitForTimeout(500);
    expect(await page.locator('[data-slide]').count()).toBe(count);
    const before = await visibleName(page);
    await page.clock.runFor(2000);
    expect(await visibleName(page)).not.toBe(before);
    await context.setOffline(false);
    await context.close();
  });

  it('shows counts where they are public (2025, closed), and switches without animation for reduced motion', async () => {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/campaigns/2025/board?lang=zh-CN`);
    expect(await page.locator('[data-slide]:not([hidden]) .slide__votes').textContent()).toMatch(
      /得票\s*\d+/,
    );
    const animation = await page
      .locator('[data-slide]:not([hidden])')
      .evaluate((el) => getComputedStyle(el).animationName);
    expect(animation).toBe('none');
    await context.close();
  });
});
