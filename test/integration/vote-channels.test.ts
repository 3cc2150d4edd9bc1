import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaign, track } from '#src/db/schema/index.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { fixedClock } from '../helpers/test-api.ts';

const clock = fixedClock(new Date('2026-10-01T02:00:00Z'));
const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['editor']);

/** What a trigger said: drizzle wraps the driver's error as the cause of its own. */
async function refusal(write: PromiseLike<unknown>): Promise<string> {
  try {
    await write;
  } catch (e) {
    return String((e as { cause?: unknown }).cause ?? e);
  }
  return 'accepted';
}

const send = (method: string, path: string, body?: unknown) =>
  staff.send('editor', method, path, body);

const base = { kind: 'unit', name: '好单位', quota: 3, maxPicks: 3 };

async function campaignWithTrack(slug: string, rules: Record<string, unknown>) {
  const made = await send('POST', '/api/staff/campaigns', {
    slug,
    year: 2027,
    title: '渠道测试评选',
    organiser: '中共测试市委组织部',
  });
  expect(made.status).toBe(201);
  return send('POST', `/api/staff/campaigns/${slug}/tracks`, { slug: 'units', ...base, ...rules });
}

describe('channels and weights as rules of a track', () => {
  it('keeps the channels and weights a track is given', async () => {
    const res = await campaignWithTrack('ch-ok', {
      paperChannel: true,
      onsiteChannel: true,
      weightOnline: 15,
      weightPaper: 50,
      weightOnsite: 35,
    });
    expect(res.status).toBe(201);
    const row = await db.db.query.track.findFirst({ where: eq(track.slug, 'units') });
    expect(row).toMatchObject({ paperChannel: true, onsiteChannel: true, weightPaper: 50 });
  });

  it('refuses weights that are partial, do not sum to 100, or weigh a channel that does not run', async () => {
    for (const [slug, rules, field] of [
      ['ch-partial', { paperChannel: true, weightOnline: 50, weightPaper: 50 }, 'weightOnline'],
      [
        'ch-sum',
        { paperChannel: true, weightOnline: 50, weightPaper: 40, weightOnsite: 0 },
        'weightOnline',
      ],
      ['ch-off', { weightOnline: 50, weightPaper: 50, weightOnsite: 0 }, 'weightPaper'],
    ] as const) {
      const res = await campaignWithTrack(slug, rules);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
  });

  it('the database refuses bad weights from any writer', async () => {
    const row = await db.db.query.track.findFirst({ where: eq(track.slug, 'units') });
    expect(
      await refusal(db.db.update(track).set({ weightPaper: 60 }).where(eq(track.id, row!.id))),
    ).toMatch(/channel weights/);
    expect(
      await refusal(db.db.update(track).set({ paperChannel: false }).where(eq(track.id, row!.id))),
    ).toMatch(/channel weights/);
  });

  it('freezes channels and weights when the vote opens, in the application and the database', async () => {
    const res = await campaignWithTrack('ch-frozen', { paperChannel: true });
    expect(res.status).toBe(201);
    await db.db
      .update(campaign)
      .set({ stage: 'public_vote' })
      .where(eq(campaign.slug, 'ch-frozen'));
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, 'ch-frozen') });
    const refused = await send('PUT', '/api/staff/campaigns/ch-frozen/tracks/units', {
      ...base,
      paperChannel: true,
      onsiteChannel: true,
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.reason).toBe('rules_frozen');
    const renamed = await send('PUT', '/api/staff/campaigns/ch-frozen/tracks/units', {
      ...base,
      name: '新名称',
      paperChannel: true,
    });
    expect(renamed.status).toBe(200);
    const [t] = await db.db.select().from(track).where(eq(track.campaignId, c!.id));
    for (const change of [
      { onsiteChannel: true },
      { paperChannel: false },
      { weightOnline: 50, weightPaper: 50, weightOnsite: 0 },
    ]) {
      expect(await refusal(db.db.update(track).set(change).where(eq(track.id, t!.id)))).toMatch(
        /frozen/,
      );
    }
  });
});
