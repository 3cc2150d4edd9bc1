import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTurnstileBotCheck } from '#src/server/bot-check/turnstile-bot-check.ts';
import { startSiteverifyStandIn, type SiteverifyStandIn } from '../helpers/siteverify-stand-in.ts';

let standIn: SiteverifyStandIn;
let n = 0;
const token = () => `token-${n++}`;

beforeAll(async () => {
  standIn = await startSiteverifyStandIn();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.calls.length = 0;
});

/** Asks the check about `token` as a route does: a proof of the request, then its verdict. */
function verify(
  bot: ReturnType<typeof createTurnstileBotCheck>,
  { token, remoteIp, action }: { token: string; remoteIp: string; action: 'ballot' | 'report' },
) {
  return bot.proofOf({ proof: token, remoteIp, action, now: new Date() }).verify();
}

function check(overrides: Partial<Parameters<typeof createTurnstileBotCheck>[0]> = {}) {
  return createTurnstileBotCheck({
    siteKey: 'site-key',
    secretKey: standIn.secret,
    verifyUrl: standIn.url,
    allowedHostnames: ['vote.example.org'],
    deadlineMs: 300,
    ...overrides,
  });
}

describe('Turnstile siteverify', () => {
  it('passes a fresh token issued on our host for the ballot action, sending remoteip and an idempotency key', async () => {
    const t = token();
    standIn.issue(t, { hostname: 'vote.example.org', action: 'ballot' });
    expect(await verify(check(), { token: t, remoteIp: '203.0.113.5', action: 'ballot' })).toEqual({
      ok: true,
    });
    expect(standIn.calls[0]).toMatchObject({ response: t, remoteip: '203.0.113.5' });
    expect(standIn.calls[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a replayed token', async () => {
    const t = token();
    standIn.issue(t, { hostname: 'vote.example.org', action: 'ballot' });
    const bot = check();
    expect((await verify(bot, { token: t, remoteIp: '203.0.113.5', action: 'ballot' })).ok).toBe(
      true,
    );
    expect(await verify(bot, { token: t, remoteIp: '203.0.113.5', action: 'ballot' })).toEqual({
      ok: false,
      codes: ['timeout-or-duplicate'],
    });
  });

  it('refuses a token from another hostname or for another action', async () => {
    const a = token();
    standIn.issue(a, { hostname: 'evil.example.com', action: 'ballot' });
    expect(await verify(check(), { token: a, remoteIp: '', action: 'ballot' })).toEqual({
      ok: false,
      codes: ['hostname-mismatch'],
    });
    const b = token();
    standIn.issue(b, { hostname: 'vote.example.org', action: 'report' });
    expect(await verify(check(), { token: b, remoteIp: '', action: 'ballot' })).toEqual({
      ok: false,
      codes: ['action-mismatch'],
    });
  });

  it('refuses an unknown token and a wrong secret', async () => {
    expect(
      await verify(check(), { token: 'never-issued', remoteIp: '', action: 'ballot' }),
    ).toEqual({
      ok: false,
      codes: ['invalid-input-response'],
      forged: true,
    });
    const t = token();
    standIn.issue(t, { hostname: 'vote.example.org', action: 'ballot' });
    expect(
      await verify(check({ secretKey: 'wrong' }), { token: t, remoteIp: '', action: 'ballot' }),
    ).toEqual({
      ok: false,
      codes: ['invalid-input-secret'],
    });
  });

  it('retries once on internal-error with the same idempotency key', async () => {
    const t = token();
    standIn.issue(t, { hostname: 'vote.example.org', action: 'ballot' });
    standIn.failNext(1);
    expect(await verify(check(), { token: t, remoteIp: '', action: 'ballot' })).toEqual({
      ok: true,
    });
    expect(standIn.calls).toHaveLength(2);
    expect(standIn.calls[1]!.idempotencyKey).toBe(standIn.calls[0]!.idempotencyKey);
  });

  it('fails closed after two internal errors, and when siteverify does not answer in time', async () => {
    const t = token();
    standIn.issue(t, { hostname: 'vote.example.org', action: 'ballot' });
    standIn.failNext(2);
    expect(await verify(check(), { token: t, remoteIp: '', action: 'ballot' })).toEqual({
      ok: false,
      codes: ['siteverify-unreachable'],
    });
    standIn.delayNext(2, 1000);
    expect(await verify(check(), { token: t, remoteIp: '', action: 'ballot' })).toEqual({
      ok: false,
      codes: ['siteverify-unreachable'],
    });
  });

  it('gives the whole verification one deadline, the retry included, however long siteverify hangs', async () => {
    const t = token();
    standIn.issue(t, { hostname: 'vote.example.org', action: 'ballot' });
    // Each call would hang 3 s; with a 300 ms deadline the voter is answered long before.
    standIn.delayNext(2, 3000);
    const started = performance.now();
    const result = await verify(check(), { token: t, remoteIp: '', action: 'ballot' });
    const waited = performance.now() - started;
    expect(result).toEqual({ ok: false, codes: ['siteverify-unreachable'] });
    expect(waited).toBeLessThan(3000);
    // The first call was cut at two thirds of the deadline, and the retry took the rest.
    expect(standIn.calls.length).toBeGreaterThanOrEqual(1);
  });

  it('fails closed when siteverify cannot be reached or answers nonsense', async () => {
    const unreachable = check({ verifyUrl: 'http://127.0.0.1:9/siteverify' });
    expect((await verify(unreachable, { token: 'x', remoteIp: '', action: 'ballot' })).ok).toBe(
      false,
    );
    // A server that answers 200 with JSON of another shape, then one that answers HTML.
    for (const [contentType, body] of [
      ['application/json', JSON.stringify({ ok: 'yes' })],
      ['text/html', '<h1>Bad gateway</h1>'],
    ] as const) {
      const server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': contentType }).end(body);
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const { port } = server.address() as AddressInfo;
      try {
        const nonsense = check({ verifyUrl: `http://127.0.0.1:${port}/siteverify` });
        const result = await verify(nonsense, { token: 'x', remoteIp: '', action: 'ballot' });
        expect(result.ok).toBe(false);
        if (contentType === 'application/json') {
          expect(result).toEqual({ ok: false, codes: ['bad-siteverify-response'] });
        }
      } finally {
        server.closeAllConnections();
        await new Promise((done) => server.close(done));
      }
    }
  });
});
