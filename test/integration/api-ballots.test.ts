import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ballot, ballotPick, tally } from '#src/db/schema/index.ts';
import type { BotCheck } from '#src/server/bot-check/bot-check.ts';
import { useTestDb } from '../helpers/harness.ts';
import { withLiveBotCheck, type SiteverifyStandIn } from '../helpers/siteverify-stand-in.ts';
import { makeCandidate, makeOpenBallot, makeTrack } from '../helpers/factories.ts';
import { deviceCookie, solvedProof } from '../helpers/bot-proof.ts';
import { cookieFrom, fixedClock, jsonRequest, postBallot, testApi } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z'); // 12:00 in Shanghai
const db = useTestDb();

async function ballotCount(trackId: number) {
  const [row] = await db.db.select({ n: count() }).from(ballot).where(eq(ballot.trackId, trackId));
  return row!.n;
}

async function totalVotes() {
  const [row] = await db.db
    .select({ n: sql<number>`coalesce(sum(${tally.votes}), 0)` })
    .from(tally);
  return Number(row!.n);
}

/** A ballot's body; with `proof`, that proof in `botCheck`, else postBallot solves a fresh one. */
function ballotBody(campaign: string, track: string, candidates: number[], proof?: string) {
  return { campaign, track, candidates, ...(proof === undefined ? {} : { botCheck: proof }) };
}

describe('POST /api/ballots', () => {
  it('counts a valid ballot: 201 with a receipt, picks and tallies written together', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 4);
    const picked = [candidates[0]!.id, candidates[2]!.id];
    const device = await api.request('/api/device');
    expect(device.status).toBe(204);
    const { res } = await postBallot(api, ballotBody(campaign.slug, track.slug, picked), {
      cookie: cookieFrom(device),
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(body.candidates).toEqual(picked);
    expect(body.remainingToday).toBe(0);
    expect(body.nextBallotAt).toBe('2026-11-20T16:00:00.000Z'); // next midnight in Shanghai
    // The device comes from GET /api/device, never from the ballot.
    expect(res.headers.get('set-cookie')).toBeNull();
    const setCookie = device.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^voter=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const picks = await db.db
      .select()
      .from(ballotPick)
      .where(eq(ballotPick.candidateId, picked[0]!));
    expect(picks).toHaveLength(1);
    const [t] = await db.db.select().from(tally).where(eq(tally.candidateId, picked[1]!));
    expect(t!.votes).toBe(1);

    const receipt = await api.request(`/api/receipts/${body.receipt}`);
    expect(receipt.status).toBe(200);
    expect(await receipt.json()).toMatchObject({ status: 'counted', castAt: now.toISOString() });
  });

  it('names on the receipt the selection, the track, the picks by number and the next possible ballot', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 4);
    const picked = [candidates[3]!.id, candidates[1]!.id];
    const cast = await (
      await postBallot(api, ballotBody(campaign.slug, track.slug, picked))
    ).res.json();
    const res = await api.request(`/api/receipts/${cast.receipt}`);
    const body = await res.json();
    expect(body.campaign).toEqual({ slug: campaign.slug, title: campaign.title });
    expect(body.track).toEqual({ slug: track.slug, name: track.name });
    expect(body.picks).toEqual(
      [candidates[1]!, candidates[3]!].map((c) => ({ id: c.id, number: c.number, name: c.name })),
    );
    expect(body.nextBallotAt).toBe('2026-11-20T16:00:00.000Z');
    // Once voting has closed there is no next ballot to speak of.
    clock.set(new Date('2027-06-01T00:00:00Z'));
    const closed = await (await api.request(`/api/receipts/${cast.receipt}`)).json();
    expect(closed.nextBallotAt).toBeNull();
  });

  it('refuses a second ballot from the same device the same day with 409 and when to come back', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 3);
    const { res: first, cookie } = await postBallot(
      api,
      ballotBody(campaign.slug, track.slug, [candidates[0]!.id]),
    );
    expect(first.status).toBe(201);
    const { res: second } = await postBallot(
      api,
      ballotBody(campaign.slug, track.slug, [candidates[1]!.id]),
      { cookie },
    );
    expect(second.status).toBe(409);
    const body = await second.json();
    expect(body.error.code).toBe('already_voted');
    expect(body.error.details.nextBallotAt).toBe('2026-11-20T16:00:00.000Z');
    expect(body.error.message).toContain('投票次数已用完');
    expect(await ballotCount(track.id)).toBe(1);

    // The next local day (00:00 Shanghai = 16:00 UTC) the device may vote again.
    clock.set(new Date('2026-11-20T16:00:01Z'));
    const { res: nextDay } = await postBallot(
      api,
      ballotBody(campaign.slug, track.slug, [candidates[1]!.id]),
      { cookie },
    );
    expect(nextDay.status).toBe(201);
  });

  it('holds the per-address daily limit across devices', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2, {
      ballotsPerAddressPerDay: 2,
    });
    const send = async () =>
      (
        await postBallot(api, ballotBody(campaign.slug, track.slug, [candidates[0]!.id]), {
          client: '198.51.100.7',
        })
      ).res;
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const third = await send();
    expect(third.status).toBe(409);
    expect((await third.json()).error.reason).toBe('address_limit');
  });

  it('counts the addresses of one IPv6 /64 as one address, keeping each host’s hash as evidence', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2, {
      ballotsPerAddressPerDay: 2,
    });
    const send = async (client: string) =>
      (
        await postBallot(api, ballotBody(campaign.slug, track.slug, [candidates[0]!.id]), {
          client,
        })
      ).res;
    expect((await send('2001:db8:7:1::a')).status).toBe(201);
    expect((await send('2001:db8:7:1:ffff:1:2:3')).status).toBe(201);
    const third = await send('2001:db8:0007:0001::beef');
    expect(third.status).toBe(409);
    expect((await third.json()).error.reason).toBe('address_limit');
    // The next /64 is another subscriber.
    expect((await send('2001:db8:7:2::a')).status).toBe(201);
    const rows = await db.db.select().from(ballot).where(eq(ballot.trackId, track.id));
    expect(new Set(rows.map((r) => r.addressHash)).size).toBe(2);
    expect(new Set(rows.map((r) => r.hostHash)).size).toBe(3);
    for (const r of rows) expect(r.hostHash).toMatch(/^[\w-]{43}$/);
  });

  describe('rule violations are 422 and write nothing', () => {
    it.each([
      ['a pick twice', (ids: number[]) => [ids[0]!, ids[0]!], 'duplicate_pick'],
      ['more picks than allowed', (ids: number[]) => ids.slice(0, 4), 'too_many_picks'],
    ])('%s', async (_label, choose, reason) => {
      const api = testApi(db, { clock: fixedClock(now) });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 5);
      const before = await totalVotes();
      const { res } = await postBallot(
        api,
        ballotBody(campaign.slug, track.slug, choose(candidates.map((c) => c.id))),
      );
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: 'rule_violation', reason });
      expect(await ballotCount(track.id)).toBe(0);
      expect(await totalVotes()).toBe(before);
    });

    it('fewer picks than the minimum', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 5, { minPicks: 2 });
      const { res } = await postBallot(
        api,
        ballotBody(campaign.slug, track.slug, [candidates[0]!.id]),
      );
      expect(res.status).toBe(422);
      expect((await res.json()).error.reason).toBe('too_few_picks');
    });

    it('a candidate of another track, or one not on the public list', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2);
      const other = await makeTrack(db.db, campaign.id);
      const elsewhere = await makeCandidate(db.db, other);
      const hidden = await makeCandidate(db.db, track, { status: 'nominated' });
      for (const id of [elsewhere.id, hidden.id, 999_999]) {
        const { res } = await postBallot(
          api,
          ballotBody(campaign.slug, track.slug, [candidates[0]!.id, id]),
        );
        expect(res.status).toBe(422);
        const body = await res.json();
        expect(body.error.reason).toBe('candidate_not_on_ballot');
        expect(body.error.details.candidates).toEqual([id]);
      }
      expect(await ballotCount(track.id)).toBe(0);
    });

    it('before the vote opens and after it closes', async () => {
      const clock = fixedClock(now);
      const api = testApi(db, { clock });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
      const send = async () =>
        (await postBallot(api, ballotBody(campaign.slug, track.slug, [candidates[0]!.id]))).res;
      clock.set(new Date(campaign.voteOpensAt!.getTime() - 1));
      let res = await send();
      expect(res.status).toBe(422);
      expect((await res.json()).error.reason).toBe('voting_not_open');
      clock.set(campaign.voteClosesAt!);
      res = await send();
      expect(res.status).toBe(422);
      expect((await res.json()).error.reason).toBe('voting_closed');
      expect(await ballotCount(track.id)).toBe(0);
    });
  });

  describe('bad requests are 4xx with the error body, never 500', () => {
    it.each([
      ['malformed JSON', '{"campaign":', 400, 'invalid_request'],
      ['a missing field', { campaign: 'x', track: 'y', candidates: [1] }, 400, 'invalid_request'],
      [
        'an unknown field',
        { campaign: 'x', track: 'y', candidates: [1], botCheck: 't', extra: 1 },
        400,
        'invalid_request',
      ],
      [
        'ids that are not integers',
        { campaign: 'x', track: 'y', candidates: ['1'], botCheck: 't' },
        400,
        'invalid_request',
      ],
      [
        'an empty pick list',
        { campaign: 'x', track: 'y', candidates: [], botCheck: 't' },
        400,
        'invalid_request',
      ],
      [
        'a slug with capitals',
        { campaign: 'X', track: 'y', candidates: [1], botCheck: 't' },
        400,
        'invalid_request',
      ],
      ['a JSON array', '[]', 400, 'invalid_request'],
    ])('%s', async (_label, body, status, code) => {
      const api = testApi(db, { clock: fixedClock(now) });
      const res = await api.request('/api/ballots', jsonRequest(body));
      expect(res.status).toBe(status);
      const json = await res.json();
      expect(json.error.code).toBe(code);
      expect(typeof json.error.message).toBe('string');
    });

    it('lists the validation issues', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const res = await api.request('/api/ballots', jsonRequest({ campaign: 'x' }));
      const json = await res.json();
      expect(json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
        'candidates',
        'track',
      ]);
    });

    it('answers in the reader’s language', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const en = await api.request(
        '/api/ballots',
        jsonRequest('{', { 'accept-language': 'en-GB,en;q=0.9' }),
      );
      expect((await en.json()).error.message).toBe('The request body is not valid JSON.');
      const tw = await api.request('/api/ballots?lang=zh-TW', jsonRequest('{'));
      expect((await tw.json()).error.message).toBe('請求內容不是有效的 JSON。');
    });

    it('refuses a body over 16 KB with 413', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const res = await api.request(
        '/api/ballots',
        jsonRequest({
          campaign: 'x',
          track: 'y',
          candidates: [1],
          botCheck: 'x'.repeat(20_000),
        }),
      );
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect((await res.json()).error.code).toBe('payload_too_large');
    });

    it('refuses a ballot with no proof, or with a proof in both fields', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
      const pick = ballotBody(campaign.slug, track.slug, [candidates[0]!.id]);
      const cookie = await deviceCookie((p, i) => api.request(p, i));
      const none = await api.request('/api/ballots', jsonRequest(pick, { cookie }));
      expect(none.status).toBe(400);
      expect((await none.json()).error.issues).toEqual([
        { path: 'botCheck', message: 'send the bot-check proof in botCheck' },
      ]);
      const both = await api.request(
        '/api/ballots',
        jsonRequest({ ...pick, botCheck: 'a', turnstileToken: 'b' }, { cookie }),
      );
      expect(both.status).toBe(400);
      expect(await ballotCount(track.id)).toBe(0);
    });

    it('gives 404 for an unknown campaign or track', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const { campaign } = await makeOpenBallot(db.db, now, 1);
      const { res: a } = await postBallot(api, ballotBody('no-such', 'x', [1]));
      expect(a.status).toBe(404);
      const { res: b } = await postBallot(api, ballotBody(campaign.slug, 'no-such', [1]));
      expect(b.status).toBe(404);
      expect((await b.json()).error.reason).toBe('track_not_found');
    });
  });

  describe('security', () => {
    it('refuses a wrong bot-check token with 403 before anything is written', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
      const { res } = await postBallot(
        api,
        ballotBody(campaign.slug, track.slug, [candidates[0]!.id], 'forged-token'),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('bot_check_failed');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await ballotCount(track.id)).toBe(0);
    });

    it('runs the bot check only after the request is valid', async () => {
      let calls = 0;
      const counting: BotCheck = {
        provider: 'turnstile',
        siteKey: 'k',
        proofOf: () => ({
          useKey: 'k',
          async verify() {
            calls++;
            return { ok: true };
          },
        }),
      };
      const api = testApi(db, { clock: fixedClock(now), botCheck: counting });
      await api.request('/api/ballots', jsonRequest({ campaign: 'x' }));
      expect(calls).toBe(0);
    });

    it('refuses a forged device cookie with 428, and /api/device replaces it', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
      const forged = 'voter=AAAAAAAAAAAAAAAAAAAAAA.forgedsignatureforged0';
      const { res } = await postBallot(
        api,
        ballotBody(campaign.slug, track.slug, [candidates[0]!.id]),
        {
          cookie: forged,
        },
      );
      expect(res.status).toBe(428);
      expect((await res.json()).error.code).toBe('device_required');
      const device = await api.request('/api/device', { headers: { cookie: forged } });
      expect(device.status).toBe(204);
      expect(cookieFrom(device)).toMatch(/^voter=/);
      expect(cookieFrom(device)).not.toContain('forged');
      expect(await ballotCount(track.id)).toBe(0);
    });

    it('refuses a ballot without a device with 428 before the bot check, so the proof stays good', async () => {
      const api = testApi(db, {
        clock: fixedClock(now),
        env: { PUBLIC_BASE_URL: 'https://vote.example.org' },
      });
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
      const request = (p: string, i?: RequestInit) => api.request(p, i);
      const proof = await solvedProof(request);
      const body = ballotBody(campaign.slug, track.slug, [candidates[0]!.id], proof);
      const { res } = await postBallot(api, body, { cookie: '' });
      expect(res.status).toBe(428);
      const json = await res.json();
      expect(json.error.code).toBe('device_required');
      expect(json.error.message).toContain('Cookie');
      expect(await ballotCount(track.id)).toBe(0);
      const { res: again } = await postBallot(api, body);
      expect(again.status).toBe(201);
    });

    it('answers GET /api/device with 204, no body, and keeps a device it already has', async () => {
      const api = testApi(db, { clock: fixedClock(now) });
      const first = await api.request('/api/device');
      expect(first.status).toBe(204);
      expect(await first.text()).toBe('');
      expect(first.headers.get('cache-control')).toBe('no-store');
      const again = await api.request('/api/device', { headers: { cookie: cookieFrom(first) } });
      expect(again.status).toBe(204);
      expect(again.headers.get('set-cookie')).toBeNull();
    });
  });
});

describe('GET /api/receipts/{code}', () => {
  it('accepts a code typed in lower case without dashes', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
    const cast = await (
      await postBallot(api, ballotBody(campaign.slug, track.slug, [candidates[0]!.id]))
    ).res.json();
    const res = await api.request(
      `/api/receipts/${cast.receipt.replaceAll('-', '').toLowerCase()}`,
    );
    expect(res.status).toBe(200);
    expect((await res.json()).receipt).toBe(cast.receipt);
  });

  it('shows an invalidated ballot with its reason category', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 1);
    const cast = await (
      await postBallot(api, ballotBody(campaign.slug, track.slug, [candidates[0]!.id]))
    ).res.json();
    await db.db
      .update(ballot)
      .set({ status: 'invalidated', invalidReason: 'burst', invalidatedAt: now })
      .where(eq(ballot.receipt, cast.receipt));
    const res = await api.request(`/api/receipts/${cast.receipt}`);
    expect(await res.json()).toMatchObject({ status: 'invalidated', reasonCategory: 'burst' });
  });

  it('gives 400 for a malformed code and 404 for an unknown one', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const bad = await api.request('/api/receipts/abc');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.reason).toBe('receipt_malformed');
    const unknown = await api.request('/api/receipts/0000-0000-0000');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });
});

/** Runs `test` against an API in live mode, with a siteverify stand-in of its own. */
const withLiveApi = (
  test: (api: ReturnType<typeof testApi>, standIn: SiteverifyStandIn) => Promise<void>,
) =>
  withLiveBotCheck((botCheck, standIn) =>
    test(testApi(db, { clock: fixedClock(now), botCheck }), standIn),
  );

describe('request rate and single-use tokens', () => {
  it('answers 429 with Retry-After once an address exceeds its rate, and others are unaffected', async () => {
    const api = testApi(db, { clock: fixedClock(now), env: { BALLOT_RATE_PER_MINUTE: '3' } });
    const send = (client: string) =>
      api.request('/api/ballots', jsonRequest({ campaign: 'x' }, { 'x-test-client': client }));
    for (let i = 0; i < 3; i++) expect((await send('198.51.100.99')).status).toBe(400);
    const limited = await send('198.51.100.99');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await send('198.51.100.100')).status).toBe(400);
  });

  it('counts the request rate per IPv6 /64', async () => {
    const api = testApi(db, { clock: fixedClock(now), env: { BALLOT_RATE_PER_MINUTE: '3' } });
    const send = (client: string) =>
      api.request('/api/ballots', jsonRequest({ campaign: 'x' }, { 'x-test-client': client }));
    for (let i = 1; i <= 3; i++) expect((await send(`2001:db8:99:1::${i}`)).status).toBe(400);
    expect((await send('2001:db8:99:1:abcd::4')).status).toBe(429);
    expect((await send('2001:db8:99:2::1')).status).toBe(400);
  });

  it('refuses a replayed live token before calling siteverify again', () =>
    withLiveApi(async (api, standIn) => {
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2, {
        ballotsPerDevicePerDay: 5,
      });
      standIn.issue('live-token-1', { hostname: 'vote.example.org', action: 'ballot' });
      const body = ballotBody(campaign.slug, track.slug, [candidates[0]!.id], 'live-token-1');
      const { res: first, cookie } = await postBallot(api, body);
      expect(first.status).toBe(201);
      expect(standIn.calls).toHaveLength(1);
      const { res: replay } = await postBallot(api, body, { cookie });
      expect(replay.status).toBe(403);
      expect((await replay.json()).error.details.codes).toEqual(['token-already-used']);
      expect(standIn.calls).toHaveLength(1);
      expect(await ballotCount(track.id)).toBe(1);
    }));
});

describe('live tokens are spent whatever becomes of the ballot', () => {
  it('marks the token used when the verified ballot is refused, so its replay never calls out', () =>
    withLiveApi(async (api, standIn) => {
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2);
      standIn.issue('spent-on-a-refusal', { hostname: 'vote.example.org', action: 'ballot' });
      // Verified, then refused by a rule: a candidate of no track on this ballot.
      const body = ballotBody(campaign.slug, track.slug, [999_999], 'spent-on-a-refusal');
      const { res: refused } = await postBallot(api, body);
      expect(refused.status).toBe(422);
      expect((await refused.json()).error.code).toBe('rule_violation');
      expect(standIn.calls).toHaveLength(1);
      const { res: replay } = await postBallot(api, { ...body, candidates: [candidates[0]!.id] });
      expect(replay.status).toBe(403);
      expect((await replay.json()).error.details.codes).toEqual(['token-already-used']);
      expect(standIn.calls).toHaveLength(1);
      expect(await ballotCount(track.id)).toBe(0);
    }));

  it('marks a token used that siteverify refused, and a token whose device had voted', () =>
    withLiveApi(async (api, standIn) => {
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2);
      const pick = [candidates[0]!.id];
      // Issued for another action: siteverify answers, the check fails.
      standIn.issue('wrong-action', { hostname: 'vote.example.org', action: 'report' });
      const wrong = (
        await postBallot(api, ballotBody(campaign.slug, track.slug, pick, 'wrong-action'))
      ).res;
      expect(wrong.status).toBe(403);
      expect(standIn.calls).toHaveLength(1);
      const wrongAgain = (
        await postBallot(api, ballotBody(campaign.slug, track.slug, pick, 'wrong-action'))
      ).res;
      expect((await wrongAgain.json()).error.details.codes).toEqual(['token-already-used']);
      expect(standIn.calls).toHaveLength(1);

      standIn.issue('first', { hostname: 'vote.example.org', action: 'ballot' });
      standIn.issue('second', { hostname: 'vote.example.org', action: 'ballot' });
      const { res: first, cookie } = await postBallot(
        api,
        ballotBody(campaign.slug, track.slug, pick, 'first'),
      );
      expect(first.status).toBe(201);
      const { res: second } = await postBallot(
        api,
        ballotBody(campaign.slug, track.slug, pick, 'second'),
        {
          cookie,
        },
      );
      expect(second.status).toBe(409);
      expect(standIn.calls).toHaveLength(3);
      const secondAgain = (
        await postBallot(api, ballotBody(campaign.slug, track.slug, pick, 'second'))
      ).res;
      expect(secondAgain.status).toBe(403);
      expect(standIn.calls).toHaveLength(3);
      expect(await ballotCount(track.id)).toBe(1);
    }));

  it('counts one ballot when the same token arrives twice at once', () =>
    withLiveApi(async (api, standIn) => {
      const { campaign, track, candidates } = await makeOpenBallot(db.db, now, 2, {
        ballotsPerDevicePerDay: 5,
      });
      standIn.issue('twice-at-once', { hostname: 'vote.example.org', action: 'ballot' });
      const body = ballotBody(campaign.slug, track.slug, [candidates[1]!.id], 'twice-at-once');
      const cookie = await deviceCookie((p, i) => api.request(p, i));
      const answers = await Promise.all(
        [0, 1].map(async () => (await postBallot(api, body, { cookie })).res),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 403]);
      expect(await ballotCount(track.id)).toBe(1);
    }));
});

describe('device cookie flags', () => {
  it('is Secure when the site is served over HTTPS, and never readable by scripts', async () => {
    const api = testApi(db, {
      clock: fixedClock(now),
      env: { PUBLIC_BASE_URL: 'https://vote.example.org' },
    });
    const res = await api.request('/api/device');
    expect(res.status).toBe(204);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
  });
});
