/**
 * An open-loop load at a steady rate, for the benchmark's "p99 at a steady offered N/s": one
 * request every 1/N s whatever the answers, each timed from when it was due to be sent (so a
 * stalled server cannot hide its stall by slowing the sender, as a closed-loop generator does).
 * autocannon's `overallRate` is not steady: each connection sends its quota for the second back
 * to back and then waits, so a rate of 300/s arrives as bursts of 300 at the top of each second.
 *
 * `steadyLoadInChild` sends from a process of its own with every request made beforehand: a
 * pause of the sender (a garbage collection of the benchmark's large heap) would otherwise be
 * timed as the server's.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';

export interface SteadyRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SteadyFigures {
  /** Requests sent per second, as offered. */
  offeredPerSec: number;
  /** Answers per status code. */
  statusCodes: Record<string, number>;
  /** Answered with `expectStatus`, per second of the run. */
  acceptedPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  errors: number;
  /** The first few unexpected answers, status and body. */
  refusalSamples: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function steadyLoad(options: {
  origin: string;
  rate: number;
  seconds: number;
  /** Made when the request is due, so its cost is the sender's, not the server's. */
  next: () => SteadyRequest;
  expectStatus: number;
  connections?: number;
  /** Sent first at the same rate and not counted: the sender's and the server's code warm up. */
  warmUpSeconds?: number;
}): Promise<SteadyFigures> {
  const pool = new Pool(options.origin, { connections: options.connections ?? 128, pipelining: 1 });
  const warmUp = Math.round(options.rate * (options.warmUpSeconds ?? 1));
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const refusalSamples: string[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const begin = performance.now();
  const start = begin + warmUp * interval;
  for (let i = -warmUp; i < total; i++) {
    const due = start + i * interval;
    const counted = i >= 0;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const req = options.next();
    inFlight.push(
      pool
        .request({ method: req.method, path: req.path, headers: req.headers, body: req.body })
        .then(async (res) => {
          const body = await res.body.text();
          if (!counted) return;
          latencies.push(performance.now() - due);
          statusCodes[res.statusCode] = (statusCodes[res.statusCode] ?? 0) + 1;
          if (res.statusCode !== options.expectStatus && refusalSamples.length < 5) {
            refusalSamples.push(`${res.statusCode} ${body.slice(0, 300)}`);
          }
        })
        .catch(() => {
          if (counted) errors++;
        }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    offeredPerSec: total / elapsed,
    statusCodes,
    acceptedPerSec: (statusCodes[options.expectStatus] ?? 0) / options.seconds,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? 0),
    requests: total,
    errors,
    refusalSamples,
  };
}

interface ChildJob {
  origin: string;
  rate: number;
  seconds: number;
  warmUpSeconds: number;
  expectStatus: number;
  requests: SteadyRequest[];
}

/** Runs `steadyLoad` in a child process over `requests`, made beforehand (warm-up's first). */
export function steadyLoadInChild(job: ChildJob): Promise<SteadyFigures> {
  const needed = Math.round(job.rate * (job.seconds + job.warmUpSeconds));
  if (job.requests.length < needed) {
    return Promise.reject(
      new Error(`steady load: ${needed} requests needed, ${job.requests.length} made`),
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'honour-roll-steady-'));
  const file = join(dir, 'job.json');
  writeFileSync(file, JSON.stringify(job));
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [import.meta.filename, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        done(JSON.parse(out.trim().split('\n').at(-1) ?? '') as SteadyFigures);
      } catch (e) {
        reject(new Error(`the steady load failed (${String(e)}): ${out.slice(-1000)}`));
      }
    });
  });
}

if (process.argv[1] === import.meta.filename && process.argv[2]) {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ChildJob;
  let i = 0;
  const figures = await steadyLoad({ ...job, next: () => job.requests[i++]! });
  console.log(JSON.stringify(figures));
}
