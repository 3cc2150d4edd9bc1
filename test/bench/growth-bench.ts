/**
 * `npm run bench:growth`: do the pages and the ballot endpoint stay as fast with a million
 * ballots in the database as on the freshly seeded one?
 *
 * One run seeds a demo database (by starting the production server on an empty one), keeps a
 * copy of it as it is ("empty") and grows another copy by a million ballots with SQL
 * (grow-database.ts): 70 % in the closed 2025 campaign, whose results page counts them, 30 % in
 * the open 2026 one. A production server on each database then takes the same load, endpoint by
 * endpoint, in short runs taken in turn: empty, grown, empty, … empty. Drift and bursts of other
 * work on the machine thus fall on both databases alike, and the spread of the empty runs shows
 * how much of a difference is noise.
 *
 * - GET /campaigns/2026/tracks/cadres: the candidate list page of the open campaign;
 * - GET /campaigns/2025/results: the results page of the closed campaign;
 * - POST /api/ballots: accepted ballots, each with its own device and proof (measure-load.ts).
 *
 * Each run has 16 connections, which keep the server busy: its latency then says what a request
 * costs, queueing included. Every answer is timed (measure-load.ts); for each endpoint the
 * answers of all runs on one database are pooled, and the grown database's p50 and p99 are
 * divided by the empty one's: both ratios must be ≤ 1.2. The server's CPU time per request, read
 * from /proc, is reported beside them: unlike latency it hardly moves when other processes
 * compete for the two cores. The script exits 1 if a ratio is above 1.2 or any request failed
 * (an unexpected status, a connection error or a timeout).
 *
 * GROWTH_SECONDS sets the measured seconds per run (default 3), GROWTH_ROUNDS the runs on the
 * grown database (default 6; the empty one gets one more), GROWTH_BALLOTS the ballots to add
 * (default 1,000,000; fewer only to try the script itself).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { runMain } from '../helpers/run-main.ts';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import {
  ballotBody,
  credentialSupply,
  readCandidateIds,
  type CredentialSupply,
} from '../drill/ballot-load.ts';
import {
  root,
  startSite,
  statusOf,
  stopAllSites,
  stopSite,
  type Site,
} from '../helpers/site-process.ts';
import { ensureFreshBuild } from './fresh-build.ts';
import { growDatabase, type GrowthReport } from './grow-database.ts';
import {
  measureBallots,
  measureGet,
  newAddressCounter,
  quantile,
  type AddressCounter,
  type LoadRun,
} from './measure-load.ts';
import { cpuMsOf } from './process-usage.ts';

const maxRatio = 1.2;
const connections = 16;
const warmUpSeconds = 4;
const measuredSeconds = positiveNumber('GROWTH_SECONDS', 3);
const grownRuns = Math.round(positiveNumber('GROWTH_ROUNDS', 6));
const ballotsToAdd = Math.round(positiveNumber('GROWTH_BALLOTS', 1_000_000));
const closedCampaign = '2025';
const openCampaign = '2026';
const resultFile = join(root, 'test-results', 'bench-growth.json');
const sessionSecret = 'growth-bench-secret-growth-bench-secret-0123';

type Database = 'empty' | 'grown';

interface Endpoint {
  name: string;
  request: string;
  /** Runs the load against one server. */
  measure(server: Server, seconds: number): Promise<LoadRun>;
}

interface Server {
  database: Database;
  site: Site;
  candidateIds: number[];
  addresses: AddressCounter;
  credentials: CredentialSupply;
}

/** More accepted ballots a second than this machine has shown: enough proofs for any run. */
const ballotsPerSecondAtMost = 1500;

interface Run extends LoadRun {
  endpoint: string;
  database: Database;
  /** The n-th run of this endpoint on this database. */
  pass: number;
  /** The server's CPU time (all threads) per request answered, in ms. */
  cpuMsPerRequest: number;
}

interface Figures {
  answers: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
}

function positiveNumber(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`${variable} must be a positive number, not "${value}".`);
    process.exit(2);
  }
  return n;
}

const page = (name: string, path: string): Endpoint => ({
  name,
  request: `GET ${path}`,
  measure: (server, seconds) =>
    measureGet({ baseUrl: server.site.baseUrl, paths: [path], connections, seconds }),
});

const endpoints: Endpoint[] = [
  page('candidate list', `/campaigns/${openCampaign}/tracks/cadres`),
  page('results', `/campaigns/${closedCampaign}/results`),
  {
    name: 'ballot',
    request: 'POST /api/ballots',
    measure: async (server, seconds) => {
      await server.credentials.ensure(seconds * ballotsPerSecondAtMost);
      return measureBallots({
        baseUrl: server.site.baseUrl,
        candidateIds: server.candidateIds,
        connections,
        seconds,
        addresses: server.addresses,
        credentials: server.credentials,
      });
    },
  },
];

const siteEnv = (dir: string) => ({
  DATA_DIR: dir,
  DATABASE_URL: `file:${join(dir, 'site.db')}`,
  SESSION_SECRET: sessionSecret,
  TRUST_PROXY: 'loopback',
  // What is measured is the database's growth under the pages, not the page cache.
  PAGE_CACHE_MB: '0',
  // The largest the configuration accepts; each address sends one ballot anyway.
  BALLOT_RATE_PER_MINUTE: '999999',
});

const secondsSince = (since: number) => Math.round((performance.now() - since) / 100) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Ballots per track and status in the closed campaign: what its results page must show. */
async function closedCampaignCounts(dir: string): Promise<Map<string, number>> {
  const client = createClient({ url: `file:${join(dir, 'site.db')}` });
  try {
    const { rows } = await client.execute({
      sql: `SELECT t.slug, b.status, count(*) AS n FROM ballot b
            JOIN track t ON t.id = b.track_id JOIN campaign c ON c.id = t.campaign_id
            WHERE c.slug = ? GROUP BY t.slug, b.status`,
      args: [closedCampaign],
    });
    return new Map(rows.map((r) => [`${r.slug}/${r.status}`, Number(r.n)]));
  } finally {
    client.close();
  }
}

/** Before any load: each target answers, and the results page counts every ballot. */
async function checkServer(server: Server, dir: string): Promise<void> {
  const counts = await closedCampaignCounts(dir);
  const res = await fetch(`${server.site.baseUrl}/campaigns/${closedCampaign}/results`, {
    headers: { 'accept-language': 'zh-CN' },
  });
  const html = await res.text();
  for (const slug of ['cadres', 'units']) {
    const counted = counts.get(`${slug}/counted`) ?? 0;
    const invalidated = counts.get(`${slug}/invalidated`) ?? 0;
    const line = `有效选票 ${counted} 张；认定无效选票 ${invalidated} 张`;
    if (res.status !== 200 || !html.includes(line)) {
      throw new Error(
        `The ${server.database} database's results page (${res.status}) does not show “${line}”.`,
      );
    }
  }
  const list = await fetch(`${server.site.baseUrl}/campaigns/${openCampaign}/tracks/cadres`);
  await list.text();
  await server.credentials.ensure(1);
  const { cookie, proof } = server.credentials.next();
  const ballot = await fetch(`${server.site.baseUrl}/api/ballots`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': server.addresses.next(),
      cookie,
    },
    body: ballotBody(server.candidateIds, 2, proof),
  });
  const ballotText = await ballot.text();
  if (list.status !== 200 || ballot.status !== 201) {
    throw new Error(
      `On the ${server.database} database the list page answered ${list.status} and a ballot ` +
        `${ballot.status} ${ballotText.slice(0, 200)}`,
    );
  }
}

/** Waits until the server answers its health check, i.e. has worked off what it was given. */
async function settle(server: Server): Promise<void> {
  const status = await statusOf(`${server.site.baseUrl}/api/health`, 120_000);
  if (status !== 200) throw new Error(`The ${server.database} database's server did not settle.`);
}

async function measureRun(
  endpoint: Endpoint,
  server: Server,
  pass: number,
  seconds: number,
): Promise<Run> {
  // Requests cut off at the end of the previous run may still keep the server busy.
  await settle(server);
  const pid = server.site.child.pid!;
  const cpuBefore = cpuMsOf(pid);
  const figures = await endpoint.measure(server, seconds);
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  if (figures.ok === 0) {
    // No latency to speak of: an infinite one, so that no ratio passes.
    Object.assign(figures, { p50Ms: Infinity, p90Ms: Infinity, p99Ms: Infinity });
    figures.failed += 1;
    figures.failureSamples.push('no answer with the expected status during the run');
  }
  return {
    endpoint: endpoint.name,
    database: server.database,
    pass,
    cpuMsPerRequest: figures.ok > 0 ? cpuMs / figures.ok : Infinity,
    ...figures,
  };
}

/** Columns padded to their widest cell; the first two left-aligned, the figures right-aligned. */
function printTable(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  for (const r of cells) {
    console.log(
      r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    );
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  await ensureFreshBuild();
  const loadAverageBefore = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'honour-roll-growth-'));
  tempDirs.push(dir);
  const seedDir = join(dir, 'seed');
  const emptyDir = join(dir, 'empty');
  const grownDir = join(dir, 'grown');
  for (const d of [emptyDir, grownDir]) mkdirSync(d);

  let t = performance.now();
  console.log('Seeding the demo database (production server on an empty one)…');
  await stopSite(await startSite(siteEnv(seedDir)));
  // A consistent single file, whatever the seeding server left in its WAL.
  const seeded = join(dir, 'seeded.db');
  const seedClient = createClient({ url: `file:${join(seedDir, 'site.db')}` });
  await seedClient.execute({ sql: 'VACUUM INTO ?', args: [seeded] });
  seedClient.close();
  copyFileSync(seeded, join(emptyDir, 'site.db'));
  copyFileSync(seeded, join(grownDir, 'site.db'));
  const seedSeconds = secondsSince(t);

  t = performance.now();
  console.log(`Growing a copy by ${ballotsToAdd.toLocaleString('en')} ballots with SQL…`);
  const growth: GrowthReport = await growDatabase(`file:${join(grownDir, 'site.db')}`, {
    ballots: ballotsToAdd,
    closedShare: 0.7,
    closedCampaign,
    openCampaign,
    now: new Date(),
  });
  const growSeconds = secondsSince(t);
  const grownBytes = statSync(join(grownDir, 'site.db')).size;
  console.log(
    `  ${growth.ballotsInDatabase.toLocaleString('en')} ballots and ` +
      `${growth.picksInDatabase.toLocaleString('en')} picks in ${growSeconds} s ` +
      `(${Math.round(grownBytes / 2 ** 20)} MiB)`,
  );
  for (const tr of growth.tracks) {
    console.log(
      `  ${tr.campaign}/${tr.track}: +${tr.ballots.toLocaleString('en')} ballots` +
        (tr.invalidated ? `, ${tr.invalidated.toLocaleString('en')} of them voided` : ''),
    );
  }

  t = performance.now();
  console.log('Starting a production server on each database…');
  const servers = {} as Record<Database, Server>;
  for (const [database, d] of [
    ['empty', emptyDir],
    ['grown', grownDir],
  ] as const) {
    const site = await startSite(siteEnv(d));
    const server: Server = {
      database,
      site,
      candidateIds: await readCandidateIds(site.baseUrl),
      addresses: newAddressCounter(),
      credentials: credentialSupply(sessionSecret),
    };
    await checkServer(server, d);
    servers[database] = server;
  }

  // Both servers stay up; the one not under load is idle and costs no CPU.
  const order: Server[] = [servers.empty];
  for (let i = 0; i < grownRuns; i++) order.push(servers.grown, servers.empty);
  const runs: Run[] = [];
  for (const endpoint of endpoints) {
    const passes: Record<Database, number> = { empty: 0, grown: 0 };
    for (const server of order) {
      const pass = ++passes[server.database];
      process.stdout.write(`${endpoint.request}, ${server.database} database, run ${pass}… `);
      // V8 optimises the hot path and the sockets settle; the figures are dropped, but a
      // failure would show up in the runs that follow.
      if (pass === 1) await endpoint.measure(server, warmUpSeconds);
      const run = await measureRun(endpoint, server, pass, measuredSeconds);
      runs.push(run);
      console.log(
        `p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${Math.round(run.okPerSec)}/s, ` +
          `${run.cpuMsPerRequest.toFixed(2)} ms CPU per request`,
      );
      for (const sample of run.failureSamples.slice(0, 3)) console.log(`  failed: ${sample}`);
    }
  }
  const measureSeconds = secondsSince(t);
  for (const server of Object.values(servers)) await stopSite(server.site);
  const loadAverageAfter = loadavg()[0]!;

  const summary = endpoints.map((endpoint) => {
    // The answers of all runs on one database pooled: a p99 from thousands of answers rather
    // than the median of a few runs' p99s, each from a few hundred.
    const of = (database: Database): Figures => {
      const these = runs.filter((r) => r.endpoint === endpoint.name && r.database === database);
      const pooled = these.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
      return {
        answers: pooled.length,
        p50Ms: round2(quantile(pooled, 0.5)),
        p99Ms: round2(quantile(pooled, 0.99)),
        cpuMsPerRequest: round2(median(these.map((r) => r.cpuMsPerRequest))),
      };
    };
    const empty = of('empty');
    const grown = of('grown');
    const ratio = {
      p50: grown.p50Ms / empty.p50Ms,
      p99: grown.p99Ms / empty.p99Ms,
      cpuPerRequest: grown.cpuMsPerRequest / empty.cpuMsPerRequest,
    };
    const failed = runs
      .filter((r) => r.endpoint === endpoint.name)
      .reduce((sum, r) => sum + r.failed, 0);
    return {
      endpoint: endpoint.name,
      request: endpoint.request,
      empty,
      grown,
      ratio,
      withinTarget: ratio.p50 <= maxRatio && ratio.p99 <= maxRatio,
      failed,
    };
  });

  console.log();
  printTable(
    ['endpoint', 'database', 'p50 ms', 'p99 ms', 'ok/s', 'CPU ms/req', 'requests', 'failed'],
    runs.map((r) => [
      r.endpoint,
      `${r.database} #${r.pass}`,
      r.p50Ms,
      r.p99Ms,
      Math.round(r.okPerSec),
      r.cpuMsPerRequest.toFixed(2),
      r.requests,
      r.failed,
    ]),
  );
  console.log();
  console.log('All runs on one database pooled (CPU: median of the runs), grown/empty:');
  printTable(
    ['endpoint', '', 'p50 empty', 'grown', 'ratio', 'p99 empty', 'grown', 'ratio', 'CPU ratio', ''],
    summary.map((s) => [
      s.endpoint,
      '',
      s.empty.p50Ms,
      s.grown.p50Ms,
      s.ratio.p50.toFixed(2),
      s.empty.p99Ms,
      s.grown.p99Ms,
      s.ratio.p99.toFixed(2),
      s.ratio.cpuPerRequest.toFixed(2),
      s.withinTarget ? `≤ ${maxRatio}: yes` : `≤ ${maxRatio}: NO`,
    ]),
  );
  console.log();
  const cpus = availableParallelism();
  if (Math.max(loadAverageBefore, loadAverageAfter) > cpus) {
    console.log(
      `Note: the load average was ${loadAverageBefore.toFixed(1)} before and ` +
        `${loadAverageAfter.toFixed(1)} after on ${cpus} CPUs: other work competed for them, so ` +
        'the latencies are noisier than usual (the CPU time per request much less so).',
    );
  }

  const totalSeconds = secondsSince(started);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    cpus,
    loadAverage: { before: loadAverageBefore, after: loadAverageAfter },
    connections,
    warmUpSeconds,
    measuredSeconds,
    grownRuns,
    maxRatio,
    growth: { ...growth, databaseBytes: grownBytes },
    seconds: { seed: seedSeconds, grow: growSeconds, measure: measureSeconds, total: totalSeconds },
    summary,
    runs,
  };
  // JSON has no Infinity: a run without answers shows null. The raw latencies stay out.
  const replacer = (key: string, value: unknown) =>
    key === 'latenciesMs' ? undefined : value === Infinity ? null : value;
  writeFileSync(resultFile, `${JSON.stringify(json, replacer, 2)}\n`);
  console.log(`Results written to ${resultFile} (${totalSeconds} s in all).`);

  let exitCode = 0;
  for (const s of summary) {
    if (!s.withinTarget) {
      console.error(
        `${s.request}: grown/empty p50 ${s.ratio.p50.toFixed(2)}, p99 ${s.ratio.p99.toFixed(2)}: above ${maxRatio}.`,
      );
      exitCode = 1;
    }
    if (s.failed > 0) {
      console.error(`${s.request}: ${s.failed} request(s) failed.`);
      exitCode = 1;
    }
  }
  return exitCode;
}

const tempDirs: string[] = [];

/** Servers first, so the database files are closed when their directory goes. */
async function cleanUp(): Promise<void> {
  await stopAllSites();
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

await runMain(main, cleanUp);
