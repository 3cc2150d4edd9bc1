/**
 * Ballots sent concurrently to a running server, as the drills need them: every request is a
 * new device with a solved bot-check proof (both made here, signed with the site's secret, as
 * `GET /api/device` and the ALTCHA challenge endpoint would make them; the cheapest proof of
 * work, since the server's check does not depend on the cost), comes from its own address of
 * the benchmark range 198.18.0.0/15 (a header string in X-Forwarded-For, which the server
 * believes from loopback; no traffic goes there) and picks 1–3 candidates of one track. Every
 * 201 is kept with its receipt: that is the promise the drills check.
 */
import { newDeviceCookie } from '#src/server/voter-identity.ts';
import { cheapAltcha, solveAltcha } from '../helpers/bot-proof.ts';

export const campaignSlug = '2026';
const trackSlug = 'cadres';

/** What makes a drill's ballot acceptable: a device of its own and an unused proof. */
export interface BallotCredentials {
  /** `voter=…`, to send as Cookie. */
  cookie: string;
  /** A solved ALTCHA challenge for the action `ballot`. */
  proof: string;
}

/** Makes credentials one at a time, for the site whose SESSION_SECRET is `secret`. */
export function credentialsFor(secret: string): () => Promise<BallotCredentials> {
  const altcha = cheapAltcha(secret);
  return async () => ({
    cookie: `voter=${newDeviceCookie(secret, new Date()).value}`,
    proof: await solveAltcha(await altcha.challenge('ballot', new Date())),
  });
}

/** Credentials made beforehand, for loads whose requests are built synchronously (autocannon). */
export interface CredentialSupply {
  /** The next unused credentials; an exhausted supply hands out an empty proof (a loud 400). */
  next(): BallotCredentials;
  /** Makes more until at least `n` are ready. */
  ensure(n: number): Promise<void>;
}

export function credentialSupply(secret: string): CredentialSupply {
  const make = credentialsFor(secret);
  const made: BallotCredentials[] = [];
  return {
    next: () => made.pop() ?? { cookie: '', proof: '' },
    async ensure(n) {
      while (made.length < n) made.push(await make());
    },
  };
}
/** 198.18.0.0/15 (RFC 2544): 131,072 addresses. */
const addressSpace = 2 ** 17;

export interface Receipt {
  code: string;
  /** When the 201 arrived (ms since the epoch). */
  at: number;
  /** The ballot's device cookie, `name=value`. */
  cookie: string;
}

export interface LoadFigures {
  sent: number;
  /** Answered 201: a receipt was given. */
  acknowledged: number;
  /** Answered with another status. */
  refused: number;
  /** No complete answer (connection refused or cut): the outcome is unknown to the client. */
  unanswered: number;
  statusCodes: Record<string, number>;
  refusalSamples: string[];
}

export interface BallotLoad {
  receipts: Receipt[];
  figures(): LoadFigures;
  /** Stops sending and waits for the requests in flight to settle. */
  stop(): Promise<LoadFigures>;
}

export interface LoadOptions {
  baseUrl: string;
  /** The site's SESSION_SECRET, which signs devices and proofs. */
  secret: string;
  candidateIds: number[];
  /** Requests in flight at once. */
  concurrency: number;
  /** Upper bounds: the load stops by itself at whichever comes first. */
  maxBallots: number;
  maxMs: number;
  /** The first address used is the n-th of the range, so two loads do not share addresses. */
  firstAddress?: number;
}

/** The n-th address of 198.18.0.0/15, from 198.18.0.1 on. */
export function benchAddress(n: number): string {
  const i = (n + 1) % addressSpace;
  return `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
}

export function ballotBody(candidateIds: number[], picks: number, proof: string): string {
  const ids = [...candidateIds];
  // A partial Fisher–Yates shuffle: `picks` distinct candidates.
  for (let i = 0; i < picks; i++) {
    const j = i + Math.floor(Math.random() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return JSON.stringify({
    campaign: campaignSlug,
    track: trackSlug,
    candidates: ids.slice(0, picks),
    botCheck: proof,
  });
}

export async function readCandidateIds(baseUrl: string): Promise<number[]> {
  const url = `${baseUrl}/api/campaigns/${campaignSlug}/candidates?track=${trackSlug}`;
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  const { candidates } = (await res.json()) as { candidates: { id: number }[] };
  if (candidates.length < 3) throw new Error(`Track ${trackSlug} has fewer than 3 candidates.`);
  return candidates.map((c) => c.id);
}

export function startBallotLoad(options: LoadOptions): BallotLoad {
  const receipts: Receipt[] = [];
  const statusCodes: Record<string, number> = {};
  const refusalSamples: string[] = [];
  let sent = 0;
  let unanswered = 0;
  let stopped = false;
  const deadline = Date.now() + options.maxMs;
  let next = options.firstAddress ?? 0;
  const credentials = credentialsFor(options.secret);

  async function sendOne(): Promise<void> {
    const address = benchAddress(next++);
    sent++;
    let status: number;
    let text: string;
    const { cookie, proof } = await credentials();
    try {
      const res = await fetch(`${options.baseUrl}/api/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, cookie },
        body: ballotBody(options.candidateIds, 1 + Math.floor(Math.random() * 3), proof),
      });
      status = res.status;
      text = await res.text();
    } catch {
      unanswered++;
      // The server is gone or refusing: do not spin on it.
      await new Promise((r) => setTimeout(r, 20));
      return;
    }
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    if (status === 201) {
      const body = JSON.parse(text) as { receipt: string };
      receipts.push({ code: body.receipt, at: Date.now(), cookie });
    } else if (refusalSamples.length < 5) {
      refusalSamples.push(`${status} ${text.slice(0, 200)}`);
    }
  }

  async function worker(): Promise<void> {
    while (!stopped && sent < options.maxBallots && Date.now() < deadline) await sendOne();
  }

  const workers = Array.from({ length: options.concurrency }, worker);
  const figures = (): LoadFigures => ({
    sent,
    acknowledged: receipts.length,
    refused: Object.entries(statusCodes)
      .filter(([code]) => code !== '201')
      .reduce((sum, [, n]) => sum + n, 0),
    unanswered,
    statusCodes: { ...statusCodes },
    refusalSamples: [...refusalSamples],
  });
  return {
    receipts,
    figures,
    async stop() {
      stopped = true;
      await Promise.all(workers);
      return figures();
    },
  };
}

export interface ReceiptCheck {
  counted: number;
  /** Receipts the server does not know (404) or reports otherwise, with what it said. */
  problems: string[];
}

/** Asks the server about every receipt (GET /api/receipts/{code}), a few at a time. */
export async function checkReceipts(
  baseUrl: string,
  receipts: readonly Receipt[],
  concurrency = 16,
): Promise<ReceiptCheck> {
  let counted = 0;
  const problems: string[] = [];
  let index = 0;
  async function worker() {
    while (index < receipts.length) {
      const { code } = receipts[index++]!;
      const res = await fetch(`${baseUrl}/api/receipts/${encodeURIComponent(code)}`);
      const text = await res.text();
      const status = res.status === 200 ? (JSON.parse(text) as { status: string }).status : '';
      if (status === 'counted') counted++;
      else problems.push(`${code}: ${res.status} ${text.slice(0, 120)}`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { counted, problems };
}
