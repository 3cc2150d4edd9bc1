import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { BotCheck } from '#src/server/bot-check/bot-check.ts';
import { createTurnstileBotCheck } from '#src/server/bot-check/turnstile-bot-check.ts';

/**
 * A local stand-in for Cloudflare's siteverify endpoint that honours its documented contract:
 * form-encoded `secret`, `response`, `remoteip`, `idempotency_key`; tokens are single-use
 * (`timeout-or-duplicate` on reuse) unless the retry carries the same idempotency key, which
 * gets the first answer again; unknown secrets give `invalid-input-secret`.
 */
export interface IssuedToken {
  hostname: string;
  action: string;
}

export interface SiteverifyStandInOptions {
  /**
   * Treats every token that starts with `prefix` as issued on `hostname` for `action`, without
   * an `issue()` call (for the benchmark, which mints tokens in another process). Such tokens are
   * still single-use. Tokens given to `issue()` take precedence.
   */
  acceptPrefix?: { prefix: string } & IssuedToken;
}

export interface SiteverifyStandIn {
  url: string;
  secret: string;
  /** Mints a token as the widget would on `hostname` for `action`. */
  issue(token: string, issued: IssuedToken): void;
  /** Makes the next `n` calls answer `internal-error`. */
  failNext(n: number): void;
  /** Makes the next `n` calls hang for `ms` before answering. */
  delayNext(n: number, ms: number): void;
  calls: { response: string; idempotencyKey: string | null; remoteip: string | null }[];
  close(): Promise<void>;
}

export async function startSiteverifyStandIn(
  secret = 'stand-in-secret',
  options: SiteverifyStandInOptions = {},
): Promise<SiteverifyStandIn> {
  const { acceptPrefix } = options;
  const issuedByPrefix = (token: string): IssuedToken | undefined =>
    acceptPrefix && token.startsWith(acceptPrefix.prefix)
      ? { hostname: acceptPrefix.hostname, action: acceptPrefix.action }
      : undefined;
  const issued = new Map<string, IssuedToken>();
  const spent = new Set<string>();
  const answered = new Map<string, unknown>();
  const calls: SiteverifyStandIn['calls'] = [];
  let failures = 0;
  let delays = 0;
  let delayMs = 0;

  const app = new Hono();
  app.post('/turnstile/v0/siteverify', async (c) => {
    const form = await c.req.parseBody();
    const response = typeof form.response === 'string' ? form.response : '';
    const key = typeof form.idempotency_key === 'string' ? form.idempotency_key : null;
    calls.push({
      response,
      idempotencyKey: key,
      remoteip: typeof form.remoteip === 'string' ? form.remoteip : null,
    });
    if (delays > 0) {
      delays--;
      await new Promise((r) => setTimeout(r, delayMs));
    }
    if (failures > 0) {
      failures--;
      return c.json({ success: false, 'error-codes': ['internal-error'] });
    }
    if (!form.secret) return c.json({ success: false, 'error-codes': ['missing-input-secret'] });
    if (form.secret !== secret)
      return c.json({ success: false, 'error-codes': ['invalid-input-secret'] });
    if (!response) return c.json({ success: false, 'error-codes': ['missing-input-response'] });
    if (key && answered.has(key)) return c.json(answered.get(key));
    const token = issued.get(response) ?? issuedByPrefix(response);
    let body: unknown;
    if (!token) body = { success: false, 'error-codes': ['invalid-input-response'] };
    else if (spent.has(response))
      body = { success: false, 'error-codes': ['timeout-or-duplicate'] };
    else {
      spent.add(response);
      body = {
        success: true,
        'error-codes': [],
        challenge_ts: new Date().toISOString(),
        hostname: token.hostname,
        action: token.action,
        cdata: '',
      };
    }
    if (key) answered.set(key, body);
    return c.json(body);
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/turnstile/v0/siteverify`,
    secret,
    issue: (t, i) => issued.set(t, i),
    failNext: (n) => (failures = n),
    delayNext: (n, ms) => {
      delays = n;
      delayMs = ms;
    },
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Runs `test` with a live Turnstile bot check against a stand-in of its own, which it closes
 * afterwards; tokens must be issued on `vote.example.org`.
 */
export async function withLiveBotCheck(
  test: (botCheck: BotCheck, standIn: SiteverifyStandIn) => Promise<void>,
): Promise<void> {
  const standIn = await startSiteverifyStandIn();
  try {
    const botCheck = createTurnstileBotCheck({
      siteKey: 'k',
      secretKey: standIn.secret,
      verifyUrl: standIn.url,
      allowedHostnames: ['vote.example.org'],
    });
    await test(botCheck, standIn);
  } finally {
    await standIn.close();
  }
}
