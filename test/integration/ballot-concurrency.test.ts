import { spawn, type ChildProcess } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballot } from '#src/db/schema/index.ts';
import { verifyTallies } from '#src/domain/integrity/verify-tallies.ts';
import { useTestDb } from '../helpers/harness.ts';
import { makeOpenBallot } from '../helpers/factories.ts';
import { deviceCookie, solvedProof, type Requester } from '../helpers/bot-proof.ts';
import { fixedClock, jsonRequest, testApi, testSecret } from '../helpers/test-api.ts';

const db = useTestDb();

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
    const request: Requester = (p, init) => api.request(p, init);
    const cookie = await deviceCookie(request);
    const send = (i: number, proof: string) =>
      api.request(
        '/api/ballots',
        jsonRequest(
          {
            campaign: campaign.slug,
            track: track.slug,
            candidates: [candidates[i % 3]!.id],
            botCheck: proof,
          },
          { cookie },
        ),
      );
    expect((await send(0, await solvedProof(request))).status).toBe(201);
    // Every ballot has its own solved proof, so only the limit can refuse them.
    const proofs: string[] = [];
    for (let i = 0; i < 200; i++) proofs.push(await solvedProof(request));
    const results = await Promise.all(proofs.map((proof, i) => send(i, proof)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(198);
    expect(await ballotsIn(track.id)).toBe(3);
    expect((await verifyTallies(db.db)).mismatches).toEqual([]);
  });
});

/** Two API processes on one database file, sharing the secret, as a scaled-out site runs. */
describe('two server processes on one database file', () => {
  const processes: ChildProcess[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
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
  });
  afterAll(() => {
    for (const p of processes) p.kill('SIGTERM');
  });

  const on =
    (i: number): Requester =>
    (path, init) =>
      fetch(`http://127.0.0.1:${ports[i % 2]!}${path}`, init);
  /** Proofs from either process's challenge endpoint, in turn: they share the secret. */
  const proofs = async (n: number, action: 'ballot' | 'report' = 'ballot') => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(await solvedProof(on(i), action));
    return out;
  };
  async function openTrack(limits: {
    ballotsPerDevicePerDay: number;
    ballotsPerAddressPerDay: number;
  }) {
    const { campaign, track, candidates } = await makeOpenBallot(db.db, new Date(), 2, limits);
    const post = (i: number, proof: string, headers: Record<string, string>) =>
      on(i)('/api/ballots', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          campaign: campaign.slug,
          track: track.slug,
          candidates: [candidates[0]!.id],
          botCheck: proof,
        }),
      });
    return { track, post };
  }

  it('holds the daily limits per device and per address', async () => {
    const { track, post } = await openTrack({
      ballotsPerDevicePerDay: 2,
      ballotsPerAddressPerDay: 10,
    });
    // One device (one cookie), 60 ballots spread over both processes at once.
    const cookie = await deviceCookie(on(0));
    const forDevice = await proofs(60);
    const device = await Promise.all(
      forDevice.map((proof, i) =>
        post(i, proof, { cookie, 'x-test-client': `198.51.100.${2 + (i % 50)}` }),
      ),
    );
    expect(device.filter((r) => r.status === 201)).toHaveLength(2);
    expect(device.filter((r) => r.status === 409)).toHaveLength(58);
    // One address, many devices of its own, over both processes: at most 10 a day.
    const forAddress = await proofs(40);
    const devices = await Promise.all(forAddress.map((_, i) => deviceCookie(on(i))));
    const address = await Promise.all(
      forAddress.map((proof, i) =>
        post(i, proof, { cookie: devices[i]!, 'x-test-client': '192.0.2.77' }),
      ),
    );
    expect(address.filter((r) => r.status === 201)).toHaveLength(10);
    expect(address.filter((r) => r.status === 409)).toHaveLength(30);
    expect([...device, ...address].some((r) => r.status >= 500)).toBe(false);
    expect(await ballotsIn(track.id)).toBe(12);
    expect((await verifyTallies(db.db)).mismatches).toEqual([]);
  });

  it('counts exactly one of two simultaneous ballots from one fresh browser', async () => {
    const { track, post } = await openTrack({
      ballotsPerDevicePerDay: 1,
      ballotsPerAddressPerDay: 50,
    });
    // The browser got its device when the page loaded, then tapped twice, once per process.
    const cookie = await deviceCookie(on(1));
    const [a, b] = await proofs(2);
    const both = await Promise.all([
      post(0, a!, { cookie, 'x-test-client': '198.51.100.200' }),
      post(1, b!, { cookie, 'x-test-client': '198.51.100.200' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await ballotsIn(track.id)).toBe(1);
  });

  it('refuses, in either process, a proof the other accepted, one made for reports, and a ballot without a device', async () => {
    const { track, post } = await openTrack({
      ballotsPerDevicePerDay: 5,
      ballotsPerAddressPerDay: 50,
    });
    const cookie = await deviceCookie(on(0));
    const headers = { cookie, 'x-test-client': '198.51.100.201' };
    const [proof] = await proofs(1);
    expect((await post(0, proof!, headers)).status).toBe(201);
    const replay = await post(1, proof!, headers);
    expect(replay.status).toBe(403);
    expect((await replay.json()).error).toMatchObject({
      code: 'bot_check_failed',
      details: { codes: ['token-already-used'] },
    });

    const [forReports] = await proofs(1, 'report');
    const wrongAction = await post(1, forReports!, headers);
    expect(wrongAction.status).toBe(403);
    expect((await wrongAction.json()).error.details.codes).toEqual(['action-mismatch']);
    // Spent by its refusal in one process: the other refuses it without judging it again.
    const again = await post(0, forReports!, headers);
    expect((await again.json()).error.details.codes).toEqual(['token-already-used']);

    const [unspent] = await proofs(1);
    const noDevice = await post(1, unspent!, { 'x-test-client': '198.51.100.201' });
    expect(noDevice.status).toBe(428);
    expect((await noDevice.json()).error.code).toBe('device_required');
    // Refused before the bot check: the proof is still good in the other process.
    expect((await post(0, unspent!, headers)).status).toBe(201);
    expect(await ballotsIn(track.id)).toBe(2);
  });
});
