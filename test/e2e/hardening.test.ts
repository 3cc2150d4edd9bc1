import { request as httpRequest } from 'node:http';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { loginAttempt } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import {
  makeCampaign,
  makeCandidate,
  makePublishedNotice,
  makeTrack,
} from '../helpers/factories.ts';
import { makeStaffUser } from '../helpers/staff.ts';
import { launchBrowser, rememberDevice, staffApiSession } from './browser.ts';

/** What the outside review found, checked on the production server as users reach it. */
const baseUrl = inject('baseUrl');
const staff = inject('staff');
let browser: Browser;
let handle: DbHandle;

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

async function session(role: StaffRole) {
  return staffApiSession(baseUrl, staff[role]);
}

/** A raw request: fetch() refuses to send TRACE. */
function raw(method: string, path: string): Promise<number> {
  const url = new URL(baseUrl);
  return new Promise((done, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, agent: false },
      (res) => {
        res.resume();
        done(res.statusCode!);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('requests no page can serve', () => {
  it('answers TRACE with 405 and bad percent-encoding with 400', async () => {
    expect(await raw('TRACE', '/')).toBe(405);
    expect(await raw('TRACE', '/campaigns/2026')).toBe(405);
    expect(await raw('GET', '/campaigns/%C3%28')).toBe(400);
  });

  it('has no /_image endpoint', async () => {
    const res = await fetch(`${baseUrl}/_image?href=/og-card.png&w=1200&h=630&f=avif&q=100`);
    expect(res.status).toBe(404);
  });

  it('answers an admin candidate id of 400 digits with 404, not 500', async () => {
    const { cookie } = await session('admin');
    const res = await fetch(`${baseUrl}/admin/candidates/${'9'.repeat(400)}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(404);
  });

  it('leads a logged-in login with a next= of line breaks or other scripts to /admin', async () => {
    const { cookie } = await session('admin');
    for (const next of ['/admin%0D%0ASet-Cookie:%20x=y', '/admin/%E5%80%99%E9%80%89']) {
      const res = await fetch(`${baseUrl}/admin/login?next=${next}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      expect(res.status, next).toBe(303);
      expect(new URL(res.headers.get('location')!, baseUrl).pathname).toBe('/admin');
    }
  });
});

describe('every HTML page says it is UTF-8', () => {
  it('in its Content-Type header', async () => {
    for (const path of ['/', '/campaigns/2026', '/notices', '/admin/login', '/no-such-page']) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
    }
  });
});

describe('staff previews', () => {
  it('are for the roles that read campaigns, not for the supervisor', async () => {
    const page = `${baseUrl}/campaigns/2026?preview=1`;
    const editor = await fetch(page, { headers: { cookie: (await session('editor')).cookie } });
    expect(editor.headers.get('cache-control')).toBe('no-store');
    const supervisor = await fetch(page, {
      headers: { cookie: (await session('supervisor')).cookie },
    });
    expect(supervisor.status).toBe(200);
    expect(supervisor.headers.get('cache-control')).not.toBe('no-store');
  });
});

describe('a correction of the Traditional conversion', () => {
  it('reaches the rendered zh-TW page at once', async () => {
    const list = (await (await fetch(`${baseUrl}/api/campaigns/2026/candidates`)).json()) as {
      candidates: { id: number; name: string }[];
    };
    const person = list.candidates.find((c) => c.name === '顾明澜')!;
    const pagePath = `${baseUrl}/campaigns/2026/candidates/${person.id}?lang=zh-TW`;
    expect(await (await fetch(pagePath)).text()).toContain('顧明瀾');

    const { cookie, csrfToken } = await session('editor');
    const headers = { cookie, 'x-csrf-token': csrfToken, origin: baseUrl };
    const added = await fetch(`${baseUrl}/api/staff/conversion-terms`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ simplified: '顾明澜', traditional: '顧明澜', note: 'e2e' }),
    });
    expect(added.status).toBe(200);
    const { id } = ((await added.json()) as { term: { id: number } }).term;
    try {
      const html = await (await fetch(pagePath)).text();
      expect(html).toContain('顧明澜');
      expect(html).not.toContain('顧明瀾');
    } finally {
      await fetch(`${baseUrl}/api/staff/conversion-terms/${id}`, { method: 'DELETE', headers });
    }
    expect(await (await fetch(pagePath)).text()).toContain('顧明瀾');
  });
});

describe('the Atom feed', () => {
  it('stays valid XML when a stored notice title has control characters', async () => {
    const db = handle.db;
    const now = new Date();
    const campaign = await makeCampaign(db, now, { stage: 'concluded', year: 2016 });
    const track = await makeTrack(db, campaign.id);
    await makeCandidate(db, track, { status: 'elected' });
    // Written as an older version or another writer could have, past the input's checks.
    const fields = {
      serial: '澄组公〔2016〕1号',
      title: '关于\u0001拟命名\u0008对象的公示',
      lead: '现予以公示。\u000b',
      periodStart: '2016-03-01',
      periodEnd: '2016-03-07',
      reportPhone: '0519-12380',
      reportAddress: '澄川市',
      reportPostcode: '213399',
      reportVisit: '工作日',
      reportWeb: baseUrl,
      reportRules: '实事求是。',
      signature: '中共澄川市委组织部',
      signedOn: '2016-03-01',
    };
    const row = await makePublishedNotice(db, {
      campaignId: campaign.id,
      slug: `e2e-feed-${Date.now().toString(36)}`,
      fields,
      entries: [],
      publishedAt: now,
    });

    const feed = parseFeed(await (await fetch(`${baseUrl}/notices/feed.xml`)).text());
    const entry = feed.items.find((i) => i.url?.includes(row.slug));
    expect(entry?.title).toContain('关于拟命名对象的公示');
  });
});

describe('staff login after repeated failures', () => {
  it('asks the browser for a bot-check proof, solves it and logs in', async () => {
    const user = await makeStaffUser(handle.db, { role: 'auditor' });
    // Five failures from other networks: the account now asks new addresses for a proof.
    const at = new Date();
    await handle.db.insert(loginAttempt).values(
      [1, 2, 3, 4, 5].map((i) => ({
        at,
        email: user.email,
        addressHash: `elsewhere-${i}`,
        succeeded: false,
      })),
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('邮箱').fill(user.email);
    await page.getByLabel('密码').fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect
      .poll(() => page.locator('[data-bot-slot]').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.waitForURL((url) => url.pathname === '/admin', { timeout: 60_000 });
    await context.close();
  });

  it('goes to its next= path as written, never filled in from the login’s answer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await rememberDevice(context, baseUrl, staff.monitor);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/login?next=${encodeURIComponent('/admin?t={csrfToken}')}`);
    await page.getByLabel('邮箱').fill(staff.monitor.email);
    await page.getByLabel('密码').fill(staff.monitor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/admin');
    const token = await page.locator('meta[name="csrf-token"]').getAttribute('content');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(page.url()).not.toContain(token!);
    expect(decodeURIComponent(page.url())).toContain('{csrfToken}');
    await context.close();
  });
});
