/**
 * The production server as a child process, for the drills: `node src/server/main.ts` on a free
 * port of 127.0.0.1, over a database in a temporary directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { localPathOf } from '#src/db/client.ts';

export const root = resolve(import.meta.dirname, '../..');
const startTimeoutMs = 60_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Site {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  env: Record<string, string>;
  /** Resolves when the process has exited. */
  exited: Promise<Exit>;
  /** The end of what the process printed. */
  output(): string;
}

/** A port free right now; the OS could hand it out again before the child binds it. Unlikely. */
export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs a command from the project root, its output shown; rejects unless it exits 0. */
function runInherited(command: string, args: string[]): Promise<void> {
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

export async function ensureBuild(): Promise<void> {
  if (existsSync(join(root, 'dist/server/entry.mjs'))) return;
  console.log('No build found (dist/server/entry.mjs): running `npm run build` first.');
  await runInherited('npm', ['run', 'build']);
}

/** Runs a Node script of the project with extra environment; resolves with its exit and output. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<Exit & { output: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output });
    });
  });
}

/** The status of one GET, or undefined when nothing answered. No keep-alive: nothing lingers. */
export function statusOf(url: string, timeoutMs = 1000): Promise<number | undefined> {
  return new Promise((done) => {
    const req = get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      done(res.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => done(undefined));
  });
}

const running = new Set<Site>();

/**
 * The V8 flags of `npm start` and `npm run serve` (package.json), which a unit test holds equal:
 * a smaller young generation, and an old generation that grows by a fifth over what survived a
 * collection rather than by V8's own, much larger factor. Both keep RSS within budget under load.
 */
export const serverNodeFlags = ['--max-semi-space-size=8', '--heap-growing-percent=20'];

/**
 * Loads the fictional demo into the database `env` names, as an operator would with
 * `npm run db:seed`: a configured database never gets it on its own.
 */
export async function seedDemoData(env: Record<string, string>): Promise<void> {
  const run = await runScript('db/seed/run-seed.ts', [], env);
  if (run.code !== 0) throw new Error(`db:seed failed:\n${run.output}`);
}

/**
 * Starts the production server and waits until GET /api/health answers 200. A database file
 * that does not exist yet gets the demo data first (`demo: false` starts it empty); an existing
 * one is served as it is, so a restart or a restored copy is not seeded again.
 */
export async function startSite(
  env: Record<string, string>,
  port?: number,
  options: { demo?: boolean } = {},
): Promise<Site> {
  const path = env.DATABASE_URL ? localPathOf(env.DATABASE_URL) : null;
  if ((options.demo ?? true) && path !== null && !existsSync(path)) await seedDemoData(env);
  const chosen = port ?? (await freePort());
  const fullEnv = { ...env, HOST: '127.0.0.1', PORT: String(chosen) };
  const child = spawn(process.execPath, [...serverNodeFlags, 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, ...fullEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<Exit>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const site: Site = {
    child,
    port: chosen,
    baseUrl: `http://127.0.0.1:${chosen}`,
    env: fullEnv,
    exited,
    output: () => log,
  };
  running.add(site);
  void exited.then(() => running.delete(site));

  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`The server exited while starting:\n${log}`);
    if ((await statusOf(`${site.baseUrl}/api/health`)) === 200) return site;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `The server did not answer /api/health within ${startTimeoutMs / 1000} s:\n${log}`,
  );
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL if it has not exited after `timeoutMs`. Resolves with how it exited. */
export async function stopSite(site: Site, timeoutMs = 15_000): Promise<Exit> {
  if (hasExited(site.child)) return site.exited;
  const force = setTimeout(() => site.child.kill('SIGKILL'), timeoutMs);
  site.child.kill('SIGTERM');
  const exit = await site.exited;
  clearTimeout(force);
  return exit;
}

/** Stops every server a drill started and has not stopped; for `finally` and signals. */
export async function stopAllSites(): Promise<void> {
  await Promise.all([...running].map((site) => stopSite(site)));
}
