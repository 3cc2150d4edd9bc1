import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ballot, botTokenUse, tally } from '#src/db/schema/index.ts';
import { useTestApi, useTestDb } from '../helpers/harness.ts';
import { deviceCookie, solvedProof, type Requester } from '../helpers/bot-proof.ts';
import { makeOpenBallot } from '../helpers/factories.ts';
import { fixedClock, jsonRequest } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now), env: { BALLOT_RATE_PER_MINUTE: '100000' } });
let slugs: { campaign: string; track: string; ids: number[] };

beforeAll(async () => {
  const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 3);
  slugs = { campaign: campaign.slug, track: track.slug, ids: candidates.map((c) => c.id) };
});

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

/**
 * Bot-check proofs that are wrong in every way: any string, base64 of any JSON, and a real
 * solved ALTCHA payload with one part replaced by something else. Sent as a browser sends a
 * ballot (a device cookie, a valid ballot otherwise), none may be counted or cause a 5xx, and a
 * proof the site never signed leaves no trace (nothing in bot_token_use).
 */
describe('POST /api/ballots with 600 malformed bot-check proofs', () => {
  const request: Requester = (path, init) => api.request(path, init);
  const ballotWith = (botCheck: unknown, cookie: string) =>
    api.request(
      '/api/ballots',
      jsonRequest(
        { campaign: slugs.campaign, track: slugs.track, candidates: [slugs.ids[0]], botCheck },
        { cookie },
      ),
    );
  async function tokenUses() {
    const [row] = await db.db.select({ n: sql<number>`count(*)` }).from(botTokenUse);
    return Number(row!.n);
  }
  async function expectRefused(res: Response) {
    expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(['invalid_request', 'bot_check_failed']).toContain(json.error.code);
    expect(json.error.message.length).toBeGreaterThan(0);
  }
  const base64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

  it('refuses strings and base64 JSON that are no proof, and records nothing', async () => {
    const cookie = await deviceCookie(request);
    const before = { ...(await state()), uses: await tokenUses() };
    const proof = fc.oneof(
      fc.string({ maxLength: 5000 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.anything(),
      fc.jsonValue().map(base64),
      fc.record({ challenge: fc.anything(), solution: fc.anything() }).map(base64),
    );
    await fc.assert(
      fc.asyncProperty(proof, async (p) => expectRefused(await ballotWith(p, cookie))),
      { numRuns: 400 },
    );
    expect({ ...(await state()), uses: await tokenUses() }).toEqual(before);
  });

  it('refuses a solved payload with any one part replaced, and counts nothing', async () => {
    const before = await state();
    /** Paths into the payload. */
    const parts = [
      ['challenge'],
      ['challenge', 'signature'],
      ['challenge', 'parameters'],
      ['challenge', 'parameters', 'algorithm'],
      ['challenge', 'parameters', 'nonce'],
      ['challenge', 'parameters', 'salt'],
      ['challenge', 'parameters', 'cost'],
      ['challenge', 'parameters', 'memoryCost'],
      ['challenge', 'parameters', 'keyPrefix'],
      ['challenge', 'parameters', 'keySignature'],
      ['challenge', 'parameters', 'data'],
      ['challenge', 'parameters', 'data', 'action'],
      ['challenge', 'parameters', 'data', 'expires'],
      ['solution'],
      ['solution', 'counter'],
      ['solution', 'derivedKey'],
    ];
    const replacement = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.stringMatching(/^[0-9a-f]{64}$/),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...parts), replacement, async (path, value) => {
        const genuine = JSON.parse(
          Buffer.from(await solvedProof(request), 'base64').toString(),
        ) as Record<string, unknown>;
        let at = genuine;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
        const last = path[path.length - 1]!;
        fc.pre(JSON.stringify(at[last]) !== JSON.stringify(value));
        at[last] = value;
        // A device per run, so that only the proof can refuse the ballot.
        const res = await ballotWith(base64(genuine), await deviceCookie(request));
        // The signed key proves the work; the counter is only the solver's note of where it
        // found it. Any other well-formed counter leaves the same proof.
        const sameProof =
          last === 'counter' &&
          Number.isInteger(value) &&
          (value as number) >= 0 &&
          (value as number) < 2 ** 32;
        if (sameProof) {
          expect(res.status).toBe(201);
          accepted++;
        } else {
          await expectRefused(res);
        }
      }),
      { numRuns: 200 },
    );
    const after = await state();
    expect(after.ballots - before.ballots).toBe(accepted);
  });
});
