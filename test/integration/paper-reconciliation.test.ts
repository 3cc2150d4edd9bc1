import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, paperResolution } from '#src/db/schema/index.ts';
import { compareBatchPasses } from '#src/domain/paper/compare-batch-passes.ts';
import { formatSerial } from '#src/domain/paper/compute-check-digit.ts';
import { registerBallotBatch } from '#src/domain/paper/register-ballot-batch.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { fixedClock } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const accounts: Record<string, StaffRole> = {
  teller1: 'teller',
  teller2: 'teller',
  admin: 'admin',
  monitor: 'monitor',
  editor: 'editor',
};
const people = useStaffSessions(api, db, accounts);

const post = (who: string, path: string, body: unknown = {}) =>
  people.send(who, 'POST', path, body);

async function batchOf(channel: 'paper' | 'onsite') {
  const c = await makeCampaign(db.db, now);
  const t = await makeTrack(db.db, c.id, { paperChannel: true, onsiteChannel: true, maxPicks: 2 });
  const numbers = [];
  for (let i = 0; i < 3; i++) numbers.push((await makeCandidate(db.db, t)).number);
  const batch = await registerBallotBatch(db.db, {
    campaignSlug: c.slug,
    batch: { trackSlug: t.slug, channel, label: '批次', destination: '收票点', ballotCount: 10 },
    actorId: people.as('editor').id,
    now,
  });
  return { batch, numbers, serial: (i: number) => formatSerial(batch.firstSerial + i) };
}

describe('double entry and reconciliation', () => {
  it('lists differences ballot by ballot; only agreed and settled readings count', async () => {
    const { batch, numbers: n, serial } = await batchOf('paper');
    const path = `/api/staff/batches/${batch.id}`;
    // Pass 1 and pass 2 agree on serial 0, differ on serial 1, and only pass 1 has serial 2.
    for (const [who, i, picks] of [
      ['teller1', 0, [n[0]]],
      ['teller1', 1, [n[0], n[1]]],
      ['teller1', 2, [n[2]]],
      ['teller2', 0, [n[0]]],
      ['teller2', 1, [n[0], n[2]]],
    ] as const) {
      expect((await post(who, `${path}/entries`, { serial: serial(i), picks })).status).toBe(201);
    }
    // Nothing to settle while a pass is still being entered.
    const early = await post('admin', `${path}/resolutions`, { serial: serial(1), picks: [n[0]] });
    expect((await early.json()).error.reason).toBe('batch_not_ready');
    expect((await compareBatchPasses(db.db, batch.id)).state).toBe('entering');
    for (const who of ['teller1', 'teller2']) {
      expect((await post(who, `${path}/finish`)).status).toBe(200);
    }
    // A finished pass takes nothing more.
    const late = await post('teller1', `${path}/entries`, { serial: serial(3), picks: [n[0]] });
    expect((await late.json()).error.reason).toBe('pass_finished');
    let comparison = await compareBatchPasses(db.db, batch.id);
    expect(comparison.state).toBe('differences');
    expect([...comparison.agreed.keys()]).toEqual([batch.firstSerial]);
    expect(comparison.differences.map((d) => [d.serial - batch.firstSerial, d.pass2])).toEqual([
      [1, { picks: [n[0], n[2]], invalidReason: null }],
      [2, null],
    ]);
    // Only admins and monitors settle, each ballot once, only where the passes differ.
    expect(
      (await post('editor', `${path}/resolutions`, { serial: serial(1), picks: [n[0]] })).status,
    ).toBe(403);
    expect(
      (await post('teller1', `${path}/resolutions`, { serial: serial(1), picks: [n[0]] })).status,
    ).toBe(403);
    const same = await post('admin', `${path}/resolutions`, { serial: serial(0), picks: [n[0]] });
    expect((await same.json()).error.reason).toBe('no_difference');
    const settled = await post('admin', `${path}/resolutions`, {
      serial: serial(1),
      picks: [n[0], n[1]],
      note: '对照原票，第二个勾在 2 号',
    });
    expect(settled.status).toBe(201);
    const twice = await post('monitor', `${path}/resolutions`, { serial: serial(1), picks: [] });
    expect((await twice.json()).error.reason).toBe('already_resolved');
    comparison = await compareBatchPasses(db.db, batch.id);
    expect(comparison.state).toBe('differences');
    // The ballot only pass 1 saw is not in the batch after all.
    expect(
      (await post('monitor', `${path}/resolutions`, { serial: serial(2), absent: true })).status,
    ).toBe(201);
    comparison = await compareBatchPasses(db.db, batch.id);
    expect(comparison.state).toBe('reconciled');
    expect(comparison.differences.map((d) => d.resolution?.reading ?? null)).toEqual([
      { picks: [n[0], n[1]], invalidReason: null },
      null,
    ]);
    const audited = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'paper_resolution.resolve'));
    expect(audited).toHaveLength(2);
    // Final, whoever writes.
    const [row] = await db.db.select().from(paperResolution).limit(1);
    await expect(
      db.db.update(paperResolution).set({ note: 'x' }).where(eq(paperResolution.id, row!.id)),
    ).rejects.toThrow();
    await expect(
      db.db.delete(paperResolution).where(eq(paperResolution.id, row!.id)),
    ).rejects.toThrow();
  });

  it('settles two different tally sheets by adopting the right one', async () => {
    const { batch, numbers: n } = await batchOf('onsite');
    const path = `/api/staff/batches/${batch.id}`;
    const sheet = (a: number) => ({
      ballotsCast: 8,
      invalidBallots: 1,
      counts: { [String(n[0])]: a, [String(n[1])]: 3 },
      totalVotes: a + 3,
    });
    expect((await post('teller1', `${path}/tally`, sheet(5))).status).toBe(201);
    expect((await post('teller2', `${path}/tally`, sheet(6))).status).toBe(201);
    for (const who of ['teller1', 'teller2']) await post(who, `${path}/finish`);
    let comparison = await compareBatchPasses(db.db, batch.id);
    expect(comparison.state).toBe('differences');
    expect(comparison.tally?.differ).toBe(true);
    expect((await post('monitor', `${path}/tally-resolution`, { pass: 2 })).status).toBe(201);
    expect(
      (await (await post('admin', `${path}/tally-resolution`, { pass: 1 })).json()).error.reason,
    ).toBe('tally_already_resolved');
    comparison = await compareBatchPasses(db.db, batch.id);
    expect(comparison.state).toBe('reconciled');
    expect(comparison.tally?.adopted?.sheetId).toBe(comparison.tally?.pass2?.id);
  });

  it('needs no settling where both passes agree', async () => {
    const { batch, numbers: n, serial } = await batchOf('paper');
    const path = `/api/staff/batches/${batch.id}`;
    for (const who of ['teller1', 'teller2']) {
      await post(who, `${path}/entries`, { serial: serial(0), picks: [n[1]] });
      await post(who, `${path}/entries`, { serial: serial(1), picks: [] });
      await post(who, `${path}/finish`);
    }
    const comparison = await compareBatchPasses(db.db, batch.id);
    expect(comparison.state).toBe('reconciled');
    expect(comparison.agreed.size).toBe(2);
    expect(comparison.agreed.get(batch.firstSerial + 1)).toEqual({
      picks: [],
      invalidReason: 'none',
    });
  });
});
