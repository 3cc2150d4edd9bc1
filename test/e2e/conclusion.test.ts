import { mkdirSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { campaign } from '#src/db/schema/index.ts';
import { localDay } from '#src/domain/clock.ts';
import {
  makeCampaign,
  makeCandidate,
  makePublishedNotice,
  makeTrack,
} from '../helpers/factories.ts';
import { launchBrowser, phoneContext, signInAs, staffApiSession } from './browser.ts';
import { addDays, noticeFields, personEntry } from './notice-fixture.ts';

const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;
let handle: DbHandle;
/** Screenshots and PDFs for a person to look at. */
const shots = process.env.E2E_SHOTS ?? '/tmp/e2e-conclusion';
mkdirSync(shots, { recursive: true });

interface Selection {
  campaignSlug: string;
  noticeSlug: string;
  named: string;
  suspended: string;
  suspendedId: number;
}

/**
 * A selection of its own (an older year, so the demo's 2026 campaign keeps the home page) whose
 * notice ran last week: two elected cadres, revision 1 published as publishNotice writes it.
 */
async function makeSelection(): Promise<Selection> {
  const db = handle.db;
  const now = new Date();
  const today = localDay(now, 'Asia/Shanghai');
  const c = await makeCampaign(db, now, {
    stage: 'publicity',
    year: 2016,
    title: '2016年度澄川市担当作为好单位、好干部评选',
    organiser: '中共澄川市委组织部',
  });
  const track = await makeTrack(db, c.id, { kind: 'individual', name: '担当作为好干部' });
  const people = [
    await makeCandidate(db, track, { status: 'elected', number: 1, name: '沈砚秋' }),
    await makeCandidate(db, track, { status: 'elected', number: 2, name: '陆知远' }),
  ];
  const noticeSlug = `${c.slug}-1`;
  await makePublishedNotice(db, {
    campaignId: c.id,
    slug: noticeSlug,
    publishedAt: new Date(now.getTime() - 12 * 86400_000),
    fields: noticeFields(baseUrl, noticeSlug, {
      serial: '澄组公〔2016〕1号',
      title: '关于2016年度澄川市担当作为好单位、好干部拟命名对象的公示',
      lead: '经市委常委会差额票决，拟命名以下2名同志为“担当作为好干部”，现予以公示。',
      periodStart: addDays(today, -11),
      periodEnd: addDays(today, -4),
      signedOn: addDays(today, -12),
    }),
    entries: people.map((p) =>
      personEntry(track, p, {
        organisation: '澄川市水务局',
        currentPost: '澄川市水务局副局长',
        summary: '',
      }),
    ),
  });
  return {
    campaignSlug: c.slug,
    noticeSlug,
    named: '沈砚秋',
    suspended: '陆知远',
    suspendedId: people[1]!.id,
  };
}

/**
 * A selection taken to its end through the staff API, as the first test does on the pages: the
 * outcome published with one suspension, the conclusion stage, the decision published.
 */
async function concludedSelection(): Promise<Selection> {
  const setup = await makeSelection();
  const { cookie, csrfToken } = await staffApiSession(baseUrl, staff.editor);
  const post = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${baseUrl}/api/staff/campaigns/${setup.campaignSlug}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: baseUrl,
        cookie,
        'x-csrf-token': csrfToken,
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  await post('/notice/outcome', { findings: '', suspended: [setup.suspendedId] });
  await post('/stage', { from: 'publicity', to: 'concluded' });
  await post('/decision');
  await post('/decision/publish');
  return setup;
}

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

/** Waits until the page cache has read the new content version, then shows the page. */
async function openFresh(page: Page, path: string, expected: string) {
  await expect
    .poll(async () => {
      await page.goto(`${baseUrl}${path}`);
      return page.locator('main').innerText();
    })
    .toContain(expected);
}

async function printedText(page: Page, name: string): Promise<string> {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(`${shots}/${name}.pdf`, pdf);
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text.normalize('NFKC').replace(/\s+/g, '');
}

describe('the end of the publicity and the naming decision', () => {
  it('staff publish the outcome with one suspension, then the decision (1280×800)', async () => {
    const setup = await makeSelection();
    const { context, page } = await signInAs(
      browser,
      baseUrl,
      staff.editor,
      `/admin/campaigns/${setup.campaignSlug}/notice`,
    );
    const outcome = page.locator('section[aria-labelledby="outcome-h"]');
    await expect.poll(() => outcome.getByTestId('reports-received').innerText()).toBe('0');
    await outcome.getByLabel(/核实情况/).fill('');
    await outcome.getByLabel(`${setup.suspended}（担当作为好干部）`).check();
    await outcome.getByRole('button', { name: '公布公示结果' }).click();
    await expect.poll(() => outcome.innerText()).toContain('现行公示结果（第 2 版）');
    expect(await outcome.innerText()).toContain(`经研究，对${setup.suspended}暂缓命名。`);
    await page.screenshot({ path: `${shots}/admin-outcome-1280.png`, fullPage: true });

    // The public notice states it, and its change is shown as the new revision's.
    const publicPage = await context.newPage();
    await openFresh(publicPage, `/notices/${setup.noticeSlug}`, '公示结果');
    const doc = await publicPage.locator('.notice-doc').innerText();
    expect(doc).toContain('公示期满，未收到反映。');
    expect(doc).toContain(`${setup.suspended}`);
    expect(doc).toContain('（暂缓命名）');
    const changes = publicPage.getByRole('region', { name: '本版与上一版相比的变化' });
    expect(await changes.innerText()).toContain('公布了公示结果');
    expect(await changes.innerText()).toContain(`暂缓命名：${setup.suspended}`);

    // The conclusion stage, now that the outcome is stated: the decision is drafted from the
    // notice and published.
    await page.goto(`${baseUrl}/admin/campaigns/${setup.campaignSlug}`);
    // The page reloads itself after the move: wait for that load, or the next navigation races it.
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: '进入“命名表彰”' }).click();
    await expect
      .poll(
        async () =>
          (
            await handle.db.query.campaign.findFirst({
              where: eq(campaign.slug, setup.campaignSlug),
            })
          )?.stage,
      )
      .toBe('concluded');
    await reloaded;
    // The reloaded page offers no further stage.
    await expect.poll(() => page.getByRole('button', { name: '进入“命名表彰”' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/campaigns/${setup.campaignSlug}/decision`);
    await page.getByRole('button', { name: '生成命名决定草稿' }).click();
    await expect.poll(() => page.locator('#serial').count()).toBe(1);
    const preview = page.locator('.notice-preview');
    expect(await preview.innerText()).toContain(setup.named);
    expect(await preview.innerText()).not.toContain(setup.suspended);
    await page.getByRole('button', { name: '发布命名决定' }).click();
    await expect.poll(() => page.locator('.tag.ok').first().innerText()).toContain('已发布第 1 版');
    await page.screenshot({ path: `${shots}/admin-decision-1280.png`, fullPage: true });
    await context.close();
  });

  it('shows the decision on a phone (390×844), linked from the notice and the campaign', async () => {
    const setup = await concludedSelection();
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await openFresh(page, `/decisions/${setup.campaignSlug}`, '的决定');
    expect(await page.locator('h1').innerText()).toBe(
      '中共澄川市委关于命名2016年度澄川市担当作为好单位、好干部的决定',
    );
    const doc = await page.locator('.decision-doc').innerText();
    expect(doc).toContain(setup.named);
    expect(doc).toContain('澄川市水务局副局长');
    expect(doc).not.toContain(setup.suspended);
    expect(doc).toContain('中共澄川市委');
    // Nothing wider than the phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/decision-390.png`, fullPage: true });
    // In English, the page's own words are English and the document stays Chinese.
    await page.goto(`${baseUrl}/decisions/${setup.campaignSlug}?lang=en`);
    expect(await page.getByRole('heading', { name: 'Data and feed' }).count()).toBe(1);
    expect(await page.locator('.decision-doc').getAttribute('lang')).toBe('zh-CN');
    // The notice links to it, and the campaign's pages show the final outcome.
    await page.goto(`${baseUrl}/notices/${setup.noticeSlug}?lang=zh-CN`);
    await page.locator('.notice-doc__decision a').click();
    await page.waitForURL(`${baseUrl}/decisions/${setup.campaignSlug}`);
    await page.goto(`${baseUrl}/campaigns/${setup.campaignSlug}?lang=zh-CN`);
    const final = await page.locator('.final-outcome').innerText();
    expect(final).toContain('命名1名同志');
    expect(final).toContain('1名（个）对象暂缓命名');
    await context.close();
  });

  it('prints the notice with its outcome and the decision on A4', async () => {
    const setup = await concludedSelection();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notices/${setup.noticeSlug}`, { waitUntil: 'load' });
    const notice = await printedText(page, 'notice');
    expect(notice).toContain('公示结果');
    expect(notice).toContain('暂缓命名');
    // The site's chrome (the report form, the data links) stays off paper.
    expect(notice).not.toContain('数据与订阅');
    await page.goto(`${baseUrl}/decisions/${setup.campaignSlug}`, { waitUntil: 'load' });
    const decision = await printedText(page, 'decision');
    expect(decision).toContain('关于命名2016年度');
    expect(decision).toContain(setup.named);
    expect(decision).not.toContain(setup.suspended);
    expect(decision).not.toContain('数据与订阅');
    expect(decision).toContain(`/decisions/${setup.campaignSlug}`);
    // The demo's 2025 decision, longer, for a person to look at.
    await page.goto(`${baseUrl}/decisions/2025`, { waitUntil: 'load' });
    expect(await printedText(page, 'decision-2025')).toContain('澄委〔2026〕3号');
    await page.goto(`${baseUrl}/notices/2025-1`, { waitUntil: 'load' });
    expect(await printedText(page, 'notice-2025')).toContain('公示期间共收到反映1件');
    await context.close();
  });
});
