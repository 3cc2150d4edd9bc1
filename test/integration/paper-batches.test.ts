import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ballotBatch } from '#src/db/schema/index.ts';
import { formatSerial, parseSerial } from '#src/domain/paper/compute-check-digit.ts';
import { getBallotPrint } from '#src/domain/paper/get-ballot-print.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { certifyAsMonitor } from '../helpers/staff.ts';
import { fixedClock } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const { send } = useStaffSessions(api, db, ['admin', 'editor', 'monitor']);

async function refusal(write: PromiseLike<unknown>): Promise<string> {
  try {
    await write;
  } catch (e) {
    return String((e as { cause?: unknown }).cause ?? e);
  }
  return 'accepted';
}

async function paperCampaign(overrides: Parameters<typeof makeCampaign>[2] = {}) {
  const c = await makeCampaign(db.db, now, overrides);
  const t = await makeTrack(db.db, c.id, { paperChannel: true, kind: 'unit', maxPicks: 2 });
  const candidates = [];
  for (let i = 0; i < 3; i++) candidates.push(await makeCandidate(db.db, t));
  await makeCandidate(db.db, t, { status: 'withdrawn' });
  return { campaign: c, track: t, candidates };
}

const batch = (trackSlug: string, over: Record<string, unknown> = {}) => ({
  trackSlug,
  channel: 'paper',
  label: '《澄川日报》12月1日版',
  destination: '寄澄川市委组织部（人民路1号）',
  ballotCount: 250,
  ...over,
});

describe('printed ballot batches', () => {
  it('gives each batch the next serial range, never overlapping, and audits it', async () => {
    const { campaign, track } = await paperCampaign();
    const path = `/api/staff/campaigns/${campaign.slug}/batches`;
    const first = await send('editor', 'POST', path, batch(track.slug));
    expect(first.status).toBe(201);
    const second = await send('admin', 'POST', path, batch(track.slug, { ballotCount: 10 }));
    const a = (await first.json()).batch;
    const b = (await second.json()).batch;
    expect(b.firstSerial).toBe(a.firstSerial + 250);
    const list = await (await send('monitor', 'GET', path)).json();
    expect(list.batches).toHaveLength(2);
    expect(list.batches[0].firstSerial).toBe(formatSerial(a.firstSerial));
    expect(parseSerial(list.batches[0].lastSerial)).toEqual({
      ok: true,
      body: a.firstSerial + 249,
    });
    const audited = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'ballot_batch.register'));
    expect(audited).toHaveLength(2);
    // Whoever writes, ranges stay disjoint and batches unchanged.
    expect(
      await refusal(
        db.db.insert(ballotBatch).values({
          campaignId: campaign.id,
          trackId: track.id,
          channel: 'paper',
          label: 'x',
          destination: 'y',
          ballotCount: 5,
          firstSerial: a.firstSerial + 100,
          registeredBy: audited[0]!.actorId!,
          registeredAt: now,
        }),
      ),
    ).toMatch(/overlap/);
    expect(
      await refusal(
        db.db.update(ballotBatch).set({ ballotCount: 1 }).where(eq(ballotBatch.id, a.id)),
      ),
    ).toMatch(/never changes/);
    expect(await refusal(db.db.delete(ballotBatch).where(eq(ballotBatch.id, a.id)))).toMatch(
      /never deleted/,
    );
  });

  it('refuses a channel the track does not run, and a monitor', async () => {
    const { campaign, track } = await paperCampaign();
    const path = `/api/staff/campaigns/${campaign.slug}/batches`;
    const onsite = await send('editor', 'POST', path, batch(track.slug, { channel: 'onsite' }));
    expect(onsite.status).toBe(409);
    expect((await onsite.json()).error.reason).toBe('channel_not_run');
    expect((await send('monitor', 'POST', path, batch(track.slug))).status).toBe(403);
    const bad = await send('editor', 'POST', path, batch(track.slug, { ballotCount: 0 }));
    expect(bad.status).toBe(400);
  });

  it('refuses batches once the results are certified, in the application and the database', async () => {
    const { campaign, track } = await paperCampaign({
      voteOpensAt: new Date(now.getTime() - 48 * 3600_000),
      voteClosesAt: new Date(now.getTime() - 3600_000),
    });
    await certifyAsMonitor(db.db, campaign.slug, now);
    const res = await send(
      'editor',
      'POST',
      `/api/staff/campaigns/${campaign.slug}/batches`,
      batch(track.slug),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.reason).toBe('paper_after_certification');
  });

  it('prints every shortlisted candidate and one serial per ballot, in parts', async () => {
    const { campaign, track, candidates } = await paperCampaign();
    const res = await send(
      'editor',
      'POST',
      `/api/staff/campaigns/${campaign.slug}/batches`,
      batch(track.slug),
    );
    const made = (await res.json()).batch;
    const part1 = await getBallotPrint(db.db, {
      campaignSlug: campaign.slug,
      batchId: made.id,
      part: 1,
    });
    expect(part1.candidates.map((c) => c.number)).toEqual(candidates.map((c) => c.number));
    expect(part1.parts).toBe(2);
    expect(part1.serials).toHaveLength(200);
    expect(part1.serials[0]).toBe(formatSerial(made.firstSerial));
    const part2 = await getBallotPrint(db.db, {
      campaignSlug: campaign.slug,
      batchId: made.id,
      part: 2,
    });
    expect(part2.serials).toHaveLength(50);
    expect(part2.serials.at(-1)).toBe(formatSerial(made.firstSerial + 249));
    await expect(
      getBallotPrint(db.db, { campaignSlug: campaign.slug, batchId: made.id, part: 3 }),
    ).rejects.toMatchObject({ reason: 'batch_part_not_found' });
    await expect(
      getBallotPrint(db.db, { campaignSlug: 'elsewhere', batchId: made.id, part: 1 }),
    ).rejects.toMatchObject({ reason: 'batch_not_found' });
  });
});
