import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/seed-demo.ts';
import { getPublishedDecision } from '#src/domain/decisions/get-published-decision.ts';
import { getNamingOutcome } from '#src/domain/decisions/get-naming-outcome.ts';
import { getPublishedNotice } from '#src/domain/notices/get-published-notice.ts';
import { useTestDb } from '../helpers/harness.ts';

const db = useTestDb();
const now = new Date('2026-11-22T03:00:00Z');

// Seeding draws every portrait: seconds on a busy machine.
beforeAll(async () => {
  await seedDemo(db.db, now);
}, 60_000);

describe('the demo’s concluded 2025 selection', () => {
  it('has the outcome of its publicity: one report, found not true, nobody suspended', async () => {
    const n = await getPublishedNotice(db.db, { slug: '2025-1', now });
    expect(n.revision).toBe(2);
    expect(n.content.outcome).toEqual({
      reportsReceived: 1,
      findings: '所反映问题不属实，不影响命名',
      suspended: [],
      statedOn: '2026-01-19',
    });
    expect(n.changes?.outcome?.before).toBeNull();
  });

  it('has its naming decision naming every entry of the notice, in the notice’s order', async () => {
    const n = await getPublishedNotice(db.db, { slug: '2025-1', now });
    const d = await getPublishedDecision(db.db, { slug: '2025' });
    expect(d.content).toMatchObject({
      serial: '澄委〔2026〕3号',
      title: '中共澄川市委关于命名2025年度澄川市担当作为好单位、好干部的决定',
      signature: '中共澄川市委',
      signedOn: '2026-01-22',
      noticeSlug: '2025-1',
      noticeRevision: 2,
    });
    expect(d.content.entries.map((e) => e.candidateId)).toEqual(
      n.content.entries.map((e) => e.candidateId),
    );
    expect(d.content.entries).toHaveLength(14);
    const naming = await getNamingOutcome(db.db, n.campaign.id);
    expect(naming.decision).toMatchObject({ slug: '2025', units: 6, people: 8 });
    expect(naming.suspended.size).toBe(0);
  });
});
