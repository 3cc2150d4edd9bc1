/**
 * `npm run bench`: GET /api/health through the production server (src/server/main.ts) against a
 * bare @hono/node-server hello world (bare-hello-server.ts), both in the same run on the same
 * machine. Absolute figures change from machine to machine; the ratio between the two is what
 * says whether the production server's front keeps the hot path cheap (README, "Architecture").
 *
 * Each server runs in its own child process and the load comes from this process, so autocannon
 * never shares a thread with the server it measures (on two cores: one each). The targets are
 * measured alternately, A B A B, and the median of the rounds is reported, so a drift during the
 * run (CPU frequency, a busy neighbour) weighs on both sides alike.
 *
 * Figures are only reported here, never asserted by a test: timings on shared machines are too
 * noisy to pass or fail a build on. The script fails only when a request failed.
 *
 * BENCH_SECONDS sets the measured seconds per target and round (default 8).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, constants, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

const root = resolve(import.meta.dirname, '../..');
const healthPath = '/api/health';
const expectedBody = JSON.stringify({ status: 'ok' });
const connections = 64;
const warmUpSeconds = 2;
const measuredSeconds = parseSeconds(process.env.BENCH_SECONDS, 8);
const rounds = 2;
const startTimeoutMs = 60_000;
const stopTimeoutMs = 15_000;
const resultFile = join(root, 'test-results', 'bench-health.json');

type TargetName = 'bare' | 'production';

interface RunningServer {
  name: TargetName;
  child: ChildProcess;
  baseUrl: string;
  /** The end of what the child printed, shown when it fails to start or dies. */
  output(): string;
}

interface RunFigures {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

interface Measurement extends RunFigures {
  target: TargetName;
  round: number;
}

type Summary = Pick<RunFigures, 'reqPerSec' | 'p50Ms' | 'p99Ms'>;

const servers: RunningServer[] = [];
const tempDirs: string[] = [];

function parseSeconds(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    console.error(`BENCH_SECONDS must be a positive number of seconds, not "${value}".`);
    process.exit(2);
  }
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A port free right now. The OS could hand it out again before the child binds it; unlikely. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function runCommand(command: string, args: string[]): Promise<void> {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? done()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function ensureBuild(): Promise<void> {
  if (existsSync(join(root, 'dist/server/entry.mjs'))) return;
  console.log('No build found (dist/server/entry.mjs): running `npm run build` first.');
  await runCommand('npm', ['run', 'build']);
}

/** The status of one GET, or undefined when nothing answered. No keep-alive: nothing lingers. */
function statusOf(url: string): Promise<number | undefined> {
  return new Promise((done) => {
    const req = get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      done(res.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => done(undefined));
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function startServer(
  name: TargetName,
  script: string,
  env: Record<string, string>,
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server: RunningServer = {
    name,
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => log,
  };
  servers.push(server);

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`The ${name} server exited while starting. Its output:\n${log}`);
    }
    if ((await statusOf(server.baseUrl + healthPath)) === 200) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `The ${name} server did not answer ${healthPath} with 200 within ${startTimeoutMs / 1000} s:\n${log}`,
  );
}

function stopServer(server: RunningServer): Promise<void> {
  const { child } = server;
  if (hasExited(child)) return Promise.resolve();
  return new Promise((done) => {
    // The production server closes its database on SIGTERM; SIGKILL only if it hangs.
    const force = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(servers.map(stopServer));
    // After the children are gone, so the database files are closed.
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  })();
  return cleaning;
}

async function load(server: RunningServer, seconds: number): Promise<RunFigures> {
  const result = await autocannon({
    url: server.baseUrl + healthPath,
    connections,
    duration: seconds,
    // Both targets must give the same answer, or the comparison is meaningless.
    expectBody: expectedBody,
  });
  // Against a dead server every request fails; say why rather than print a table of zeros.
  if (hasExited(server.child)) {
    throw new Error(
      `The ${server.name} server exited during the run. Its output:\n${server.output()}`,
    );
  }
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

function failuresIn(figures: RunFigures): number {
  // Timeouts are already counted in errors.
  return figures.errors + figures.non2xx + figures.mismatches;
}

function summarise(measurements: Measurement[], target: TargetName): Summary {
  const runs = measurements.filter((m) => m.target === target);
  return {
    reqPerSec: median(runs.map((m) => m.reqPerSec)),
    p50Ms: median(runs.map((m) => m.p50Ms)),
    p99Ms: median(runs.map((m) => m.p99Ms)),
  };
}

function printTable(measurements: Measurement[], medians: Record<TargetName, Summary>): void {
  const row = (cells: (string | number)[]) =>
    cells.map((cell, i) => (i === 0 ? String(cell).padEnd(22) : String(cell).padStart(9))).join('');
  console.log();
  console.log(row(['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'failed']));
  for (const m of measurements) {
    console.log(
      row([
        `${m.target} #${m.round}`,
        Math.round(m.reqPerSec),
        m.p50Ms,
        m.p99Ms,
        m.requests,
        failuresIn(m),
      ]),
    );
  }
  for (const target of ['bare', 'production'] as const) {
    const m = medians[target];
    console.log(row([`${target} (median)`, Math.round(m.reqPerSec), m.p50Ms, m.p99Ms, '', '']));
  }
  console.log();
}

async function main(): Promise<number> {
  await ensureBuild();
  const loadAverageBefore = loadavg()[0];

  const dataDir = mkdtempSync(join(tmpdir(), 'honour-roll-bench-'));
  tempDirs.push(dataDir);
  console.log('Starting the bare hello server and the production server…');
  const bare = await startServer('bare', 'test/bench/bare-hello-server.ts', {});
  const production = await startServer('production', 'src/server/main.ts', {
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${join(dataDir, 'bench.db')}`,
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  });

  // The idle server stays up while the other is measured: an idle process costs no CPU, and
  // starting each once keeps the production server's migrations and seeding out of the run.
  const measurements: Measurement[] = [];
  let failures = 0;
  for (let round = 1; round <= rounds; round++) {
    for (const server of [bare, production]) {
      process.stdout.write(
        `Round ${round}/${rounds}, ${server.name}: ${warmUpSeconds} s warm-up, ${measuredSeconds} s measured… `,
      );
      // The warm-up lets V8 optimise the hot path and the sockets settle; its figures are
      // dropped, but a failure there still counts.
      failures += failuresIn(await load(server, warmUpSeconds));
      const figures = await load(server, measuredSeconds);
      failures += failuresIn(figures);
      measurements.push({ target: server.name, round, ...figures });
      console.log(`${Math.round(figures.reqPerSec)} req/s`);
    }
  }

  const medians: Record<TargetName, Summary> = {
    bare: summarise(measurements, 'bare'),
    production: summarise(measurements, 'production'),
  };
  const ratio = medians.production.reqPerSec / medians.bare.reqPerSec;

  printTable(measurements, medians);
  console.log(
    `health: production ${Math.round(medians.production.reqPerSec)} req/s vs bare ` +
      `${Math.round(medians.bare.reqPerSec)} req/s → ratio ${ratio.toFixed(2)}`,
  );

  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(
    resultFile,
    `${JSON.stringify(
      {
        endpoint: `GET ${healthPath}`,
        date: new Date().toISOString(),
        node: process.version,
        cpus: availableParallelism(),
        // Anything else busy on the machine skews the figures; this lets a reader tell.
        loadAverage: { before: loadAverageBefore, after: loadavg()[0] },
        connections,
        warmUpSeconds,
        measuredSeconds,
        rounds,
        ratio,
        median: medians,
        runs: measurements,
        failures,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Results written to ${resultFile}`);

  if (failures > 0) {
    console.error(
      `${failures} request(s) failed (errors, timeouts, non-2xx or unexpected bodies).`,
    );
    return 1;
  }
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers…`);
    void cleanUp().finally(() => process.exit(128 + constants.signals[signal]));
  });
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
