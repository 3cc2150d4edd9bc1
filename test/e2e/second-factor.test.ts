import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { createStaffUser } from '#src/domain/staff/create-staff-user.ts';
import { totpCodeAt } from '#src/domain/staff/second-factor-codes.ts';
import { laptopContext, launchBrowser } from './browser.ts';

/**
 * A new monitor's first login at 1280×800: the workspace asks for a second factor before
 * anything else, the set-up shows a QR code and the recovery codes once, and later logins ask
 * for a code after the password.
 */
const baseUrl = inject('baseUrl');
let browser: Browser;
let handle: DbHandle;

beforeAll(async () => {
  browser = await launchBrowser();
  handle = await createDb({ url: inject('databaseUrl') });
  mkdirSync('/tmp/shots', { recursive: true });
});
afterAll(async () => {
  await browser.close();
  handle.close();
});

describe('two-step verification for staff', () => {
  it('a new monitor sets up an app at the first login, then logs in with its codes', async () => {
    const email = 'new.monitor@e2e.example.cn';
    const password = 'a long monitor passphrase';
    await createStaffUser(handle.db, {
      email,
      displayName: '新监测员',
      role: 'monitor',
      password,
      actorId: null,
      now: new Date(),
    });
    const context = await laptopContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/admin/campaigns/2026/monitor`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();

    // Sent to the set-up first, with where it was going kept.
    await page.waitForURL((u) => u.pathname === '/admin/second-factor');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/campaigns/2026/monitor');
    await page.getByText('监测员必须开启两步验证').waitFor();
    expect(await page.locator('.admin-nav').count()).toBe(0);
    await page.getByLabel('登录密码').fill(password);
    await page.getByRole('button', { name: '开始设置' }).click();
    await page.locator('[data-totp-qr]').waitFor();
    const secret = (await page.locator('[data-totp-secret]').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: '/tmp/shots/2fa-setup-1280.png' });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.screenshot({ path: '/tmp/shots/2fa-setup-768.png' });
    await page.setViewportSize({ width: 1280, height: 800 });

    // A wrong code is said on the page; the right one turns it on and shows the codes once.
    await page.getByLabel('应用中显示的 6 位动态码').fill('000000');
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByText('动态码不正确，两步验证没有开启').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/second-factor');
    await page.getByLabel('应用中显示的 6 位动态码').fill(totpCodeAt(secret, new Date()));
    await page.getByRole('button', { name: '完成设置' }).click();
    const codes = page.locator('[data-recovery-codes] li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    const recovery = await codes.allInnerTexts();
    await page.screenshot({ path: '/tmp/shots/2fa-recovery-1280.png' });
    await page.getByRole('link', { name: '已保存，继续' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/campaigns/2026/monitor');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/admin\/login/);

    // The next login asks for the code after the password; a used code is refused.
    await page.goto(`${baseUrl}/admin/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    const code = page.getByLabel('动态码或恢复码');
    await code.waitFor();
    await page.getByText('请输入身份验证器应用中显示的 6 位动态码').waitFor();
    expect(await code.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: '/tmp/shots/2fa-login-1280.png' });
    // The code of the next half minute (a phone a little ahead): the set-up used this one.
    await code.fill(totpCodeAt(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => u.pathname === '/admin');
    await context.close();

    // Another browser, with a recovery code, remembered for next time.
    const other = await laptopContext(browser);
    const second = await other.newPage();
    await second.goto(`${baseUrl}/admin/login`);
    await second.getByLabel('邮箱').fill(email);
    await second.getByLabel('密码').fill(password);
    await second.getByRole('button', { name: '登录' }).click();
    await second.getByLabel('动态码或恢复码').fill(recovery[0]!);
    await second.getByLabel(/30 天内不再询问/).check();
    await second.getByRole('button', { name: '登录' }).click();
    await second.waitForURL((u) => u.pathname === '/admin');
    await second.getByRole('button', { name: '退出登录' }).click();
    await second.waitForURL(/\/admin\/login/);
    await second.getByLabel('邮箱').fill(email);
    await second.getByLabel('密码').fill(password);
    await second.getByRole('button', { name: '登录' }).click();
    await second.waitForURL((u) => u.pathname === '/admin');
    await second.goto(`${baseUrl}/admin/second-factor`);
    await second.getByText('剩余可用恢复码').waitFor();
    expect(await second.locator('main').innerText()).toMatch(/剩余可用恢复码\s*9\s*个/);
    expect(await second.getByRole('button', { name: '关闭两步验证' }).count()).toBe(0);
    await second.screenshot({ path: '/tmp/shots/2fa-status-1280.png', fullPage: true });
    await other.close();
  });
});
