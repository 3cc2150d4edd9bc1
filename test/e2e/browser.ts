import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, started the way this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
    ],
  });
}

/** A phone: 390×844, touch, Chinese. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}

/** Staff work on laptops: 1280×800, Chinese. */
export function laptopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
}

/**
 * Casts a ballot from the track list `page` shows, as a citizen does: picks the first `n`
 * candidates, opens the sheet, waits for the bot check and confirms. Answers the receipt code;
 * the sheet is left open on it. For tests whose subject comes after a ballot of this device.
 */
export async function voteOnList(page: Page, n: number): Promise<string> {
  const toggles = page.locator('.card .toggle');
  for (let i = 0; i < n; i++) await toggles.nth(i).click();
  await page.locator('[data-open-sheet]').click();
  await page.locator('[data-submit]:not([disabled])').waitFor();
  await page.locator('[data-submit]').click();
  await page.locator('[data-done]:not([hidden])').waitFor();
  return (await page.locator('[data-receipt]').innerText()).trim();
}

/**
 * Opens `next` on a laptop, is sent to the login form, signs in with `account` and waits to be
 * back on `next`. Confirmation dialogs are accepted unless the test answers them itself.
 */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  account: { email: string; password: string; deviceCookie?: string },
  next = '/admin',
  options: { acceptDialogs?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await laptopContext(browser);
  await rememberDevice(context, baseUrl, account);
  const page = await context.newPage();
  if (options.acceptDialogs ?? true) page.on('dialog', (d) => void d.accept());
  await page.goto(`${baseUrl}${next}`);
  await page.waitForURL(/\/admin\/login\?next=/);
  await page.getByLabel('邮箱').fill(account.email);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  return { context, page };
}

/**
 * Gives a browser context the staff device cookie of a browser remembered after a second-factor
 * login (global-setup.ts), so an admin or monitor logs in with the password alone.
 */
export async function rememberDevice(
  context: BrowserContext,
  baseUrl: string,
  account: { deviceCookie?: string },
): Promise<void> {
  if (!account.deviceCookie) return;
  await context.addCookies([
    {
      name: 'staff_device',
      value: account.deviceCookie,
      domain: new URL(baseUrl).hostname,
      path: '/api/staff/session',
      httpOnly: true,
      sameSite: 'Strict',
    },
  ]);
}

/**
 * Logs in through the API as a script would (with the remembered device of an admin or monitor)
 * and answers the session cookie and CSRF token to send with staff requests.
 */
export async function staffApiSession(
  baseUrl: string,
  account: { email: string; password: string; deviceCookie?: string },
): Promise<{ cookie: string; csrfToken: string }> {
  const res = await fetch(`${baseUrl}/api/staff/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: baseUrl,
      ...(account.deviceCookie ? { cookie: `staff_device=${account.deviceCookie}` } : {}),
    },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (res.status !== 200) throw new Error(`staff login failed: ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('staff='))!
    .split(';')[0]!;
  return { cookie, csrfToken };
}
