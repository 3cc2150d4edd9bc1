import { parseFeed } from '@rowanmanning/feed-parser';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  formatNoticeDate,
  formatNoticeMonth,
  formatNoticePeriodLine,
} from '#src/domain/notices/format-notice-entry.ts';
import { createDb } from '#src/db/client.ts';
import { localDay } from '#src/domain/clock.ts';
import { launchBrowser } from './browser.ts';
import { publishTestNotice, runningPeriod } from './notice-fixture.ts';

const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;

/** The demo's published notice (db/seed), revision 1 built from the 2025 elected candidates. */
const slug = '2025-1';

interface NoticeJson {
  title: string;
  serial: string;
  periodStart: string;
  periodEnd: string;
  workingDays: number;
  reportPhone: string;
  reportAddress: string;
  reportPostcode: string;
  reportVisit: string;
  reportWeb: string;
  reportRules: string;
  signature: string;
  signedOn: string;
  revision: number;
  entries: Record<string, string | number | null>[];
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/**
 * PDF text breaks lines, may space out CJK glyphs and maps some of them to radical code points
 * (干 comes out as the Kangxi radical ⼲, which NFKC folds back; 长 as ⻓ from the radicals
 * supplement, which nothing folds; the em dash may come out as a horizontal bar). Compare NFKC-normalised text without whitespace, letting a
 * supplement radical stand for any one character.
 */
const squash = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u2012-\u2015]/g, '-');
const radical = /[\u2E80-\u2EFF]/gu;
function printedContains(printed: string, piece: string): boolean {
  const pattern = [...squash(piece)]
    .map((ch) => `(?:${ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|\u0000)`)
    .join('');
  return new RegExp(pattern, 'u').test(printed.replace(radical, '\u0000'));
}

async function noticeOf(noticeSlug: string, revision?: number): Promise<NoticeJson> {
  const res = await fetch(
    `${baseUrl}/api/notices/${noticeSlug}${revision ? `?revision=${revision}` : ''}`,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as NoticeJson;
}
const notice = (revision?: number) => noticeOf(slug, revision);

describe('the printed notice', () => {
  it('prints every photo on a desktop, though nobody scrolled to them', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notices/${slug}`, { waitUntil: 'load' });
    const photos = await page.locator('.notice-doc img').count();
    expect(photos).toBeGreaterThanOrEqual(6);
    await page.emulateMedia({ media: 'print' });
    const bytes = await page.pdf({ format: 'A4' });
    await context.close();
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { OPS } = await getResolvedPDFJS();
    let printed = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const ops = await (await pdf.getPage(n)).getOperatorList();
      printed += ops.fnArray.filter((f) => f === OPS.paintImageXObject).length;
    }
    expect(printed).toBe(photos);
  });

  it('prints to an A4 PDF holding every field of every entry, the period, channels and signature', async () => {
    const n = await notice();
    expect(n.entries.length).toBe(14); // 8 cadres and 6 units in the demo
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notices/${slug}`);
    await page.emulateMedia({ media: 'print' });
    // Nothing of the site around the document is printed.
    expect(await page.locator('.masthead').isVisible()).toBe(false);
    expect(await page.locator('footer').isVisible()).toBe(false);
    const bytes = await page.pdf({ format: 'A4' });
    await context.close();
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), {
      mergePages: true,
    });
    const printed = squash(text);

    const expected: string[] = [n.title, n.serial];
    for (const e of n.entries) {
      expected.push(String(e.name), `拟命名为“${String(e.trackName)}”`);
      if (e.kind === 'individual') {
        for (const f of [
          'sex',
          'ethnicity',
          'nativePlace',
          'politicalAffiliation',
          'degree',
          'currentPost',
          'education',
        ] as const) {
          expect(e[f], `${String(e.name)} ${f}`).toBeTruthy();
          expected.push(String(e[f]));
        }
        expected.push(
          `${formatNoticeMonth(e.birth as string)}生`,
          `${formatNoticeMonth(e.partyJoined as string)}入党`,
          `${formatNoticeMonth(e.workStarted as string)}参加工作`,
        );
      } else {
        expect(e.headName).toBeTruthy();
        expected.push(String(e.headName), String(e.headTitle));
      }
      if (e.summary) expected.push(String(e.summary));
    }
    expected.push(
      formatNoticePeriodLine(n.periodStart, n.periodEnd, n.workingDays),
      n.reportPhone,
      n.reportAddress,
      n.reportPostcode,
      n.reportVisit,
      n.reportWeb,
      n.reportRules,
      n.signature,
      formatNoticeDate(n.signedOn),
      `${baseUrl}/notices/${slug}`,
    );
    for (const piece of expected) expect(printedContains(printed, piece), piece).toBe(true);
    // The check itself is not vacuous: something never printed is not found.
    expect(printedContains(printed, '这句话不在公示里')).toBe(false);
  });
});

describe('the feed, the data and the archive', () => {
  it('serves an Atom feed that parses and carries the notice', async () => {
    const res = await fetch(`${baseUrl}/notices/feed.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const feed = parseFeed(await res.text());
    const n = await notice();
    const item = feed.items.find((i) => i.url === `${baseUrl}/notices/${slug}/revisions/1`);
    expect(item?.title).toBe(n.title);
    expect(feed.url).toBe(`${baseUrl}/notices`);
    // The notice pages point feed readers at it.
    const page = await (await fetch(`${baseUrl}/notices/${slug}`)).text();
    expect(page).toContain('type="application/atom+xml"');
  });

  it('serves the entries as CSV with the documented header row', async () => {
    const res = await fetch(`${baseUrl}/api/notices/${slug}.csv`);
    expect(res.status).toBe(200);
    const text = await res.text();
    // fetch's text() drops the BOM; the header follows it directly.
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toBe(
      'notice,revision,position,track,honour,kind,number,name,organisation,sex,ethnicity,birth,' +
        'native_place,political_affiliation,party_joined,work_started,education,degree,' +
        'current_post,head_name,head_title,summary',
    );
    expect(rows).toHaveLength(14);
  });

  it('lists the notice in the archive under its year, and links it from the results', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notices`);
    const year = page.locator('section', { has: page.getByRole('heading', { name: '2025年度' }) });
    await expect
      .poll(() => year.getByRole('link').first().getAttribute('href'))
      .toBe(`/notices/${slug}`);
    await page.goto(`${baseUrl}/campaigns/2025/results`);
    await page.getByRole('link', { name: '查看拟命名对象公示' }).click();
    await page.waitForURL(`${baseUrl}/notices/${slug}`);
    expect(await page.locator('h1').textContent()).toContain('拟命名对象的公示');
    await context.close();
  });
});

describe('a correction', () => {
  it('publishes revision 2 with a note; revision 1 stays readable and says what changed', async () => {
    // A notice of its own, so the demo's stays as the other tests read it.
    const handle = await createDb({ url: inject('databaseUrl') });
    const today = localDay(new Date(), 'Asia/Shanghai');
    const own = await publishTestNotice(
      handle.db,
      baseUrl,
      `e2e-correction-${Date.now().toString(36)}`,
      runningPeriod(today).periodStart,
      runningPeriod(today).periodEnd,
    ).finally(() => handle.close());
    const slug = own.slug;
    const notice = (revision?: number) => noticeOf(slug, revision);
    const login = await fetch(`${baseUrl}/api/staff/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify(staff.editor),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = {
      'content-type': 'application/json',
      origin: baseUrl,
      cookie,
      'x-csrf-token': csrfToken,
    };
    const before = await notice();
    const phone = '0519-12380、0519-86660000';
    const edit = await fetch(`${baseUrl}/api/staff/campaigns/${own.campaign}/notice`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ reportPhone: phone }),
    });
    expect(edit.status).toBe(200);
    // Saved but not published: the public still reads revision 1.
    expect((await notice()).reportPhone).toBe(before.reportPhone);
    const note = '增加一条举报电话。';
    const published = await fetch(`${baseUrl}/api/staff/campaigns/${own.campaign}/notice/publish`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ changeNote: note }),
    });
    expect(published.status).toBe(200);
    const revision = ((await published.json()) as { revision: number }).revision;
    expect(revision).toBe(before.revision + 1);

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    // The permalink shows the new revision and what it changed: at once or, where the page
    // cache has not yet read the new content version (every 250 ms), on a reload within a second.
    await expect
      .poll(async () => {
        await page.goto(`${baseUrl}/notices/${slug}`);
        return page.locator('.notice-doc').textContent();
      })
      .toContain(phone);
    const changes = page.getByRole('region', { name: '本版与上一版相比的变化' });
    expect(await changes.textContent()).toContain(note);
    expect(await changes.textContent()).toContain(
      `举报电话：由“${before.reportPhone}”改为“${phone}”`,
    );

    // The earlier revision is still there, as published, and says it is not current.
    await page.getByRole('link', { name: `第${before.revision}版` }).click();
    await page.waitForURL(`${baseUrl}/notices/${slug}/revisions/${before.revision}`);
    expect(await page.getByRole('note').textContent()).toContain('不是现行版本');
    expect(await page.locator('.notice-doc').textContent()).toContain(before.reportPhone);
    expect(await page.locator('.notice-doc').textContent()).not.toContain(phone);
    await context.close();

    // The feed carries the correction as an entry of its own.
    const feed = parseFeed(await (await fetch(`${baseUrl}/notices/feed.xml`)).text());
    expect(feed.items.map((i) => i.url)).toContain(
      `${baseUrl}/notices/${slug}/revisions/${revision}`,
    );
  });
});
