import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ballot, ballotPick, campaign, candidate, track } from '#src/db/schema/index.ts';
import { useTestDb } from '../helpers/harness.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();

/** The database refuses these writes itself, whatever process or tool sends them. */
describe('rules held by the database', () => {
  it('runs with WAL, foreign keys and a busy timeout', async () => {
    const mode = await db.client.execute('PRAGMA journal_mode');
    expect(mode.rows[0]![0]).toBe('wal');
    const fk = await db.client.execute('PRAGMA foreign_keys');
    expect(Number(fk.rows[0]![0])).toBe(1);
    const busy = await db.client.execute('PRAGMA busy_timeout');
    expect(Number(busy.rows[0]![0])).toBeGreaterThanOrEqual(1000);
  });

  it('keeps the audit log append-only', async () => {
    await db.db
      .insert(auditLog)
      .values({ at: now, action: 'test', entityType: 't', entityId: '1' });
    await expect(db.db.update(auditLog).set({ action: 'changed' })).rejects.toThrow();
    await expect(db.db.delete(auditLog)).rejects.toThrow();
    const rows = await db.db.select().from(auditLog).where(eq(auditLog.action, 'test'));
    expect(rows).toHaveLength(1);
  });

  it('refuses unknown stages, bad slugs and picks above the quota', async () => {
    const c = await makeCampaign(db.db, now);
    await expect(
      db.db
        .update(campaign)
        .set({ stage: 'voting' as never })
        .where(eq(campaign.id, c.id)),
    ).rejects.toThrow();
    await expect(makeCampaign(db.db, now, { slug: 'Has Spaces' })).rejects.toThrow();
    await expect(makeTrack(db.db, c.id, { quota: 3, maxPicks: 4 })).rejects.toThrow();
    await expect(makeTrack(db.db, c.id, { minPicks: 0 })).rejects.toThrow();
    await expect(
      makeCampaign(db.db, now, { voteOpensAt: now, voteClosesAt: now }),
    ).rejects.toThrow();
  });

  it('caps ballots per device per day even for a writer that skips the application', async () => {
    const c = await makeCampaign(db.db, now);
    const t = await makeTrack(db.db, c.id, { ballotsPerDevicePerDay: 1 });
    const row = (seq: number, receipt: string) => ({
      receipt,
      campaignId: c.id,
      trackId: t.id,
      deviceHash: 'd',
      addressHash: `a${seq}`,
      day: '2026-11-20',
      deviceSeq: seq,
      addressSeq: 1,
      castAt: now,
    });
    await db.db.insert(ballot).values(row(1, 'R1'));
    // Same slot again: the unique key refuses it.
    await expect(db.db.insert(ballot).values(row(1, 'R2'))).rejects.toThrow();
    // The next slot is over the track's limit: the trigger refuses it.
    await expect(db.db.insert(ballot).values(row(2, 'R3'))).rejects.toThrow();
    const [n] = await db.db
      .select({ n: sql<number>`count(*)` })
      .from(ballot)
      .where(eq(ballot.trackId, t.id));
    expect(Number(n!.n)).toBe(1);
  });

  it('never deletes ballots or picks, and refuses a pick from another track', async () => {
    const c = await makeCampaign(db.db, now);
    const t = await makeTrack(db.db, c.id);
    const other = await makeTrack(db.db, c.id);
    const mine = await makeCandidate(db.db, t);
    const foreign = await makeCandidate(db.db, other);
    const [b] = await db.db
      .insert(ballot)
      .values({
        receipt: 'R-PICKS',
        campaignId: c.id,
        trackId: t.id,
        deviceHash: 'd2',
        addressHash: 'a2',
        day: '2026-11-20',
        deviceSeq: 1,
        addressSeq: 1,
        castAt: now,
      })
      .returning();
    await db.db.insert(ballotPick).values({ ballotId: b!.id, candidateId: mine.id });
    await expect(
      db.db.insert(ballotPick).values({ ballotId: b!.id, candidateId: mine.id }),
    ).rejects.toThrow();
    await expect(
      db.db.insert(ballotPick).values({ ballotId: b!.id, candidateId: foreign.id }),
    ).rejects.toThrow();
    await expect(db.db.delete(ballotPick).where(eq(ballotPick.ballotId, b!.id))).rejects.toThrow();
    await expect(db.db.delete(ballot).where(eq(ballot.id, b!.id))).rejects.toThrow();
    // A voided ballot must say why and when.
    await expect(
      db.db.update(ballot).set({ status: 'invalidated' }).where(eq(ballot.id, b!.id)),
    ).rejects.toThrow();
  });

  it('refuses to delete a track that still has candidates', async () => {
    const c = await makeCampaign(db.db, now);
    const t = await makeTrack(db.db, c.id);
    await makeCandidate(db.db, t);
    await expect(db.db.delete(track).where(eq(track.id, t.id))).rejects.toThrow();
  });
});

describe('the committee outcome', () => {
  it('cannot change by any writer once publicity has begun, and can before', async () => {
    const c = await makeCampaign(db.db, new Date(), { stage: 'committee_vote' });
    const t = await makeTrack(db.db, c.id);
    const elected = await makeCandidate(db.db, t, { status: 'elected' });
    const setStatus = (status: 'elected' | 'not_elected') =>
      db.db.update(candidate).set({ status }).where(eq(candidate.id, elected.id));
    await setStatus('not_elected');
    await setStatus('elected');
    await db.db.update(campaign).set({ stage: 'publicity' }).where(eq(campaign.id, c.id));
    await expect(setStatus('not_elected')).rejects.toThrow();
    const [row] = await db.db
      .select({ status: candidate.status })
      .from(candidate)
      .where(eq(candidate.id, elected.id));
    expect(row!.status).toBe('elected');
  });
});
