import { mkdirSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { staffUser } from '#src/db/schema/index.ts';
import { voidBallots } from '#src/domain/integrity/void-ballots.ts';
import { makeCampaign, makeCandidate, makeCountedBallot, makeTrack } from '../helpers/factories.ts';
import { launchBrowser, phoneContext, signInAs, staffApiSession } from './browser.ts';

const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;
let handle: DbHandle;
const hour = 3600_000;

/**
 * A vote of its own that closed an hour ago, with ballots over two days and a burst the monitor
 * voided; each test makes its own (the demo's are certified already). One test certifies it on
 * the monitor page, those reading certified results take one certified through the API.
 */
async function closedVote(): Promise<string> {
  const db = handle.db;
  const now = new Date();
  // An older year, so the demo's 2026 campaign stays the one the home page leads with.
  const c = await makeCampaign(db, now, {
    year: 2016,
    title: '2016年度澄川市担当作为好干部评选（核验测试）',
    voteOpensAt: new Date(now.getTime() - 50 * hour),
    voteClosesAt: new Date(now.getTime() - hour),
  });
  const slug = c.slug;
  const people = await makeTrack(db, c.id, { slug: 'cadres', name: '担当作为好干部' });
  const names = ['沈砚秋', '陆知远', '顾清和'];
  const cands: { id: number }[] = [];
  for (const [i, name] of names.entries()) {
    cands.push(await makeCandidate(db, people, { number: i + 1, name }));
  }
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * hour);
  for (const [hoursAgo, picks] of [
    [40, [0, 1]],
    [39, [1]],
    [30, [0, 2]],
    [20, [2]],
    [10, [0, 1, 2]],
  ] as const) {
    await makeCountedBallot(db, {
      campaignId: c.id,
      trackId: people.id,
      candidateIds: picks.map((p) => cands[p]!.id),
      castAt: at(hoursAgo),
    });
  }
  for (let i = 0; i < 4; i++) {
    await makeCountedBallot(db, {
      campaignId: c.id,
      trackId: people.id,
      candidateIds: [cands[2]!.id],
      castAt: new Date(at(5).getTime() + i * 1000),
    });
  }
  const monitor = await db.query.staffUser.findFirst({
    where: eq(staffUser.email, staff.monitor.email),
  });
  const voided = await voidBallots(db, {
    campaignSlug: slug,
    filter: {
      from: new Date(at(5).getTime() - 1000).toISOString(),
      to: new Date(at(5).getTime() + 10_000).toISOString(),
    },
    reasonCategory: 'burst',
    note: 'E2E：短时集中投票',
    actorId: monitor!.id,
    now,
    dryRun: false,
  });
  expect(voided.ballots).toBe(4);
  return slug;
}

/** A closed vote as closedVote makes it, certified by the monitor through the staff API. */
async function certifiedVote(): Promise<string> {
  const slug = await closedVote();
  const { cookie, csrfToken } = await staffApiSession(baseUrl, staff.monitor);
  const res = await fetch(`${baseUrl}/api/staff/campaigns/${slug}/results/certify`, {
    method: 'POST',
    headers: { origin: baseUrl, cookie, 'x-csrf-token': csrfToken },
  });
  expect(res.status).toBe(201);
  return slug;
}

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

describe('results after the close, before certification', () => {
  it('a phone at 390×844 reads 核验中 and no count', async () => {
    const slug = await closedVote();
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/campaigns/${slug}/results`);
      expect(await page.getByRole('heading', { name: '核验中' }).isVisible()).toBe(true);
      expect(await page.locator('table.results').count()).toBe(0);
      await page.screenshot({ path: 'test-results/e2e-results-review-390.png', fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe('a monitor certifies on the monitor page at 1280×800', () => {
  it('sees the figures to be frozen, confirms, and finds voiding closed with the reason', async () => {
    const slug = await closedVote();
    const { context, page } = await signInAs(
      browser,
      baseUrl,
      staff.monitor,
      `/admin/campaigns/${slug}/monitor`,
      { acceptDialogs: false },
    );
    try {
      const panel = page.locator('.certify-panel');
      expect(
        await panel.getByText('担当作为好干部：收到 9 张，作废 4 张，计入 5 张').isVisible(),
      ).toBe(true);
      expect(await panel.getByText('作废原因：短时集中刷票 4 张').isVisible()).toBe(true);
      // Voiding is still open before certification.
      expect(await page.getByRole('button', { name: '作废符合条件的选票' }).count()).toBe(1);
      await page.screenshot({ path: 'test-results/e2e-certify-panel-1280.png' });

      // The button asks for the tick first, then for a confirmation.
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.accept();
      });
      await panel.getByRole('checkbox', { name: /确认核验发布/ }).check();
      await Promise.all([
        page.waitForEvent('load'),
        panel.getByRole('button', { name: '核验发布结果' }).click(),
      ]);
      expect(dialogs[0]).toContain('不能再作废选票');
      await expect
        .poll(() =>
          page
            .locator('.certify-panel')
            .getByText(/核验发布。票数已冻结/)
            .isVisible(),
        )
        .toBe(true);
      expect(await page.locator('.certify-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
      expect(await page.getByRole('button', { name: '作废符合条件的选票' }).count()).toBe(0);
      expect(await page.getByText('已核验发布，票数已冻结，不能再作废选票').isVisible()).toBe(true);
      await page.screenshot({
        path: 'test-results/e2e-certified-monitor-1280.png',
        fullPage: true,
      });
    } finally {
      await context.close();
    }
  });
});

describe('the certified results', () => {
  it('a phone at 390×844 reads the certificate, its hash and the review report, nothing wider than the screen', async () => {
    const slug = await certifiedVote();
    const api = await (await fetch(`${baseUrl}/api/campaigns/${slug}/results`)).json();
    expect(api.resultsStatus).toBe('certified');
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/campaigns/${slug}/results`);
      expect(await page.getByRole('heading', { name: '经核验的结果' }).isVisible()).toBe(true);
      expect(await page.locator('.certificate-hash code').textContent()).toBe(
        api.certificate.sha256,
      );
      expect(await page.getByText('收到选票 9 张，认定无效 4 张，计入 5 张。').isVisible()).toBe(
        true,
      );
      expect(await page.getByText(/短时间内集中投票 4 张/).isVisible()).toBe(true);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await page.screenshot({ path: 'test-results/e2e-results-certified-390.png', fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('prints to an A4 PDF with the hash whole, the table and the review report', async () => {
    const slug = await certifiedVote();
    const api = await (await fetch(`${baseUrl}/api/campaigns/${slug}/results`)).json();
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/campaigns/${slug}/results`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.masthead').isVisible()).toBe(false);
      const bytes = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync('test-results/e2e-results-certified.pdf', bytes);
      // What the paper looks like, at A4's width in CSS pixels.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: 'test-results/e2e-results-print-a4.png', fullPage: true });
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
        mergePages: true,
      });
      const printed = text.replace(/\s+/g, '');
      expect(printed).toContain(api.certificate.sha256);
      // Paper shows the certificate's address, and no download links.
      expect(printed).toContain(`/api/campaigns/${slug}/results/certificate.json`);
      expect(printed).not.toContain('CSV');
      for (const words of ['经核验的结果', '核验报告', '沈砚秋', '陆知远', '顾清和']) {
        expect(printed).toContain(words);
      }
    } finally {
      await context.close();
    }
  });

  it('the demo’s 2025 results at 390×844 carry the certificate and the waves voided in its review', async () => {
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/campaigns/2025/results`);
      expect(await page.getByRole('heading', { name: '经核验的结果' }).isVisible()).toBe(true);
      expect(await page.getByText(/2025年12月8日.*核验发布/).isVisible()).toBe(true);
      const report = page.locator('.integrity-report');
      for (const words of [
        '同一网段集中投票 46 张',
        '短时间内集中投票 18 张',
        '大量新设备集中投票 27 张',
      ]) {
        expect(await report.getByText(words).isVisible()).toBe(true);
      }
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await page.screenshot({ path: 'test-results/e2e-results-2025-390.png', fullPage: true });
      // The open-data page links the certificate and says how to check it.
      await page.goto(`${baseUrl}/open-data`);
      expect(
        await page.locator('a[href="/api/campaigns/2025/results/certificate.json"]').count(),
      ).toBe(1);
      expect(
        await page.locator('a[href="/api/campaigns/2026/results/certificate.json"]').count(),
      ).toBe(0);
      expect(await page.getByRole('heading', { name: '核验结果与复算' }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
