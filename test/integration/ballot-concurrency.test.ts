import { spawn, type ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballot } from '../../src/db/schema/index.ts';
import { verifyTallies } from '../../src/domain/integrity/verify-tallies.ts';
import { makeOpenBallot } from '../helpers/factories.ts';
import {
  cookieFrom,
  dummyTurnstileToken,
  fixedClock,
  jsonRequest,
  testApi,
  testSecret,
} from '../helpers/test-api.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.destroy());

async function ballotsIn(trackId: number) {
  const [row] = await db.db
    .select({ n: sql<number>`count(*)` })
    .from(ballot)
    .where(eq(ballot.trackId, trackId));
  return Number(row!.n);
}

describe('limits under concurrency', () => {
  it('accepts exactly the daily limit out of 200 simultaneous ballots from one device', async () => {
    const now = new Date();
    const api = testApi(db, { clock: fixedClock(now), env: { BALLOT_RATE_PER_MINUTE: '1000' } });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 3, {
      ballotsPerDevicePerDay: 3,
    });
    const first = await api.request(
      '/api/ballots',
      jsonRequest({
        campaign: campaign.slug,
        track: track.slug,
        candidates: [candidates[0]!.id],
        turnstileToken: dummyTurnstileToken,
      }),
    );
    const cookie = cookieFrom(first);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        api.request(
          '/api/ballots',
          jsonRequest(
            {
              campaign: campaign.slug,
              track: track.slug,
              candidates: [candidates[i % 3]!.id],
              turnstileToken: dummyTurnstileToken,
            },
            { cookie },
          ),
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(198);
    expect(await ballotsIn(track.id)).toBe(3);
    expect((await verifyTallies(db.db)).mismatches).toEqual([]);
  });

  it('holds the limits when two server processes share one database file', async () => {
    const now = new Date();
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2, {
      ballotsPerDevicePerDay: 2,
      ballotsPerAddressPerDay: 10,
    });
    const processes: ChildProcess[] = [];
    const ports: number[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const child = spawn(process.execPath, ['test/helpers/api-process.ts'], {
          env: { ...process.env, DATABASE_URL: db.url, SESSION_SECRET: testSecret },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        processes.push(child);
        ports.push(
          await new Promise<number>((resolve, reject) => {
            child.stdout!.on('data', (chunk: Buffer) => {
              const m = /listening (\d+)/.exec(chunk.toString());
              if (m) resolve(Number(m[1]));
            });
            child.once('exit', (code) => reject(new Error(`api process exited with ${code}`)));
          }),
        );
      }
      const body = JSON.stringify({
        campaign: campaign.slug,
        track: track.slug,
        candidates: [candidates[0]!.id],
        turnstileToken: dummyTurnstileToken,
      });
      const post = (port: number, headers: Record<string, string>) =>
        fetch(`http://127.0.0.1:${port}/api/ballots`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      // One device (one cookie), 60 ballots spread over both processes at once.
      const first = await post(ports[0]!, { 'x-test-client': '198.51.100.1' });
      expect(first.status).toBe(201);
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
      const device = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          post(ports[i % 2]!, { cookie, 'x-test-client': `198.51.100.${2 + (i % 50)}` }),
        ),
      );
      expect(device.filter((r) => r.status === 201)).toHaveLength(1);
      expect(device.filter((r) => r.status === 409)).toHaveLength(59);
      // One address, many fresh devices, over both processes: at most 10 a day.
      const address = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          post(ports[i % 2]!, { 'x-test-client': '192.0.2.77' }),
        ),
      );
      expect(address.filter((r) => r.status === 201)).toHaveLength(10);
      expect(address.filter((r) => r.status === 409)).toHaveLength(30);
      expect(address.some((r) => r.status >= 500)).toBe(false);
      expect(await ballotsIn(track.id)).toBe(12);
      expect((await verifyTallies(db.db)).mismatches).toEqual([]);
    } finally {
      for (const p of processes) p.kill('SIGTERM');
    }
  });
});
