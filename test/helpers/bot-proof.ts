import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/argon2id';
import type { Challenge } from 'altcha-lib/types';
import {
  createAltchaBotCheck,
  type AltchaBotCheck,
} from '#src/server/bot-check/altcha-bot-check.ts';
import type { BotCheckAction } from '#src/server/bot-check/bot-check.ts';

/**
 * The real ALTCHA check at its cheapest (one or two Argon2id steps of 64 KiB), which the tests
 * use wherever they are not about the bot check itself: every proof is still signed, solved,
 * verified and spent once.
 */
export function cheapAltcha(secret: string): AltchaBotCheck {
  return createAltchaBotCheck({ secret, steps: 1, memoryKib: 64 });
}

/** The `altcha` widget's payload for a challenge: base64 of the challenge and its solution. */
export async function solveAltcha(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
  if (!solution) throw new Error('the challenge was not solved');
  return Buffer.from(
    JSON.stringify({
      challenge: { parameters: challenge.parameters, signature: challenge.signature },
      solution,
    }),
  ).toString('base64');
}

/** Anything that answers requests as the API does (`app.request`, or fetch on a base URL). */
export type Requester = (path: string, init?: RequestInit) => Response | Promise<Response>;

/** A solved proof for `action`, from the API's own challenge endpoint, as the widget makes it. */
export async function solvedProof(
  request: Requester,
  action: BotCheckAction = 'ballot',
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await request(`/api/bot-check/challenge?action=${action}`, { headers });
  if (res.status !== 200) throw new Error(`challenge: ${res.status} ${await res.text()}`);
  return solveAltcha((await res.json()) as Challenge);
}

/** A device cookie (`voter=…`) from `GET /api/device`, as the pages' scripts get one. */
export async function deviceCookie(
  request: Requester,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await request('/api/device', { headers });
  if (res.status !== 204) throw new Error(`device: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * A ballot sent over HTTP to a running site as a browser sends it: a device of its own (unless
 * `cookie` is given) and a solved proof. For tests that need ballots on a real server.
 */
export function castOverHttp(
  baseUrl: string,
  body: Record<string, unknown>,
  cookie?: string,
): Promise<Response> {
  return sendOverHttp(baseUrl, '/api/ballots', 'ballot', body, cookie);
}

/** A report on a published notice, sent over HTTP as the notice page sends it (as castOverHttp). */
export function reportOverHttp(
  baseUrl: string,
  noticeSlug: string,
  body: Record<string, unknown>,
): Promise<Response> {
  return sendOverHttp(baseUrl, `/api/notices/${noticeSlug}/reports`, 'report', body);
}

async function sendOverHttp(
  baseUrl: string,
  path: string,
  action: BotCheckAction,
  body: Record<string, unknown>,
  cookie?: string,
): Promise<Response> {
  const request: Requester = (p, init) => fetch(baseUrl + p, init);
  const device = cookie ?? (await deviceCookie(request));
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: device },
    body: JSON.stringify({ ...body, botCheck: await solvedProof(request, action) }),
  });
}
