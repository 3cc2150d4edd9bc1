/**
 * `npm run bench:bot-check`: how long a phone takes to pass the self-hosted bot check (ALTCHA),
 * to choose ALTCHA_STEPS and ALTCHA_MEMORY_KIB (README, "The bot check").
 *
 * Starts the production server on a fresh demo database with the configured ALTCHA cost (the
 * environment's ALTCHA_STEPS and ALTCHA_MEMORY_KIB, else the defaults), then in Debian's
 * Chromium at 390×844 opens the units list and times from the first pick (which loads the
 * widget and starts the check) and an immediate tap on 核对并投票 to the moment 确认投票 is
 * enabled, five times per CPU setting, each in a fresh browser context:
 *
 * - CDP: `Emulation.setCPUThrottlingRate` 4× and 6×, as DevTools throttles. It slows only the
 *   page's main thread; the proof is solved in Web Workers, which it leaves at full speed.
 * - whole renderer: the renderer process (main thread and workers) is stopped and resumed on a
 *   100 ms duty cycle (SIGSTOP/SIGCONT) so that it runs 1/4 or 1/6 of the time, as a CPU that
 *   many times slower would. This is the figure that approximates a cheap phone.
 *
 * Reports the medians of the widget's own solve time (from its payload) and of the wall time.
 * Figures only; nothing is asserted. Linux only (signals).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession } from 'playwright-core';
import { defaultAltchaMemoryKib, defaultAltchaSteps } from '#src/server/config.ts';
import { launchBrowser, phoneContext } from '../e2e/browser.ts';
import { runMain } from '../helpers/run-main.ts';
import { ensureBuild, freePort, startSite, stopSite, type Site } from '../helpers/site-process.ts';

const runsPerSetting = 5;
const dutyCycleMs = 100;
const settings: { label: string; cdp: number; whole: number }[] = [
  { label: 'unthrottled', cdp: 1, whole: 1 },
  { label: 'CDP 4×', cdp: 4, whole: 1 },
  { label: 'CDP 6×', cdp: 6, whole: 1 },
  { label: 'whole renderer 4×', cdp: 1, whole: 4 },
  { label: 'whole renderer 6×', cdp: 1, whole: 6 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The renderer processes' ids, from the browser's own process list. */
async function rendererPids(browserSession: CDPSession): Promise<number[]> {
  const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

/** Runs `pids` 1/`factor` of every duty cycle until the returned stop function is called. */
function slowDown(pids: number[], factor: number): () => void {
  if (factor <= 1) return () => undefined;
  const signal = (s: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, s);
      } catch {
        // The process ended: nothing to slow down.
      }
    }
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const cycle = () => {
    if (stopped) return;
    signal('SIGCONT');
    timer = setTimeout(() => {
      if (stopped) return;
      signal('SIGSTOP');
      timer = setTimeout(cycle, dutyCycleMs - dutyCycleMs / factor);
    }, dutyCycleMs / factor);
  };
  cycle();
  return () => {
    stopped = true;
    clearTimeout(timer);
    signal('SIGCONT');
  };
}

interface Run {
  solveMs: number;
  wallMs: number;
}

async function measureOnce(
  browser: Browser,
  site: Site,
  setting: (typeof settings)[number],
): Promise<Run> {
  const context = await phoneContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/campaigns/2026/tracks/units`, { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      document.addEventListener(
        'verified',
        (e) => {
          const { payload } = (e as CustomEvent<{ payload: string }>).detail;
          (window as unknown as { solveMs: number }).solveMs = (
            JSON.parse(atob(payload)) as { solution: { time?: number } }
          ).solution.time!;
        },
        { capture: true },
      );
    });
    const session = await context.newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate: setting.cdp });
    const browserSession = await browser.newBrowserCDPSession();
    const pids = await rendererPids(browserSession);
    const started = performance.now();
    const resume = slowDown(pids, setting.whole);
    try {
      // The worst case: the first pick (which loads the widget and starts the check), then at
      // once 核对并投票, with no time spent reading the sheet.
      await page.locator('.card .toggle').first().click();
      await page.getByRole('button', { name: '核对并投票' }).click();
      await page.locator('[data-submit]:not([disabled])').waitFor({ timeout: 120_000 });
    } finally {
      resume();
    }
    const wallMs = performance.now() - started;
    const solveMs = await page.evaluate(() => (window as unknown as { solveMs: number }).solveMs);
    return { solveMs, wallMs };
  } finally {
    await context.close();
  }
}

async function main(): Promise<number> {
  await ensureBuild();
  const steps = process.env.ALTCHA_STEPS || String(defaultAltchaSteps);
  const memoryKib = process.env.ALTCHA_MEMORY_KIB || String(defaultAltchaMemoryKib);
  const dir = mkdtempSync(join(tmpdir(), 'honour-roll-calibration-'));
  const port = await freePort();
  // A secure context is needed for the widget's crypto: localhost is one.
  const site = await startSite(
    {
      DATA_DIR: dir,
      DATABASE_URL: `file:${join(dir, 'calibration.db')}`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      BOT_CHECK: 'altcha',
      ALTCHA_STEPS: steps,
      ALTCHA_MEMORY_KIB: memoryKib,
    },
    port,
  );
  const browser = await launchBrowser();
  const rows: string[] = [];
  try {
    console.log(
      `ALTCHA_STEPS=${steps} ALTCHA_MEMORY_KIB=${memoryKib}; ${runsPerSetting} runs per setting`,
    );
    for (const setting of settings) {
      const runs: Run[] = [];
      for (let i = 0; i < runsPerSetting; i++) runs.push(await measureOnce(browser, site, setting));
      const solve = median(runs.map((r) => r.solveMs));
      const wall = median(runs.map((r) => r.wallMs));
      const row = `| ${setting.label} | ${(solve / 1000).toFixed(2)} s | ${(wall / 1000).toFixed(2)} s |`;
      rows.push(row);
      console.log(
        `${row}   (solve ${runs.map((r) => Math.round(r.solveMs)).join(', ')} ms; wall ${runs.map((r) => Math.round(r.wallMs)).join(', ')} ms)`,
      );
    }
  } finally {
    await browser.close();
    await stopSite(site);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n| CPU | solve (the widget’s own figure) | first pick → 确认投票 enabled |');
  console.log('| --- | --- | --- |');
  for (const row of rows) console.log(row);
  return 0;
}

await runMain(main, async () => undefined);
