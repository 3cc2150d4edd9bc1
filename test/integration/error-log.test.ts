import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { campaign } from '#src/db/schema/index.ts';
import { handleError } from '#src/server/http-errors.ts';
import { useTestDb } from '../helpers/harness.ts';

/**
 * What reaches the log when the database refuses a write: the request id, the route and the
 * error's class and code, never the statement's parameters, whatever they hold.
 */
const db = useTestDb();
let logged: ReturnType<typeof vi.spyOn>;
const secretPhone = '13912345678';

afterEach(() => logged?.mockRestore());

function appThatWrites(values: Record<string, unknown>) {
  const app = new Hono();
  app.post('/api/things/:id', async (c) => {
    await db.db.transaction((tx) => tx.insert(campaign).values(values as never));
    return c.body(null, 204);
  });
  app.onError(handleError);
  return app;
}

const base = { year: 2026, title: `举报人 ${secretPhone}`, organiser: '组织部' };

describe('the API error handler and the log', () => {
  it('answers a CHECK failure with 400 and logs one line without the parameters', async () => {
    logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await appThatWrites({ ...base, slug: 'NOT A SLUG' }).request('/api/things/7', {
      method: 'POST',
    });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'invalid_request', reason: 'value_refused' });
    expect(logged).toHaveBeenCalledTimes(1);
    const line = String(logged.mock.calls[0]![0]);
    expect(line).toContain('POST /api/things/:id');
    expect(line).toContain(error.details.requestId);
    expect(line).not.toContain(secretPhone);
    expect(line).not.toContain('\\n');
  });

  it('answers any other database error with a bare 500 and a request id, logging its class and code only', async () => {
    await db.db.insert(campaign).values({ ...base, slug: 'taken' });
    logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await appThatWrites({ ...base, slug: 'taken' }).request('/api/things/7', {
      method: 'POST',
    });
    expect(res.status).toBe(500);
    const { error } = await res.json();
    expect(error.code).toBe('internal');
    expect(error.requestId).toMatch(/^[0-9a-f]{8}$/);
    expect(res.headers.get('x-request-id')).toBe(error.requestId);
    const line = String(logged.mock.calls[0]![0]);
    expect(line).toMatch(/^\[api\] 500 POST \/api\/things\/:id request [0-9a-f]{8}: /);
    expect(line).toContain('DrizzleQueryError');
    expect(line).toContain('SQLITE_CONSTRAINT_UNIQUE');
    expect(line).not.toContain(secretPhone);
    expect(line).not.toContain('insert into');
    expect(JSON.stringify(error)).not.toContain(secretPhone);
  });
});
