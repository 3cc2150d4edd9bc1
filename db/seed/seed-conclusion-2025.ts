import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate, notice, report, reportHandling } from '#src/db/schema/index.ts';
import { createDecisionDraft } from '#src/domain/decisions/create-decision-draft.ts';
import { publishDecision } from '#src/domain/decisions/publish-decision.ts';
import { updateDecisionDraft } from '#src/domain/decisions/update-decision-draft.ts';
import { publishNoticeOutcome } from '#src/domain/notices/publish-notice-outcome.ts';
import { makeReportReference } from '#src/domain/reports/make-report-reference.ts';

/** The elected cadre of 2025 a citizen reported on during the publicity (fictional). */
const reportedName = '马立衡';

/**
 * How the demo's 2025 selection ended, after its notice (12–16 January 2026): one report
 * received during the period, about an elected cadre's office space, verified and found not
 * true; the outcome of the publicity published on Monday 19 January with no suspension; and the
 * city committee's naming decision (澄委〔2026〕3号), signed on 22 January and published on the
 * 23rd. Written through the same verbs staff use, so the outcome's count comes from the report
 * table and the decision lists the notice's entries. Everything in it is invented.
 */
export async function seedConclusion2025(db: Db): Promise<void> {
  const n = await db.query.notice.findFirst({ where: eq(notice.slug, '2025-1') });
  const reported = await db.query.candidate.findFirst({
    where: and(eq(candidate.campaignId, n!.campaignId), eq(candidate.name, reportedName)),
  });
  const createdAt = new Date('2026-01-14T15:20:00+08:00');
  const [row] = await db
    .insert(report)
    .values({
      reference: makeReportReference('2026'),
      noticeId: n!.id,
      candidateId: reported!.id,
      content:
        '听说马立衡在青桥分局办公楼调整时给自己多占了一间办公室，面积超过规定标准，请组织上核实。',
      reporterName: null,
      reporterPhone: null,
      deviceHash: createHash('sha256').update('demo-report-device:2025-1').digest('base64url'),
      addressHash: createHash('sha256').update('demo-report-address:2025-1').digest('base64url'),
      day: '2026-01-14',
      deviceSeq: 1,
      createdAt,
    })
    .returning({ id: report.id });
  await db.insert(reportHandling).values({
    reportId: row!.id,
    status: 'verifying',
    verifyingSince: new Date('2026-01-15T09:10:00+08:00'),
  });
  await db
    .update(reportHandling)
    .set({
      status: 'concluded',
      finding: 'unsubstantiated',
      actionTaken:
        '调阅青桥分局办公用房分配台账并实地查看：马立衡同志使用办公室一间，面积15.6平方米，符合标准；所称“另一间”为分局指挥中心的值班会商室，由班子成员轮流使用。',
      reply:
        '经核实，您反映的多占办公用房问题不属实：该同志使用办公室一间，面积符合规定；另一间为分局值班会商室。感谢您对干部工作的监督。',
      concludedAt: new Date('2026-01-16T16:00:00+08:00'),
    })
    .where(eq(reportHandling.reportId, row!.id));

  await publishNoticeOutcome(db, {
    campaignSlug: '2025',
    findings: '所反映问题不属实，不影响命名',
    suspended: [],
    actorId: null,
    now: new Date('2026-01-19T10:00:00+08:00'),
  });
  await createDecisionDraft(db, {
    campaignSlug: '2025',
    actorId: null,
    now: new Date('2026-01-22T15:00:00+08:00'),
  });
  await updateDecisionDraft(db, {
    campaignSlug: '2025',
    changes: { serial: '澄委〔2026〕3号' },
    actorId: null,
    now: new Date('2026-01-22T15:10:00+08:00'),
  });
  await publishDecision(db, {
    campaignSlug: '2025',
    actorId: null,
    now: new Date('2026-01-23T09:00:00+08:00'),
  });
}
