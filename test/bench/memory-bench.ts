/**
 * `npm run bench:memory`: does the production server stay within 250 MB of resident memory
 * under ballot load?
 *
 * The production server starts on a freshly seeded demo database (seeded beforehand by another
 * server process, as a deployment's database is, so the seeding's own memory is not counted) and
 * takes, for 30 s, accepted ballots on 64 connections (measure-load.ts) together with
 * page views on 8 more: the home page, the candidate list of the open campaign, a candidate's
 * profile and a search of the list by a term never asked before, in turn. The searches fill the
 * page cache towards its bound (PAGE_CACHE_MB, 32 MB by default), so the peak includes a full
 * cache. Every 250 ms this script reads the server's /proc/<pid>/status: VmRSS, the
 * resident set now, and VmHWM, the highest it has been, which also catches a peak between two
 * samples. VmHWM is set back as the load starts (/proc/<pid>/clear_refs), so that it holds the
 * peak under load; the start-up's own peak, loading the code, is reported apart.
 *
 * It reports the resident set at the start (server up and idle, before the load), its peak under
 * load and at the end (as the load stops, and 5 s later), and exits 1 if the peak (VmHWM, or a
 * sample if one was higher) is above 250 MB or any request failed. MB are 10^6 bytes, the
 * stricter reading of the target (250 MB is 238.4 MiB).
 *
 * MEMORY_SECONDS sets the seconds of load (default 30).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { runMain } from '../helpers/run-main.ts';
import { join } from 'node:path';
import { campaignSlug, credentialSupply, readCandidateIds } from '../drill/ballot-load.ts';
import { root, startSite, stopAllSites, stopSite } from '../helpers/site-process.ts';
import { ensureFreshBuild } from './fresh-build.ts';
import { measureBallots, measureGet, newAddressCounter } from './measure-load.ts';
import { memoryOf, resetPeakOf, type MemoryUsage } from './process-usage.ts';

const limitMB = 250;
/** More accepted ballots a second than this machine has shown: enough proofs for the load. */
const ballotsPerSecondAtMost = 1500;
const ballotConnections = 64;
const pageConnections = 8;
const loadSeconds = positiveNumber('MEMORY_SECONDS', 30);
const sampleEveryMs = 250;
/**
 * The load saturates the server on purpose, and a page, which waits on the database several
 * times, queues behind the ballots at each wait: its slowest answers have taken 8 s and more,
 * at times past autocannon's default timeout of 10 s. This measures memory, so it waits longer;
 * the latencies are reported all the same.
 */
const answerTimeoutSeconds = 30;
const settleMs = 5000;
const resultFile = join(root, 'test-results', 'bench-memory.json');

interface Sample extends MemoryUsage {
  /** Since the load began, in ms. */
  atMs: number;
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const toMB = (bytes: number) => Math.round(bytes / 1e5) / 10;
const mb = (bytes: number) => `${toMB(bytes).toFixed(1)} MB`;

async function main(): Promise<number> {
  const started = performance.now();
  await ensureFreshBuild();
  const dir = mkdtempSync(join(tmpdir(), 'honour-roll-memory-'));
  tempDirs.push(dir);
  const env = {
    DATA_DIR: dir,
    DATABASE_URL: `file:${join(dir, 'site.db')}`,
    SESSION_SECRET: 'memory-bench-secret-memory-bench-secret-0123',
    TRUST_PROXY: 'loopback',
    // The largest the configuration accepts; each address sends one ballot anyway.
    BALLOT_RATE_PER_MINUTE: '999999',
  };
  console.log('Seeding the demo database…');
  await stopSite(await startSite(env));
  const site = await startSite(env);
  const pid = site.child.pid!;

  const candidateIds = await readCandidateIds(site.baseUrl);
  // Devices and solved proofs for every ballot the load can send, made before it starts.
  console.log('Solving the bot-check proofs for the load…');
  const credentials = credentialSupply(env.SESSION_SECRET);
  await credentials.ensure(loadSeconds * ballotsPerSecondAtMost);
  const pages = [
    '/',
    `/campaigns/${campaignSlug}/tracks/cadres`,
    `/campaigns/${campaignSlug}/candidates/${candidateIds[0]}`,
    // A search no one made before, each time: a page the cache must render and keep, so the
    // load fills the page cache to its bound (PAGE_CACHE_MB) and the RSS includes it.
    `/campaigns/${campaignSlug}/tracks/cadres?q={n}`,
  ];
  for (const path of pages.map((p) => p.replace('{n}', '0'))) {
    const res = await fetch(site.baseUrl + path);
    await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}.`);
  }
  await sleep(1000);
  const atStart = memoryOf(pid);
  console.log(
    `Server ${pid} up and idle: RSS ${mb(atStart.rssBytes)} (peak so far ${mb(atStart.peakRssBytes)}).`,
  );
  console.log(
    `Load for ${loadSeconds} s: ballots on ${ballotConnections} connections, ` +
      `pages (${pages.join(', ')}) on ${pageConnections}…`,
  );

  // From here on VmHWM is the peak under load, not the one of loading the code at start-up.
  const peakReset = resetPeakOf(pid);
  const samples: Sample[] = [];
  const loadStarted = performance.now();
  const sample = () => {
    try {
      samples.push({ atMs: Math.round(performance.now() - loadStarted), ...memoryOf(pid) });
    } catch {
      // The server is gone; the load reports the failures.
    }
  };
  sample();
  const sampler = setInterval(sample, sampleEveryMs);
  const reporter = setInterval(() => {
    const last = samples.at(-1);
    if (last) console.log(`  ${Math.round(last.atMs / 1000)} s: RSS ${mb(last.rssBytes)}`);
  }, 5000);
  const [ballots, pageViews] = await Promise.all([
    measureBallots({
      baseUrl: site.baseUrl,
      candidateIds,
      connections: ballotConnections,
      seconds: loadSeconds,
      addresses: newAddressCounter(),
      credentials,
      timeoutSeconds: answerTimeoutSeconds,
    }),
    measureGet({
      baseUrl: site.baseUrl,
      paths: pages,
      connections: pageConnections,
      seconds: loadSeconds,
      timeoutSeconds: answerTimeoutSeconds,
    }),
  ]);
  clearInterval(reporter);
  sample();
  const atEnd = samples.at(-1)!;
  await sleep(settleMs);
  sample();
  clearInterval(sampler);
  const afterSettling = samples.at(-1)!;
  await stopSite(site);
  const loadAverage = loadavg()[0]!;

  const during = samples.filter((s) => s.atMs <= atEnd.atMs);
  const sampledPeak = Math.max(...during.map((s) => s.rssBytes));
  // VmHWM is the kernel's own record, but it is brought up to date lazily: a sample may be above.
  const peak = Math.max(atEnd.peakRssBytes, sampledPeak);
  const gaps = samples.slice(1).map((s, i) => s.atMs - samples[i]!.atMs);
  // A load that got no answer at all has failed, whatever its statuses say.
  for (const run of [ballots, pageViews]) {
    if (run.ok === 0) {
      run.failed += 1;
      run.failureSamples.push('no answer with the expected status during the load');
    }
  }
  const failed = ballots.failed + pageViews.failed;

  console.log();
  const peakLabel = peakReset ? 'RSS peak under load (VmHWM)' : 'RSS peak since start-up (VmHWM)';
  console.log(`RSS peak of start-up (VmHWM before the load)  ${mb(atStart.peakRssBytes)}`);
  console.log(`RSS at start (idle, before the load)          ${mb(atStart.rssBytes)}`);
  console.log(`${peakLabel.padEnd(46)}${mb(peak)}`);
  console.log(`RSS peak, sampled every ${sampleEveryMs} ms under load     ${mb(sampledPeak)}`);
  console.log(`RSS at the end of the load                    ${mb(atEnd.rssBytes)}`);
  console.log(`${`RSS ${settleMs / 1000} s later`.padEnd(46)}${mb(afterSettling.rssBytes)}`);
  for (const [what, run] of [
    ['Ballots accepted', ballots],
    ['Pages served', pageViews],
  ] as const) {
    const latency =
      run.ok > 0 ? `; p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, slowest ${run.maxMs} ms` : '';
    console.log(
      `${what}: ${run.ok} (${Math.round(run.okPerSec)}/s${latency}), failed: ${run.failed}`,
    );
  }
  console.log(
    `${samples.length} samples, at most ${Math.max(...gaps)} ms apart (every ${sampleEveryMs} ms asked).`,
  );
  const failures = [
    ...ballots.failureSamples.map((f) => `ballots: ${f}`),
    ...pageViews.failureSamples.map((f) => `pages: ${f}`),
  ];
  for (const f of failures.slice(0, 5)) console.log(`  failed: ${f}`);

  const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(
    resultFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: availableParallelism(),
        loadAverageAfter: loadAverage,
        limitMB,
        loadSeconds,
        ballotConnections,
        pageConnections,
        pages,
        rssMB: {
          start: toMB(atStart.rssBytes),
          sampledPeak: toMB(sampledPeak),
          startUpPeak: toMB(atStart.peakRssBytes),
          peak: toMB(peak),
          peakIs: peakReset ? 'under load' : 'since start-up',
          end: toMB(atEnd.rssBytes),
          afterSettling: toMB(afterSettling.rssBytes),
        },
        withinLimit: peak <= limitMB * 1e6,
        ballots,
        pageViews,
        totalSeconds,
        samples,
      },
      // Every answer's latency would drown the rest.
      (key, value: unknown) => (key === 'latenciesMs' ? undefined : value),
      2,
    )}\n`,
  );
  console.log(`Results written to ${resultFile} (${totalSeconds} s in all).`);

  let exitCode = 0;
  if (peak > limitMB * 1e6) {
    console.error(`Peak RSS ${mb(peak)} is above ${limitMB} MB.`);
    exitCode = 1;
  } else {
    console.log(`Peak RSS ${mb(peak)} ≤ ${limitMB} MB.`);
  }
  if (failed > 0) {
    console.error(`${failed} request(s) failed.`);
    exitCode = 1;
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
