import { describe, expect, it } from 'vitest';
import { createDatabaseProbe } from '#src/domain/health/check-database.ts';
import { fixedClock, testApi } from '../helpers/test-api.ts';
import { createTestDb } from '../helpers/test-db.ts';

describe('GET /api/health', () => {
  it('is 200 ok while the database answers and 503 once it does not (after the 1 s reuse window)', async () => {
    const db = await createTestDb();
    const clock = fixedClock(new Date('2026-11-20T04:00:00Z'));
    const api = testApi(db, { clock });
    const ok = await api.request('/api/health');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    db.destroy();
    // An answer less than a second old is reused…
    clock.advance(999);
    expect((await api.request('/api/health')).status).toBe(200);
    // …and after that the closed database is seen.
    clock.advance(2);
    const down = await api.request('/api/health');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable' });
  });
});

describe('createDatabaseProbe', () => {
  it('shares one query among concurrent callers and never reuses a failure', async () => {
    const db = await createTestDb();
    let t = 0;
    const probe = createDatabaseProbe(db.db, () => t);
    const [a, b] = [probe(), probe()];
    expect(a).toBe(b);
    expect(await a).toBe(true);
    db.destroy();
    t = 1000;
    expect(await probe()).toBe(false);
    expect(await probe()).toBe(false);
  });
});
