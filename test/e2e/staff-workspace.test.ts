import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.ts';
import type { StaffRole } from '../../src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { launchBrowser } from './browser.ts';

/**
 * The traps staff fell into on a whole selection at 1280×800 (issue 15), each walked through in
 * the browser as staff would.
 */
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

async function laptop(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  return { context, page: await context.newPage() };
}

/** Signs in through the login form; confirmation dialogs are accepted. */
async function signIn(role: StaffRole, next = '/admin') {
  const { context, page } = await laptop();
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${baseUrl}${next}`);
  await page.waitForURL(/\/admin\/login\?next=/);
  await page.getByLabel('邮箱').fill(staff[role].email);
  await page.getByLabel('密码').fill(staff[role].password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  return { context, page };
}

describe('1. a new notice takes reports on its own page', () => {
  it('drafts the web channel as its own page and blocks publishing with another notice’s address', async () => {
    const c = await makeCampaign(handle.db, new Date(), {
      stage: 'publicity',
      year: 2026,
      slug: 'e2e-notice-web',
    });
    const t = await makeTrack(handle.db, c.id, { kind: 'individual', name: '好干部' });
    await makeCandidate(handle.db, t, { status: 'elected', name: '韦承远' });
    const { context, page } = await signIn('editor', `/admin/campaigns/${c.slug}/notice`);
    await page.getByRole('button', { name: '生成公示草稿' }).click();
    await page.waitForSelector('#reportWeb');
    const own = `${baseUrl}/notices/${c.slug}-1`;
    expect(await page.locator('#reportWeb').inputValue()).toBe(own);

    // Last year's address pasted back in: the page says why publishing is blocked.
    await page.locator('#reportWeb').fill(`${baseUrl}/notices/2025-1`);
    await page.locator('#reportWeb').press('Enter');
    await page.waitForLoadState('load');
    await page.getByText('不是本公示的页面').first().waitFor();
    expect(await page.getByText('发布条件已满足').count()).toBe(0);
    await page.screenshot({ path: '/tmp/shots/d1-notice.png', fullPage: false });
    await context.close();
  });
});
