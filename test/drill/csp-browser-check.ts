/**
 * `node test/drill/csp-browser-check.ts`: the built pages work under their Content Security
 * Policy in Chromium. On the production server with its default bot check (ALTCHA, self-hosted)
 * it reads a list, selects three candidates, opens the ballot sheet, lets the widget solve its
 * challenge in a worker, votes and checks the receipt, and opens a profile; on a second server
 * with Turnstile it opens the ballot sheet, with Cloudflare's script answered inside the browser
 * by a small imitation (no request leaves the machine). Any CSP violation, page error or console
 * error fails it.
 *
 * Needs a build (made if missing) and Chromium at /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DrillReport } from './drill-report.ts';
import { ensureBuild, startSite, stopAllSites } from '../helpers/site-process.ts';

/** What Cloudflare's script offers the page, imitated: a box that hands out a token. */
const turnstileImitation = `window.turnstile = {
  render(el, o) { const box = document.createElement('div'); box.dataset.turnstileImitation = '';
    box.textContent = 'Turnstile'; el.append(box); setTimeout(() => o.callback('imitation'), 50); return 'w'; },
  reset() {}, remove() {}, getResponse() { return 'imitation'; } };`;

const report = new DrillReport();
const dir = mkdtempSync(join(tmpdir(), 'honour-roll-csp-'));

/** Records CSP violations, page errors and console errors of a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) {
      problems.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

async function violationsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  // Collected from the first script on: the browser reports every blocked load or script.
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`),
    );
  });
  return context.newPage();
}

async function selfHosted(browser: Browser): Promise<void> {
  report.section('ALTCHA (the default): read, select, solve, vote, check the receipt');
  const site = await startSite({
    DATA_DIR: join(dir, 'test'),
    DATABASE_URL: `file:${join(dir, 'test', 'site.db')}`,
    SESSION_SECRET: 'csp-check-secret-csp-check-secret-0123',
  });
  const page = await newPage(browser);
  const problems = watch(page);
  const listPath = '/campaigns/2026/tracks/cadres';
  const res = await page.goto(site.baseUrl + listPath);
  const csp = (await res?.headerValue('content-security-policy')) ?? '';
  report.figure('CSP of the list page', csp);
  report.check(!csp.includes('cloudflare'), 'the self-hosted check allows nothing from Cloudflare');
  const toggles = page.locator('.card .toggle');
  for (const i of [0, 2, 4]) await toggles.nth(i).click();
  await page.locator('[data-open-sheet]').click();
  await page.locator('dialog[open]').waitFor();
  await page.locator('[data-submit]:not([disabled])').waitFor({ timeout: 30_000 });
  report.check(
    (await page.locator('altcha-widget [data-state="verified"]').count()) === 1,
    'the ALTCHA widget (our own build, its worker and WebAssembly) solved its challenge',
  );
  await page.locator('[data-submit]').click();
  await page.locator('[data-done]:not([hidden])').waitFor({ timeout: 10_000 });
  const receipt = (await page.locator('[data-receipt]').innerText()).trim();
  report.check(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(receipt), `voted: receipt ${receipt}`);
  const listViolations = await violationsOf(page);

  await page.goto(`${site.baseUrl}/campaigns/2026/candidates/1`);
  await page.locator('.profile .toggle').click();
  const profileViolations = await violationsOf(page);
  await page.goto(`${site.baseUrl}/receipt?code=${encodeURIComponent(receipt)}`);
  const receiptViolations = await violationsOf(page);
  const all = [...listViolations, ...profileViolations, ...receiptViolations, ...problems];
  report.check(
    all.length === 0,
    'no CSP violation, page error or console error',
    all.join('\n       '),
  );
  await page.context().close();
}

async function turnstile(browser: Browser): Promise<void> {
  report.section('Turnstile: open the ballot sheet with Cloudflare’s script allowed');
  const site = await startSite({
    DATA_DIR: join(dir, 'live'),
    DATABASE_URL: `file:${join(dir, 'live', 'site.db')}`,
    SESSION_SECRET: 'csp-check-secret-csp-check-secret-0123',
    TURNSTILE_SITE_KEY: 'csp-check-site-key',
    TURNSTILE_SECRET_KEY: 'csp-check-secret-key',
    // Never called: nothing is submitted in live mode.
    TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9/siteverify',
  });
  const page = await newPage(browser);
  const problems = watch(page);
  // Cloudflare's script, answered inside the browser: the request never leaves the machine,
  // but the browser applies the page's CSP to it exactly as to the real one.
  let scriptRequests = 0;
  await page.route('https://challenges.cloudflare.com/**', (route) => {
    scriptRequests++;
    return route.fulfill({ contentType: 'text/javascript', body: turnstileImitation });
  });
  const res = await page.goto(`${site.baseUrl}/campaigns/2026/tracks/cadres`);
  const csp = (await res?.headerValue('content-security-policy')) ?? '';
  report.figure('CSP of the list page', csp);
  report.check(
    csp.includes('script-src') && csp.includes('https://challenges.cloudflare.com'),
    'Turnstile is allowed from Cloudflare on the ballot page',
  );
  await page.locator('.card .toggle').first().click();
  await page.locator('[data-open-sheet]').click();
  await page.locator('dialog[open]').waitFor();
  await page.locator('[data-turnstile-imitation]').waitFor({ timeout: 10_000 });
  report.check(scriptRequests === 1, 'the sheet loaded the script from challenges.cloudflare.com');
  const all = [...(await violationsOf(page)), ...problems];
  report.check(
    all.length === 0,
    'no CSP violation, page error or console error',
    all.join('\n       '),
  );

  const home = await page.goto(site.baseUrl);
  report.check(
    !((await home?.headerValue('content-security-policy')) ?? '').includes('cloudflare'),
    'the home page with Turnstile still allows nothing from Cloudflare',
  );
  await page.context().close();
}

async function main(): Promise<number> {
  await ensureBuild();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await selfHosted(browser);
    await turnstile(browser);
  } finally {
    await browser.close();
  }
  return report.finish('CSP browser check');
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await stopAllSites();
  rmSync(dir, { recursive: true, force: true });
}
