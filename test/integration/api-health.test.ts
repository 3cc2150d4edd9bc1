import { describe, expect, it } from 'vitest';
import { fixedClock, testApi } from '../helpers/test-api.ts';
import { createTestDb } from '../helpers/test-db.ts';

describe('GET /api/health', () => {
  it('is 200 ok while the database answers and 503 once it does not', async () => {
    const db = await createTestDb();
    const api = testApi(db, { clock: fixedClock(new Date()) });
    const ok = await api.request('/api/health');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    db.destroy();
    const down = await api.request('/api/health');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable' });
  });
});
