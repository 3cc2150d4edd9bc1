import { describe, expect, it } from 'vitest';
import { ballot, report } from '#src/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { recordAuditEntry } from '#src/domain/audit/record-audit-entry.ts';
import { listCampaigns } from '#src/domain/campaigns/list-campaigns.ts';
import { summariseVote } from '#src/domain/integrity/summarise-vote.ts';
import { countAwaitingReports } from '#src/domain/reports/count-awaiting-reports.ts';
import {
  makeCampaign,
  makeCandidate,
  makeCountedBallot,
  makePublishedNotice,
  makeTrack,
} from '../helpers/factories.ts';
import { useTestDb } from '../helpers/harness.ts';

const now = new Date('2026-11-20T04:00:00Z'); // 12:00 in Beijing
const db = useTestDb();

describe('the vote dashboard', () => {
  it('counts ballots today, in the last hour and in all per track, without voided ones', async () => {
    const c = await makeCampaign(db.db, now);
    const units = await makeTrack(db.db, c.id, { kind: 'unit', name: '好单位', position: 0 });
    const cadres = await makeTrack(db.db, c.id, { name: '好干部', position: 1 });
    const u = await makeCandidate(db.db, units);
    const p = await makeCandidate(db.db, cadres);
    const cast = (trackId: number, candidateId: number, minutesAgo: number) =>
      makeCountedBallot(db.db, {
        campaignId: c.id,
        trackId,
        candidateIds: [candidateId],
        castAt: new Date(now.getTime() - minutesAgo * 60_000),
      });
    await cast(units.id, u.id, 10); // today, last hour
    await cast(units.id, u.id, 90); // today
    await cast(units.id, u.id, 13 * 60); // yesterday in Beijing (23:00)
    await cast(cadres.id, p.id, 30);
    await cast(cadres.id, p.id, 40);
    // A voided ballot is out of every figure.
    await db.db
      .update(ballot)
      .set({ status: 'invalidated', invalidReason: 'other', invalidatedAt: now })
      .where(eq(ballot.castAt, new Date(now.getTime() - 40 * 60_000)));
    const summary = (await listCampaigns(db.db)).find((s) => s.campaign.id === c.id)!;
    const v = await summariseVote(db.db, { campaign: summary, now });
    expect(v.today).toBe('2026-11-20');
    expect(v.tracks).toEqual([
      { slug: units.slug, name: '好单位', today: 2, lastHour: 1, total: 3 },
      { slug: cadres.slug, name: '好干部', today: 1, lastHour: 1, total: 1 },
    ]);
    expect(v.openFlags).toBe(0);
  });

  it('counts reports no supervisor has seen, by list or one by one', async () => {
    const c = await makeCampaign(db.db, now, { stage: 'publicity' });
    const t = await makeTrack(db.db, c.id);
    const elected = await makeCandidate(db.db, t, { status: 'elected' });
    const n = await makePublishedNotice(db.db, {
      campaignId: c.id,
      slug: `${c.slug}-1`,
      fields: {
        serial: '澄组公〔2026〕9号',
        title: '公示',
        lead: '现予以公示。',
        periodStart: '2026-11-19',
        periodEnd: '2026-11-25',
        reportPhone: '0519-12380',
        reportAddress: '地址',
        reportPostcode: '213399',
        reportVisit: '来访',
        reportWeb: 'http://127.0.0.1:4321/',
        reportRules: '要求',
        signature: '组织部',
        signedOn: '2026-11-18',
      },
      entries: [],
      publishedAt: now,
    });
    const before = await countAwaitingReports(db.db);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [row] = await db.db
        .insert(report)
        .values({
          reference: `JB-2026-AAAAA${i + 2}`,
          noticeId: n.id,
          candidateId: elected.id,
          content: `反映内容${i}`,
          deviceHash: `d${i}`,
          addressHash: `a${i}`,
          day: '2026-11-20',
          deviceSeq: 1,
          createdAt: now,
        })
        .returning({ id: report.id });
      ids.push(row!.id);
    }
    expect(await countAwaitingReports(db.db)).toBe(before + 3);
    await recordAuditEntry(
      db.db,
      { actorId: null, now },
      {
        action: 'report.read',
        entityType: 'report',
        entityId: 'all',
        after: { ids: [ids[0]] },
      },
    );
    await recordAuditEntry(
      db.db,
      { actorId: null, now },
      {
        action: 'report.read',
        entityType: 'report',
        entityId: ids[1]!,
      },
    );
    expect(await countAwaitingReports(db.db)).toBe(before + 1);
  });
});
