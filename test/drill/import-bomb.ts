/**
 * `npm run drill:import-bomb`: does the site keep answering while an editor's import check
 * reads the worst files there are?
 *
 * The production server starts on the demo database; an editor logs in and sends, one after
 * another, to the import check (dry run): the review's spreadsheet bomb (one cell of 480 MB in
 * half a megabyte), the same bomb hiding behind a small declared size, an entry compressed a
 * thousand to one, a 2 MB CSV whose header has a quarter of a million columns, and the largest
 * plausible CSV (2 MB, 500 units with long deeds), which is read in full. While each check
 * runs, GET /api/health is sent every 10 ms, one after another. The drill reports each
 * check's answer and time, and the health requests' latency during it (median and worst), and
 * the server's resident memory before and after.
 *
 * It reports figures and checks only that every file got its expected answer and every health
 * request a 200; latency is a figure, never a pass mark. Run it once, on a quiet machine.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DrillReport, sleep } from './drill-report.ts';
import {
  largestCandidateCsv,
  wideHeaderCsv,
  xlsxBomb,
} from '../fixtures/import/make-spreadsheet-bombs.ts';
import { ensureBuild, root, startSite, stopAllSites, type Site } from '../helpers/site-process.ts';
import { runMain } from '../helpers/run-main.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const report = new DrillReport();
const dir = mkdtempSync(join(tmpdir(), 'honour-roll-drill-import-'));
const env = {
  DATA_DIR: dir,
  DATABASE_URL: `file:${join(dir, 'site.db')}`,
  SESSION_SECRET: 'import-bomb-drill-secret-0123456789abcdef',
};

/** Resident memory of a process, in MB, from /proc (Linux). */
function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : Number.NaN;
}

async function logInEditor(site: Site): Promise<Record<string, string>> {
  const account = { email: 'editor@drill.example.cn', password: 'drill-password-0123456789' };
  const add = spawnSync(
    process.execPath,
    ['db/staff-cli.ts', 'add', '--email', account.email, '--role', 'editor'],
    { cwd: root, input: `${account.password}\n`, env: { ...process.env, ...site.env } },
  );
  if (add.status !== 0) throw new Error(`staff add failed: ${add.stderr.toString()}`);
  const res = await fetch(`${site.baseUrl}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: site.baseUrl },
    body: JSON.stringify(account),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, 'x-csrf-token': csrfToken, origin: site.baseUrl };
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<number> {
  await ensureBuild();
  const site = await startSite(env);
  const headers = await logInEditor(site);
  const campaign = (await (await fetch(`${site.baseUrl}/api/campaigns/2026`)).json()) as {
    tracks: { slug: string; kind: string }[];
  };
  const unitTrack = campaign.tracks.find((t) => t.kind === 'unit')!.slug;
  const url = `${site.baseUrl}/api/staff/campaigns/2026/tracks/${unitTrack}/import?dryRun=1`;

  const cases: { name: string; body: Uint8Array; type: string; expect: [number, string] }[] = [
    {
      name: 'xlsx bomb, 480 MB in one cell',
      body: xlsxBomb(480 * 1024 * 1024),
      type: xlsxType,
      expect: [400, 'import_archive_too_large'],
    },
    {
      name: 'xlsx bomb behind a small declared size',
      body: xlsxBomb(480 * 1024 * 1024, 'small'),
      type: xlsxType,
      expect: [400, 'import_malformed'],
    },
    {
      name: 'xlsx entry compressed 1000:1 (4 MB)',
      body: xlsxBomb(4 * 1024 * 1024),
      type: xlsxType,
      expect: [400, 'import_archive_too_large'],
    },
    {
      name: 'CSV, 2 MB header of 262,000 columns',
      body: new TextEncoder().encode(wideHeaderCsv()),
      type: 'text/csv',
      expect: [400, 'import_too_many_columns'],
    },
    {
      name: 'CSV, largest plausible (2 MB, 500 units)',
      body: new TextEncoder().encode(largestCandidateCsv()),
      type: 'text/csv',
      expect: [200, ''],
    },
  ];

  report.section('Server memory');
  report.figure('resident before the imports (MB)', residentMb(site.child.pid!));
  for (const c of cases) {
    report.section(`${c.name} (${(c.body.length / 1024).toFixed(0)} KB)`);
    const latencies: number[] = [];
    let healthFailures = 0;
    let done = false;
    const started = performance.now();
    const check = fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': c.type },
      body: Uint8Array.from(c.body),
    })
      .then(async (res) => {
        const body = (await res.json()) as { error?: { reason?: string } };
        return {
          status: res.status,
          reason: body.error?.reason ?? '',
          ms: performance.now() - started,
        };
      })
      .finally(() => (done = true));
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${site.baseUrl}/api/health`);
      await res.arrayBuffer();
      if (res.status !== 200) healthFailures++;
      latencies.push(performance.now() - t);
      await sleep(10);
    }
    const outcome = await check;
    latencies.sort((a, b) => a - b);
    report.figure(
      'check answered',
      `${outcome.status} ${outcome.reason} in ${outcome.ms.toFixed(0)} ms`,
    );
    report.figure('health requests during the check', latencies.length);
    report.figure(
      'health latency p50 / p99 / max (ms)',
      `${quantile(latencies, 0.5).toFixed(1)} / ${quantile(latencies, 0.99).toFixed(1)} / ${(latencies.at(-1) ?? Number.NaN).toFixed(1)}`,
    );
    report.check(
      outcome.status === c.expect[0] && outcome.reason === c.expect[1],
      `answered ${c.expect[0]} ${c.expect[1]}`.trim(),
      `got ${outcome.status} ${outcome.reason}`,
    );
    report.check(healthFailures === 0, 'every health request answered 200');
  }
  report.section('Server memory');
  report.figure('resident after the imports (MB)', residentMb(site.child.pid!));
  return report.finish('Import bomb drill');
}

await runMain(
  main,
  async () => {
    await stopAllSites();
    rmSync(dir, { recursive: true, force: true });
  },
  { timeoutMs: 10 * 60_000 },
);
