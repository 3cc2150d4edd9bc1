import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Challenge } from 'altcha-lib/types';
import { ballot, botTokenUse } from '#src/db/schema/index.ts';
import { createAltchaBotCheck } from '#src/server/bot-check/altcha-bot-check.ts';
import { useTestDb } from '../helpers/harness.ts';
import { withLiveBotCheck } from '../helpers/siteverify-stand-in.ts';
import { makeOpenBallot } from '../helpers/factories.ts';
import { deviceCookie, solveAltcha, solvedProof } from '../helpers/bot-proof.ts';
import { fixedClock, jsonRequest, postBallot, testApi } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();

type Api = ReturnType<typeof testApi>;
const requester = (api: Api) => (path: string, init?: RequestInit) => api.request(path, init);

async function ballotsIn(trackId: number) {
  const [row] = await db.db.select({ n: count() }).from(ballot).where(eq(ballot.trackId, trackId));
  return row!.n;
}

/** The payload's JSON, to tamper with. */
function decode(proof: string) {
  return JSON.parse(Buffer.from(proof, 'base64').toString()) as {
    challenge: Challenge;
    solution: { counter: number; derivedKey: string };
  };
}
const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64');

describe('GET /api/bot-check/challenge', () => {
  it('hands out a signed Argon2id challenge for the action, expiring in five minutes, never cached', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const res = await api.request('/api/bot-check/challenge?action=report');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const challenge = (await res.json()) as Challenge;
    expect(challenge.parameters).toMatchObject({
      algorithm: 'ARGON2ID',
      data: { action: 'report', expires: now.getTime() / 1000 + 300 },
    });
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an unknown or missing action with 400', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    for (const query of ['?action=vote', '', '?action=']) {
      const res = await api.request(`/api/bot-check/challenge${query}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_request');
    }
  });

  it('answers 404 when the site uses Turnstile', () =>
    withLiveBotCheck(async (botCheck) => {
      const api = testApi(db, { clock: fixedClock(now), botCheck });
      const res = await api.request('/api/bot-check/challenge?action=ballot');
      expect(res.status).toBe(404);
    }));

  it('is in the OpenAPI document with the device endpoint and the botCheck field', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const doc = await (await api.request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/bot-check/challenge', '/api/device']),
    );
    const ballotRequest = doc.components.schemas.BallotRequest;
    expect(Object.keys(ballotRequest.properties)).toEqual(
      expect.arrayContaining(['botCheck', 'turnstileToken']),
    );
    expect(ballotRequest.properties.turnstileToken.deprecated).toBe(true);
    expect(Object.keys(doc.paths['/api/ballots'].post.responses)).toContain('428');
  });
});

describe('a solved challenge as the ballot’s proof', () => {
  it('is accepted once; a replay, on any device, is refused without writing anything', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2, {
      ballotsPerDevicePerDay: 5,
    });
    const proof = await solvedProof(requester(api));
    const body = { campaign: campaign.slug, track: track.slug, candidates: [candidates[0]!.id] };
    const { res: first, cookie } = await postBallot(api, {
      ...body,
      botCheck: proof,
    });
    expect(first.status).toBe(201);
    for (const options of [{ cookie }, {}]) {
      const { res } = await postBallot(api, { ...body, botCheck: proof }, options);
      expect(res.status).toBe(403);
      expect((await res.json()).error.details.codes).toEqual(['token-already-used']);
    }
    // Spelled differently (keys reordered, same challenge): still the same proof.
    const p = decode(proof);
    const respelled = encode({ solution: p.solution, challenge: p.challenge });
    const { res: again } = await postBallot(api, { ...body, botCheck: respelled });
    expect(again.status).toBe(403);
    expect(await ballotsIn(track.id)).toBe(1);
  });

  it('refuses a proof made for reports, an expired one and a tampered one with 403 in the reader’s language', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2);
    const body = { campaign: campaign.slug, track: track.slug, candidates: [candidates[0]!.id] };
    const send = (proof: string, lang = 'zh-CN') =>
      postBallot(api, { ...body, botCheck: proof }, { lang });

    const forReports = await send(await solvedProof(requester(api), 'report'), 'en');
    expect(forReports.res.status).toBe(403);
    const json = await forReports.res.json();
    expect(json.error).toMatchObject({
      code: 'bot_check_failed',
      details: { codes: ['action-mismatch'] },
    });
    expect(json.error.message).toContain('bot check did not pass');

    const stale = await solvedProof(requester(api));
    clock.advance(5 * 60_000 + 1000);
    const expired = await send(stale, 'zh-TW');
    expect(expired.res.status).toBe(403);
    const expiredJson = await expired.res.json();
    expect(expiredJson.error.details.codes).toEqual(['challenge-expired']);
    expect(expiredJson.error.message).toContain('人機驗證未通過');
    clock.set(now);

    const good = decode(await solvedProof(requester(api)));
    const tampered = [
      // Another action written into the signed data.
      encode({
        ...good,
        challenge: {
          ...good.challenge,
          parameters: { ...good.challenge.parameters, data: { action: 'ballot', expires: 4e9 } },
        },
      }),
      // A key that does not belong to the challenge (another challenge: a refused proof is
      // spent, and both tamperings above and here would share one signature).
      await (async () => {
        const other = decode(await solvedProof(requester(api)));
        return encode({ ...other, solution: { ...other.solution, derivedKey: 'ab'.repeat(32) } });
      })(),
      // A challenge signed with another secret.
      await solveAltcha(
        await createAltchaBotCheck({ secret: 'another-secret', steps: 1, memoryKib: 64 }).challenge(
          'ballot',
          now,
        ),
      ),
    ];
    const codes = [];
    for (const proof of tampered) {
      const { res } = await send(proof);
      expect(res.status).toBe(403);
      codes.push((await res.json()).error.details.codes[0]);
    }
    expect(codes).toEqual(['invalid-signature', 'invalid-solution', 'invalid-signature']);
    expect(await ballotsIn(track.id)).toBe(0);
  });

  it('spends a proof refused by the bot check, so even a fixed ballot cannot reuse it', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2);
    const forReports = await solvedProof(requester(api), 'report');
    const body = { campaign: campaign.slug, track: track.slug, candidates: [candidates[0]!.id] };
    await postBallot(api, { ...body, botCheck: forReports });
    const report = await db.db.select().from(botTokenUse);
    expect(report.length).toBeGreaterThan(0);
    const { res } = await postBallot(api, { ...body, botCheck: forReports });
    expect((await res.json()).error.details.codes).toEqual(['token-already-used']);
  });

  it('leaves a proof unspent when the ballot is refused before the check (voting closed)', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
    const proof = await solvedProof(requester(api));
    const body = {
      campaign: campaign.slug,
      track: track.slug,
      candidates: [candidates[0]!.id],
      botCheck: proof,
    };
    const cookie = await deviceCookie(requester(api));
    clock.set(new Date(campaign.voteOpensAt!.getTime() - 1));
    const early = await api.request('/api/ballots', jsonRequest(body, { cookie }));
    expect(early.status).toBe(422);
    clock.set(now);
    const inTime = await api.request('/api/ballots', jsonRequest(body, { cookie }));
    expect(inTime.status).toBe(201);
  });

  it('accepts a proof under the old field name turnstileToken', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
    const { res } = await postBallot(api, {
      campaign: campaign.slug,
      track: track.slug,
      candidates: [candidates[0]!.id],
      turnstileToken: await solvedProof(requester(api)),
    });
    expect(res.status).toBe(201);
  });
});

describe('an oversized body', () => {
  it('is answered with Connection: close, and the next request on a fresh connection works', async () => {
    const { serve } = await import('@hono/node-server');
    const { Agent, request } = await import('undici');
    const api = testApi(db, { clock: fixedClock(now) });
    const server = serve({ fetch: api.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as { port: number };
    // One connection at most: the second request must reuse it or open a new one itself.
    const agent = new Agent({ connections: 1, pipelining: 1 });
    try {
      const big = await request(`http://127.0.0.1:${port}/api/ballots`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          campaign: 'x',
          track: 'y',
          candidates: [1],
          botCheck: 'x'.repeat(40_000),
        }),
      });
      expect(big.statusCode).toBe(413);
      expect(big.headers.connection).toBe('close');
      await big.body.text();
      const next = await request(`http://127.0.0.1:${port}/api/ballots`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ campaign: 'x' }),
      });
      expect(next.statusCode).toBe(400);
      await next.body.text();
    } finally {
      await agent.close();
      await new Promise((r) => server.close(r));
    }
  });
});
