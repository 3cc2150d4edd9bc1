import type { Context } from 'hono';
import type { Clock } from '../../src/domain/clock.ts';
import type { BotCheck } from '../../src/server/bot-check/bot-check.ts';
import {
  createTestModeBotCheck,
  dummyTurnstileToken,
} from '../../src/server/bot-check/test-mode-bot-check.ts';
import { parseConfig } from '../../src/server/config.ts';
import { createApi } from '../../src/server/create-api.ts';
import type { TestDb } from './test-db.ts';

export { dummyTurnstileToken };

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
 * The API over a test database. The client address comes from the `x-test-client` header so a
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
    botCheck: options.botCheck ?? createTestModeBotCheck(),
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
