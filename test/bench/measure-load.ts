/**
 * Timed load for the growth and memory benchmarks, with autocannon in this process (the server
 * runs in its own): GETs of pages, and accepted ballots. A ballot is the drills' ballot
 * (test/drill/ballot-load.ts): a device of its own and a solved proof, both made beforehand
 * (`credentialSupply`) with the site's secret, an address of its own from 198.18.0.0/15 in
 * X-Forwarded-For (the server must trust loopback proxies; no traffic goes there) and 1–3
 * candidates of the open campaign's cadres track.
 */
import autocannon from 'autocannon';
import { ballotBody, benchAddress, type CredentialSupply } from '../drill/ballot-load.ts';

export interface LoadFigures {
  /** Answers with the expected status, per second. */
  okPerSec: number;
  /** Latency of the answers with the expected status, in ms, from each answer's own timing. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  ok: number;
  /** Answers with another status, connection errors and timeouts. */
  failed: number;
  statusCodes: Record<string, number>;
  /** The first few unexpected answers, to say why. */
  failureSamples: string[];
}

/** The figures and every expected answer's latency, so that runs can be pooled. */
export interface LoadRun extends LoadFigures {
  latenciesMs: number[];
}

export interface GetLoad {
  baseUrl: string;
  /** One path, or several that each connection asks for in turn. */
  paths: string[];
  connections: number;
  seconds: number;
  /** How long an answer may take before it counts as failed (autocannon's default, 10 s). */
  timeoutSeconds?: number;
}

export interface BallotLoadOptions {
  baseUrl: string;
  candidateIds: number[];
  connections: number;
  seconds: number;
  /** Hands out the benchmark addresses; share one per database so none is reused early. */
  addresses: AddressCounter;
  /** Devices and proofs made beforehand (requests are built synchronously). */
  credentials: Pick<CredentialSupply, 'next'>;
  /** How long an answer may take before it counts as failed (autocannon's default, 10 s). */
  timeoutSeconds?: number;
}

export interface AddressCounter {
  next(): string;
}

/** The benchmark addresses in order, from 198.18.0.1 on. */
export function newAddressCounter(): AddressCounter {
  let n = 0;
  return { next: () => benchAddress(n++) };
}

/** GETs that must answer 200. */
export function measureGet(load: GetLoad): Promise<LoadRun> {
  const samples: string[] = [];
  let distinct = 0;
  return runAutocannon(200, samples, {
    url: load.baseUrl,
    connections: load.connections,
    duration: load.seconds,
    timeout: load.timeoutSeconds ?? 10,
    requests: load.paths.map((path) => ({
      method: 'GET' as const,
      path,
      // A path with {n} is a new URL each time: {n} counts up from 1.
      ...(path.includes('{n}') && {
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          path: path.replace('{n}', String(++distinct)),
        }),
      }),
      onResponse: (status: number, body: string) => {
        if (status !== 200 && samples.length < 5)
          samples.push(`${status} ${path} ${body.slice(0, 200)}`);
      },
    })),
  });
}

/** Ballots that must be accepted (201). */
export function measureBallots(load: BallotLoadOptions): Promise<LoadRun> {
  const samples: string[] = [];
  return runAutocannon(201, samples, {
    url: load.baseUrl,
    connections: load.connections,
    duration: load.seconds,
    timeout: load.timeoutSeconds ?? 10,
    requests: [
      {
        method: 'POST',
        path: '/api/ballots',
        headers: { 'content-type': 'application/json' },
        // Called once per request sent (and once more per connection at the end, unsent).
        setupRequest: (request) => {
          const { cookie, proof } = load.credentials.next();
          request.headers = {
            ...request.headers,
            'x-forwarded-for': load.addresses.next(),
            cookie,
          };
          request.body = ballotBody(load.candidateIds, 1 + Math.floor(Math.random() * 3), proof);
          return request;
        },
        onResponse: (status, body) => {
          if (status !== 201 && samples.length < 5) samples.push(`${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  });
}

/**
 * Runs autocannon and times every answer with the expected status itself: autocannon's own
 * histogram has a resolution of 1 ms, too coarse for a ratio of pages answered in a few.
 */
function runAutocannon(
  expected: number,
  samples: string[],
  options: autocannon.Options,
): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve(figuresOf(result, expected, samples, latenciesMs)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status === expected) latenciesMs.push(responseTime);
    });
  });
}

/** The q-quantile (0 < q ≤ 1) of sorted values, by the nearest-rank method; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function figuresOf(
  result: autocannon.Result,
  expected: number,
  samples: string[],
  latenciesMs: number[],
): LoadRun {
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = Number(stats.count ?? 0);
  }
  const answered = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  const ok = statusCodes[String(expected)] ?? 0;
  if (result.errors > 0) {
    samples.push(`${result.errors} connection error(s), ${result.timeouts} timeout(s)`);
  }
  const sorted = latenciesMs.sort((a, b) => a - b);
  return {
    okPerSec: ok / result.duration,
    p50Ms: round2(quantile(sorted, 0.5)),
    p90Ms: round2(quantile(sorted, 0.9)),
    p99Ms: round2(quantile(sorted, 0.99)),
    maxMs: round2(quantile(sorted, 1)),
    requests: result.requests.total,
    ok,
    // Timeouts are counted in errors.
    failed: answered - ok + result.errors,
    statusCodes,
    failureSamples: samples,
    latenciesMs: sorted,
  };
}
