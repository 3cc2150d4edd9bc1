import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  ballot,
  ballotCount,
  campaign as campaignTable,
  staffUser,
  tally,
  track,
} from '#src/db/schema/index.ts';
import { analyseVoteIntegrity } from '#src/domain/integrity/analyse-vote-integrity.ts';
import { verifyTallies } from '#src/domain/integrity/verify-tallies.ts';
import { voidBallots } from '#src/domain/integrity/void-ballots.ts';
import { updateTrack } from '#src/domain/tracks/update-track.ts';
import { trackUpdateSchema } from '#src/schemas/campaign-input.ts';
import type { TrackRow } from '#src/domain/campaigns/get-campaign.ts';
import { useTestDb } from '../helpers/harness.ts';
import { makeCampaign, makeOpenBallot, makeTrack } from '../helpers/factories.ts';
import { fixedClock, postBallot, testApi } from '../helpers/test-api.ts';

const start = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
let monitorId: number;

beforeAll(async () => {
  const [m] = await db.db
    .insert(staffUser)
    .values({
      email: 'monitor@example.org',
      displayName: '监测员',
      role: 'monitor',
      passwordHash: 'x',
    })
    .returning();
  monitorId = m!.id;
});

/** Casts `n` ballots for `ids`, each from its own fresh device, from `address`. */
async function cast(
  api: ReturnType<typeof testApi>,
  campaign: string,
  trackSlug: string,
  ids: number[],
  n: number,
  address: string,
) {
  const receipts: string[] = [];
  for (let i = 0; i < n; i++) {
    const { res } = await postBallot(
      api,
      { campaign, track: trackSlug, candidates: ids },
      { client: address },
    );
    expect(res.status).toBe(201);
    receipts.push((await res.json()).receipt);
  }
  return receipts;
}

describe('a stuffing attack, found and voided', () => {
  it('flags the burst with its evidence, voids it by filter, and keeps every row', async () => {
    const clock = fixedClock(start);
    const api = testApi(db, { clock, env: { BALLOT_RATE_PER_MINUTE: '1000' } });
    const {
      campaign,
      track: t,
      candidates,
    } = await makeOpenBallot(db.db, start, 4, {
      ballotsPerAddressPerDay: 500,
    });
    const [honest, target] = [candidates[0]!.id, candidates[1]!.id];
    // Ten quiet minutes: two honest voters a minute from different networks.
    for (let m = 0; m < 10; m++) {
      await cast(api, campaign.slug, t.slug, [honest, target], 1, `198.51.${m}.1`);
      await cast(api, campaign.slug, t.slug, [honest], 1, `192.0.${m}.9`);
      clock.advance(60_000);
    }
    // Then 30 ballots for one candidate within a minute, from fresh devices on one network.
    const burstStart = clock.now();
    const stuffed: string[] = [];
    for (let i = 0; i < 30; i++) {
      stuffed.push(...(await cast(api, campaign.slug, t.slug, [target], 1, `203.0.113.${i % 3}`)));
      clock.advance(1000);
    }
    clock.advance(60_000);

    const report = await analyseVoteIntegrity(db.db, {
      campaignSlug: campaign.slug,
      from: start,
      to: clock.now(),
      now: clock.now(),
    });
    expect(report.tracks[0]!.counted).toBe(50);
    expect(report.flaggedWindows.length).toBeGreaterThanOrEqual(1);
    const flag = report.flaggedWindows[0]!;
    expect(flag.candidateId).toBe(target);
    expect(flag.ballots).toBeGreaterThanOrEqual(8);
    expect(flag.topNetworkShare).toBe(1);
    expect(flag.distinctAddresses).toBe(3);
    expect(flag.newDeviceShare).toBe(1);
    expect(flag.baselinePerMinute).toBeLessThanOrEqual(1);
    // The honest candidate's steady two a minute is never flagged.
    expect(report.flaggedWindows.some((f) => f.candidateId === honest)).toBe(false);
    expect(report.topNetworks[0]!.ballots).toBe(30);

    const [before] = await db.db.select().from(tally).where(eq(tally.candidateId, target));
    const filter = {
      candidateId: target,
      networkHash: flag.topNetworkHash,
      from: burstStart.toISOString(),
      to: clock.now().toISOString(),
    };
    const dry = await voidBallots(db.db, {
      campaignSlug: campaign.slug,
      filter,
      reasonCategory: 'burst',
      note: '一分钟内同一网段集中投票',
      actorId: monitorId,
      now: clock.now(),
      dryRun: true,
    });
    expect(dry.ballots).toBe(30);
    const [unchanged] = await db.db.select().from(tally).where(eq(tally.candidateId, target));
    expect(unchanged!.votes).toBe(before!.votes);

    const done = await voidBallots(db.db, {
      campaignSlug: campaign.slug,
      filter,
      reasonCategory: 'burst',
      note: '一分钟内同一网段集中投票',
      actorId: monitorId,
      now: clock.now(),
      dryRun: false,
    });
    expect(done).toMatchObject({ ballots: 30, votesRemoved: [{ candidateId: target, votes: 30 }] });
    const [after] = await db.db.select().from(tally).where(eq(tally.candidateId, target));
    expect(after!.votes).toBe(before!.votes - 30);

    // The rows stay, with reason, who and when; the receipt says so.
    const rows = await db.db.select().from(ballot).where(eq(ballot.trackId, t.id));
    expect(rows).toHaveLength(50);
    const voided = rows.filter((r) => r.status === 'invalidated');
    expect(voided).toHaveLength(30);
    expect(voided.every((r) => r.invalidReason === 'burst' && r.invalidatedBy === monitorId)).toBe(
      true,
    );
    const receipt = await api.request(`/api/receipts/${stuffed[0]}`);
    expect(await receipt.json()).toMatchObject({ status: 'invalidated', reasonCategory: 'burst' });
    const audit = await db.db.select().from(auditLog).where(eq(auditLog.action, 'ballots.void'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(monitorId);

    // Voiding again finds nothing left to void, and the tallies still reconcile.
    const again = await voidBallots(db.db, {
      campaignSlug: campaign.slug,
      filter,
      reasonCategory: 'burst',
      note: 'x',
      actorId: monitorId,
      now: clock.now(),
      dryRun: false,
    });
    expect(again.ballots).toBe(0);
    expect((await verifyTallies(db.db)).mismatches).toEqual([]);
    const afterVoid = await analyseVoteIntegrity(db.db, {
      campaignSlug: campaign.slug,
      from: start,
      to: clock.now(),
      now: clock.now(),
    });
    expect(afterVoid.tracks[0]).toMatchObject({ counted: 20, invalidated: 30 });
    // The per-track counts the database keeps for the results page moved with the voiding.
    const kept = await db.db.select().from(ballotCount).where(eq(ballotCount.trackId, t.id));
    expect(Object.fromEntries(kept.map((k) => [k.status, k.ballots]))).toEqual({
      counted: 20,
      invalidated: 30,
    });
    expect(afterVoid.flaggedWindows).toEqual([]);
  });

  it('refuses a window that is empty or longer than 31 days', async () => {
    const c = await makeCampaign(db.db, start);
    await expect(
      analyseVoteIntegrity(db.db, { campaignSlug: c.slug, from: start, to: start, now: start }),
    ).rejects.toMatchObject({ code: 'invalid_request', reason: 'window_empty' });
    await expect(
      analyseVoteIntegrity(db.db, {
        campaignSlug: c.slug,
        from: new Date(start.getTime() - 32 * 86_400_000),
        to: start,
        now: start,
      }),
    ).rejects.toMatchObject({ reason: 'window_too_long' });
  });
});

describe('voiding once the result is published', () => {
  const window = {
    from: new Date(start.getTime() - 3600_000).toISOString(),
    to: new Date(start.getTime() + 3600_000).toISOString(),
  };

  async function votedCampaign() {
    const api = testApi(db, { clock: fixedClock(start) });
    const { campaign, track: t, candidates } = await makeOpenBallot(db.db, start, 2);
    await cast(api, campaign.slug, t.slug, [candidates[0]!.id], 3, '198.51.100.30');
    return { campaign, track: t, candidates };
  }
  const voidAll = (slug: string, dryRun = false) =>
    voidBallots(db.db, {
      campaignSlug: slug,
      filter: window,
      reasonCategory: 'burst',
      note: '测试',
      actorId: monitorId,
      now: start,
      dryRun,
    });

  it('is refused from publicity on (409), dry run or not, and the tallies stay', async () => {
    for (const stage of ['publicity', 'concluded'] as const) {
      const { campaign, candidates } = await votedCampaign();
      await db.db.update(campaignTable).set({ stage }).where(eq(campaignTable.id, campaign.id));
      for (const dryRun of [true, false]) {
        await expect(voidAll(campaign.slug, dryRun)).rejects.toMatchObject({
          code: 'conflict',
          reason: 'void_after_review',
        });
      }
      const [row] = await db.db
        .select()
        .from(tally)
        .where(eq(tally.candidateId, candidates[0]!.id));
      expect(row!.votes).toBe(3);
    }
  });

  it('is still possible while the vote is reviewed, before publicity', async () => {
    const { campaign } = await votedCampaign();
    await db.db
      .update(campaignTable)
      .set({ stage: 'committee_vote' })
      .where(eq(campaignTable.id, campaign.id));
    expect((await voidAll(campaign.slug)).ballots).toBe(3);
  });

  it('is refused by the database for any writer, and un-voiding too', async () => {
    const { campaign } = await votedCampaign();
    const rows = await db.db.select().from(ballot).where(eq(ballot.campaignId, campaign.id));
    await voidBallots(db.db, {
      campaignSlug: campaign.slug,
      filter: { ...window, deviceHash: rows[0]!.deviceHash },
      reasonCategory: 'burst',
      note: '测试',
      actorId: monitorId,
      now: start,
      dryRun: false,
    });
    await db.db
      .update(campaignTable)
      .set({ stage: 'publicity' })
      .where(eq(campaignTable.id, campaign.id));
    await expect(
      db.db
        .update(ballot)
        .set({ status: 'invalidated', invalidReason: 'burst', invalidatedAt: start })
        .where(eq(ballot.id, rows[1]!.id)),
    ).rejects.toThrow();
    await expect(
      db.db
        .update(ballot)
        .set({ status: 'counted', invalidReason: null, invalidatedAt: null })
        .where(eq(ballot.id, rows[0]!.id)),
    ).rejects.toThrow();
  });

  it('is refused over a window longer than 31 days or an empty one (400), even as a dry run', async () => {
    const { campaign } = await votedCampaign();
    const voidOver = (from: string, to: string) =>
      voidBallots(db.db, {
        campaignSlug: campaign.slug,
        filter: { from, to },
        reasonCategory: 'burst',
        note: '测试',
        actorId: monitorId,
        now: start,
        dryRun: true,
      });
    await expect(voidOver('2000-01-01T00:00:00Z', '2099-12-31T00:00:00Z')).rejects.toMatchObject({
      code: 'invalid_request',
      reason: 'window_too_long',
      details: { maxDays: 31 },
    });
    await expect(voidOver(window.from, window.from)).rejects.toMatchObject({
      reason: 'window_empty',
    });
    const month = new Date(Date.parse(window.from) + 31 * 86_400_000).toISOString();
    expect((await voidOver(window.from, month)).ballots).toBe(3);
  });
});

describe('tally verification', () => {
  it('finds a tally changed behind the application’s back', async () => {
    const api = testApi(db, { clock: fixedClock(start) });
    const { campaign, track: t, candidates } = await makeOpenBallot(db.db, start, 2);
    const { res } = await postBallot(api, {
      campaign: campaign.slug,
      track: t.slug,
      candidates: [candidates[0]!.id],
    });
    expect(res.status).toBe(201);
    expect((await verifyTallies(db.db)).mismatches).toEqual([]);
    await db.db.update(tally).set({ votes: 99 }).where(eq(tally.candidateId, candidates[0]!.id));
    expect((await verifyTallies(db.db)).mismatches).toEqual([
      { candidateId: candidates[0]!.id, stored: 99, recomputed: 1 },
    ]);
    await db.db.update(tally).set({ votes: 1 }).where(eq(tally.candidateId, candidates[0]!.id));
  });
});

describe('rules frozen once voting opens', () => {
  const rules = {
    quota: 6,
    maxPicks: 4,
    minPicks: 1,
    ballotsPerDevicePerDay: 2,
    ballotsPerAddressPerDay: 80,
  };
  /** The track's whole form as the staff API sends it (trackUpdateSchema), with `rules`. */
  const update = (t: TrackRow, changes: Partial<typeof rules> = rules) =>
    trackUpdateSchema.parse({
      kind: t.kind,
      name: t.name,
      description: t.description,
      position: t.position,
      ...rules,
      ...changes,
    });

  it('may change during review', async () => {
    const c = await makeCampaign(db.db, start, { stage: 'review' });
    const t = await makeTrack(db.db, c.id);
    await updateTrack(db.db, {
      campaignSlug: c.slug,
      trackSlug: t.slug,
      track: update(t),
      actorId: monitorId,
      now: start,
    });
    const row = await db.db.query.track.findFirst({ where: eq(track.id, t.id) });
    expect(row).toMatchObject(rules);
  });

  it('is refused, audit-logged and held by the database once the vote is open', async () => {
    const { campaign: c, track: t } = await makeOpenBallot(db.db, start, 1);
    await expect(
      updateTrack(db.db, {
        campaignSlug: c.slug,
        trackSlug: t.slug,
        track: update(t),
        actorId: monitorId,
        now: start,
      }),
    ).rejects.toMatchObject({ code: 'conflict', reason: 'rules_frozen' });
    const row = await db.db.query.track.findFirst({ where: eq(track.id, t.id) });
    expect(row!.maxPicks).toBe(t.maxPicks);
    const refused = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(t.id)));
    expect(refused.map((r) => r.action)).toEqual(['track.rules_change_refused']);
    // A writer that skips the application is refused by the trigger.
    await expect(
      db.db.update(track).set({ maxPicks: 1 }).where(eq(track.id, t.id)),
    ).rejects.toThrow();
    // Renaming is not a rule and stays possible.
    await db.db.update(track).set({ name: '改名' }).where(eq(track.id, t.id));
  });

  it('checks the bounds it is given, on the field to change', async () => {
    const c = await makeCampaign(db.db, start, { stage: 'review' });
    const t = await makeTrack(db.db, c.id);
    const tooMany = trackUpdateSchema.safeParse({ ...update(t), maxPicks: 9 });
    expect(tooMany.error?.issues).toMatchObject([{ path: ['maxPicks'] }]);
    const fewerThanLeast = trackUpdateSchema.safeParse({ ...update(t), minPicks: 5 });
    expect(fewerThanLeast.error?.issues).toMatchObject([{ path: ['minPicks'] }]);
  });
});
