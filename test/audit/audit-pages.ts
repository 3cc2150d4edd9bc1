/**
 * Lighthouse audit of the citizens' main pages, run by hand (`npm run audit:pages`): it is slow
 * and its numbers move with the machine, so it is no part of `npm test` or CI.
 *
 * Builds the site if there is no build, starts the production server on a temporary database
 * with the demo data, and runs Lighthouse in its default mobile mode (phone emulation, simulated
 * slow 4G and CPU throttling) in Debian's Chromium on every public page type at the plain URL a
 * visitor opens (home, a list, a profile, the receipt check, the notice archive, a notice, the
 * results and the open-data page), three times each. Prints the four category scores of the median run and the page
 * weight, writes the median run's JSON report to test-results/, and exits 1 when a page misses
 * a target: performance ≥ 95, accessibility 100, best practices ≥ 95, SEO 100, and the issue's
 * budget of ≤ 60 KB compressed per page excluding images, of which ≤ 20 KB is our own
 * JavaScript.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type RunnerResult } from 'lighthouse';
import { ensureBuild, freePort, startSite, stopSite } from '../helpers/site-process.ts';

const targets = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 100 } as const;
type Category = keyof typeof targets;
const categories = Object.keys(targets) as Category[];
/** Everything but images, gzipped. */
const pageBudget = 60 * 1024;
/** Our own scripts, inline and external, counted before compression (the stricter reading). */
const ownScriptBudget = 20 * 1024;

/**
 * Lighthouse runs per page. Scores move from run to run, most on a small shared machine; the
 * median of three is what Lighthouse's documentation on variability recommends reporting.
 */
const runs = Math.max(1, Number(process.env.AUDIT_RUNS ?? 3) || 3);
const chromePath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = 'test-results';

interface NetworkItem {
  url: string;
  resourceType?: string;
  transferSize?: number;
  mimeType?: string;
}

interface Weight {
  /** Everything but images, gzipped. */
  compressed: number;
  /** Our own JavaScript (inline and same-origin files), as sent and gzipped. */
  ownScript: number;
  ownScriptCompressed: number;
  /** Everything the page loaded, as sent (this server leaves compression to the proxy). */
  transferred: number;
}

/**
 * The page's weight from Lighthouse's record of its requests. The production server sends
 * text uncompressed (a proxy in front compresses it), so each text response is fetched again
 * and gzipped here to measure it as a phone receives it.
 */
async function weightOf(origin: string, items: NetworkItem[]): Promise<Weight> {
  let compressed = 0;
  let ownScript = 0;
  let ownScriptCompressed = 0;
  let transferred = 0;
  for (const item of items) {
    transferred += item.transferSize ?? 0;
    if (item.resourceType === 'Image' || item.url.startsWith('data:')) continue;
    const body = Buffer.from(await (await fetch(item.url)).arrayBuffer());
    compressed += gzipSync(body, { level: 9 }).length;
    const sameOrigin = new URL(item.url).origin === origin;
    if (sameOrigin && item.resourceType === 'Script') {
      ownScript += body.length;
      ownScriptCompressed += gzipSync(body, { level: 9 }).length;
    }
    if (item.resourceType === 'Document') {
      const inline = [...body.toString('utf8').matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
        .map((m) => m[1] ?? '')
        .join('');
      ownScript += Buffer.byteLength(inline);
      ownScriptCompressed += inline === '' ? 0 : gzipSync(inline, { level: 9 }).length;
    }
  }
  return { compressed, ownScript, ownScriptCompressed, transferred };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

await ensureBuild();

const dir = mkdtempSync(join(tmpdir(), 'honour-roll-audit-'));
const port = await freePort();
const site = await startSite(
  {
    DATA_DIR: dir,
    DATABASE_URL: `file:${join(dir, 'audit.db')}`,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  },
  port,
);
const { baseUrl } = site;
let chrome: chromeLauncher.LaunchedChrome | undefined;
let failed = false;
try {
  // Each page at the plain address a visitor opens from a share link, a QR code or a search
  // result: it negotiates the language (Chromium asks for zh-CN here) and names the language
  // version it served as canonical, which is one of its hreflang alternates.
  const plain = (path: string) => `${baseUrl}${path}`;
  const listPath = '/campaigns/2026/tracks/cadres';
  const listHtml = await (await fetch(plain(listPath))).text();
  // The list's first candidate, found the way a reader finds it.
  const profilePath = /href="(\/campaigns\/2026\/candidates\/\d+)"/.exec(listHtml)?.[1];
  if (!profilePath) throw new Error('no profile link on the cadres list');
  const pages = [
    { name: 'home', url: plain('/') },
    { name: 'cadres-list', url: plain(listPath) },
    { name: 'profile', url: plain(profilePath) },
    { name: 'receipt', url: plain('/receipt') },
    { name: 'notices', url: plain('/notices') },
    { name: 'notice', url: plain('/notices/2025-1') },
    { name: 'results', url: plain('/campaigns/2025/results') },
    { name: 'open-data', url: plain('/open-data') },
  ];

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(outDir, { recursive: true });
  for (const page of pages) {
    const results: RunnerResult[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(page.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...categories],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
      results.push(result);
    }
    const performanceOf = (r: RunnerResult) => r.lhr.categories.performance?.score ?? 0;
    // The median run by performance, as Lighthouse's own advice on variability has it.
    const ranked = [...results].sort((a, b) => performanceOf(a) - performanceOf(b));
    const result = ranked[Math.floor(ranked.length / 2)]!;
    const { lhr } = result;
    const file = join(outDir, `lighthouse-${page.name}.json`);
    writeFileSync(file, typeof result.report === 'string' ? result.report : result.report[0]!);
    const items = ((lhr.audits['network-requests']?.details as { items?: NetworkItem[] })?.items ??
      []) as NetworkItem[];
    const weight = await weightOf(baseUrl, items);

    console.log(`\n${page.name}  ${page.url}`);
    for (const c of categories) {
      const score = Math.round((lhr.categories[c]?.score ?? 0) * 100);
      const ok = score >= targets[c];
      if (!ok) failed = true;
      const all =
        c === 'performance' && results.length > 1
          ? `  (runs: ${results.map((r) => Math.round(performanceOf(r) * 100)).join(', ')})`
          : '';
      console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${c.padEnd(15)} ${String(score).padStart(3)}${all}`);
      if (!ok) {
        // What cost the points: every scored audit below full marks.
        for (const ref of lhr.categories[c]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
            console.log(`         - ${audit.id}: ${audit.title} (${audit.displayValue ?? ''})`);
          }
        }
      }
    }
    const weightOk = weight.compressed <= pageBudget && weight.ownScript <= ownScriptBudget;
    if (!weightOk) failed = true;
    console.log(
      `  ${weightOk ? 'ok  ' : 'FAIL'} weight          ${kb(weight.compressed)} gzipped without images` +
        ` (budget ${kb(pageBudget)}); our JavaScript ${kb(weight.ownScript)}` +
        ` (${kb(weight.ownScriptCompressed)} gzipped, budget ${kb(ownScriptBudget)});` +
        ` ${kb(weight.transferred)} sent in all`,
    );
    for (const id of [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
    ]) {
      const audit = lhr.audits[id];
      if (audit) console.log(`       ${audit.title}: ${audit.displayValue ?? ''}`);
    }
    console.log(`       report: ${file}`);
  }
} finally {
  if (chrome) chrome.kill();
  await stopSite(site);
  rmSync(dir, { recursive: true, force: true });
}

console.log(failed ? '\nSome pages miss their targets.' : '\nEvery page meets its targets.');
process.exit(failed ? 1 : 0);
