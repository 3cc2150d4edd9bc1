import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballot, tally } from '../../src/db/schema/index.ts';
import { makeOpenBallot } from '../helpers/factories.ts';
import { fixedClock, jsonRequest, testApi } from '../helpers/test-api.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
let api: ReturnType<typeof testApi>;
let slugs: { campaign: string; track: string; ids: number[] };

beforeAll(async () => {
  db = await createTestDb();
  const now = new Date('2026-11-20T04:00:00Z');
  api = testApi(db, { clock: fixedClock(now), env: { BALLOT_RATE_PER_MINUTE: '100000' } });
  const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 3);
  slugs = { campaign: campaign.slug, track: track.slug, ids: candidates.map((c) => c.id) };
});
afterAll(() => db.destroy());

async function state() {
  const [b] = await db.db.select({ n: sql<number>`count(*)` }).from(ballot);
  const [t] = await db.db.select({ n: sql<number>`coalesce(sum(${tally.votes}), 0)` }).from(tally);
  return { ballots: Number(b!.n), votes: Number(t!.n) };
}

/**
 * Bodies that are wrong in every way we can think of, and many we cannot: raw strings, any JSON,
 * and near-valid ballots with fields of the wrong type or out of range. None may be counted
 * (none carries the dummy token), and none may cause a 5xx.
 */
const nearBallot = fc.record(
  {
    campaign: fc.oneof(fc.constant(''), fc.string(), fc.integer(), fc.constant(null)),
    track: fc.oneof(fc.string(), fc.constant('../../etc'), fc.boolean()),
    candidates: fc.oneof(
      fc.array(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), {
        maxLength: 300,
      }),
      fc.string(),
      fc.object(),
    ),
    turnstileToken: fc.oneof(fc.string({ maxLength: 3000 }), fc.integer(), fc.constant(undefined)),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.string({ maxLength: 2000 }).map((s) => ({ raw: s })),
  fc.jsonValue().map((v) => ({ raw: JSON.stringify(v) })),
  nearBallot.map((v) => ({ raw: JSON.stringify(v) })),
  fc
    .record({
      picks: fc.array(fc.integer({ min: -5, max: 1_000_000 }), { maxLength: 40 }),
      token: fc.string(),
    })
    .map(({ picks, token }) => ({
      raw: JSON.stringify({
        campaign: slugs.campaign,
        track: slugs.track,
        candidates: picks,
        turnstileToken: token,
      }),
    })),
);

describe('POST /api/ballots under 2,000 malformed bodies', () => {
  it('never answers 5xx, always answers the error shape, and never changes a tally', async () => {
    const before = await state();
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('application/json', 'text/plain', ''),
        async ({ raw }, type) => {
          const res = await api.request(
            '/api/ballots',
            jsonRequest(raw, type ? { 'content-type': type } : {}),
          );
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          const json = (await res.json()) as { error: { code: string; message: string } };
          expect(typeof json.error.code).toBe('string');
          expect(json.error.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
    expect(await state()).toEqual(before);
  });
});
