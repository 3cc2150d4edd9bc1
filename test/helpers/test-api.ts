import type { Context } from 'hono';
import type { Clock } from '#src/domain/clock.ts';
import type { BotCheck } from '#src/server/bot-check/bot-check.ts';
import { parseConfig } from '#src/server/config.ts';
import { createApi } from '#src/server/create-api.ts';
import { cheapAltcha, deviceCookie, solvedProof } from './bot-proof.ts';
import type { TestDb } from './test-db.ts';

/** A clock tests can set and move. */
export function fixedClock(start: Date): Clock & { set(d: Date): void; advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    set: (d) => (now = d),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
  };
}

export const testSecret = 'test-secret-test-secret-test-secret-0123';

/**
 * The API over a test database, with the real self-hosted bot check at its cheapest cost. The client address comes from the `x-test-client` header so a
 * test can act as many networks; production reads the socket instead.
 */
export function testApi(
  db: TestDb,
  options: { clock: Clock; botCheck?: BotCheck; env?: Record<string, string> },
) {
  const config = parseConfig({ DATABASE_URL: db.url, SESSION_SECRET: testSecret, ...options.env });
  return createApi({
    db: db.db,
    config,
    clock: options.clock,
    botCheck: options.botCheck ?? cheapAltcha(testSecret),
    clientAddress: (c: Context) => c.req.header('x-test-client') ?? '203.0.113.1',
  });
}

export function jsonRequest(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** The `name=value` part of a Set-Cookie header, to send back as Cookie. */
export function cookieFrom(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

type TestApp = ReturnType<typeof testApi>;

export interface VoterOptions {
  /** The client address (`x-test-client`); 203.0.113.1 when not given. */
  client?: string;
  /** A device cookie to send; a fresh device from `GET /api/device` when not given. */
  cookie?: string;
  headers?: Record<string, string>;
}

/**
 * A public write as a browser sends it: with a device cookie (a fresh one unless given) and a
 * freshly solved bot-check proof for `action` in `botCheck`, unless the body has its own.
 * Answers the response and the cookie it went with, to send again as the same device.
 */
export async function sendAsVoter(
  api: TestApp,
  path: string,
  body: Record<string, unknown>,
  options: VoterOptions = {},
): Promise<{ res: Response; cookie: string }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.client) headers['x-test-client'] = options.client;
  const request = (p: string, init?: RequestInit) => api.request(p, init);
  const cookie = options.cookie ?? (await deviceCookie(request, headers));
  const action = new URL(path, 'http://site').pathname.endsWith('/reports') ? 'report' : 'ballot';
  const withProof =
    'botCheck' in body || 'turnstileToken' in body
      ? body
      : { ...body, botCheck: await solvedProof(request, action, headers) };
  const res = await api.request(path, jsonRequest(withProof, { ...headers, cookie }));
  return { res, cookie };
}

/** What a ballot names: the campaign, the track and the picked candidates (and any more fields). */
export interface BallotPicks extends Record<string, unknown> {
  campaign: string;
  track: string;
  candidates: number[];
}

/** A ballot as the ballot sheet posts it: sendAsVoter to /api/ballots (`?lang` when given). */
export function postBallot(
  api: TestApp,
  ballot: BallotPicks,
  options: VoterOptions & { lang?: string } = {},
): Promise<{ res: Response; cookie: string }> {
  const { lang, ...voter } = options;
  return sendAsVoter(api, lang ? `/api/ballots?lang=${lang}` : '/api/ballots', ballot, voter);
}

/** The error of an API answer (`{ error: { code, reason, message, … } }`). */
export async function errorOf(res: Response) {
  return (
    (await res.json()) as {
      error: { code: string; reason?: string; message: string; details?: unknown };
    }
  ).error;
}
