import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, report, reportHandling } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { errorOf, fixedClock, jsonRequest } from '../helpers/test-api.ts';

// Thursday 8 January 2026, 10:00 in Beijing: the draft's period runs from Friday the 9th to
// Thursday the 15th (five working days).
const draftDay = new Date('2026-01-08T02:00:00Z');
/** The period's last day, 23:30 in Beijing: still running. */
const lastEvening = new Date('2026-01-15T15:30:00Z');
/** Friday the 16th, 00:10 in Beijing: the period has ended. */
const afterwards = new Date('2026-01-15T16:10:00Z');
const clock = fixedClock(draftDay);
const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor', 'supervisor']);

/** Sets the clock and signs everyone in afresh: a week on, yesterday's sessions have ended. */
async function moveTo(at: Date) {
  clock.set(at);
  await staff.logInAgain();
}

const asRole = staff.headers;
const staffPath = (slug: string) => `/api/staff/campaigns/${slug}/notice`;
const outcome = (slug: string, body: unknown, role: StaffRole = 'editor') =>
  api.request(`${staffPath(slug)}/outcome`, jsonRequest(body, asRole(role)));
let sequence = 0;
/** A campaign in publicity whose notice (revision 1) is published on the draft day. */
async function publishedNotice() {
  await moveTo(draftDay);
  const c = await makeCampaign(db.db, draftDay, {
    title: '2026年度澄川市担当作为好单位、好干部评选',
    organiser: '中共澄川市委组织部',
    year: 2026,
    stage: 'publicity',
  });
  const cadres = await makeTrack(db.db, c.id, { kind: 'individual', name: '担当作为好干部' });
  const first = await makeCandidate(db.db, cadres, {
    status: 'elected',
    number: 1,
    name: '甲干部',
  });
  const second = await makeCandidate(db.db, cadres, {
    status: 'elected',
    number: 2,
    name: '乙干部',
  });
  const loser = await makeCandidate(db.db, cadres, { status: 'not_elected', number: 3 });
  expect((await api.request(staffPath(c.slug), jsonRequest({}, asRole('editor')))).status).toBe(
    201,
  );
  const filled = await api.request(staffPath(c.slug), {
    ...jsonRequest(
      {
        reportPhone: '0519-12380',
        reportAddress: '澄川市政通路1号',
        reportPostcode: '213399',
        reportVisit: '政通路1号',
        reportRules: '实事求是。',
      },
      asRole('editor'),
    ),
    method: 'PUT',
  });
  expect(filled.status).toBe(200);
  const published = await api.request(
    `${staffPath(c.slug)}/publish`,
    jsonRequest({}, asRole('editor')),
  );
  expect(published.status).toBe(200);
  const { slug } = (await published.json()) as { slug: string };
  const n = await db.db.query.notice.findFirst({ where: (t, { eq }) => eq(t.slug, slug) });
  return { campaign: c, slug, noticeId: n!.id, first, second, loser };
}

/** A report on the notice as the report form writes it, optionally taken up and concluded. */
async function addReport(noticeId: number, state: 'received' | 'verifying' | 'concluded') {
  sequence++;
  const [row] = await db.db
    .insert(report)
    .values({
      reference: `JB-2026-OUT${String(sequence).padStart(3, '0')}`,
      noticeId,
      content: '反映某对象工作作风问题。',
      deviceHash: `device-${sequence}`,
      addressHash: `address-${sequence}`,
      day: '2026-01-12',
      deviceSeq: 1,
      createdAt: new Date('2026-01-12T02:00:00Z'),
    })
    .returning();
  if (state === 'received') return row!;
  await db.db.insert(reportHandling).values({
    reportId: row!.id,
    status: 'verifying',
    verifyingSince: new Date('2026-01-13T02:00:00Z'),
  });
  if (state === 'concluded') {
    await db.db
      .update(reportHandling)
      .set({
        status: 'concluded',
        finding: 'unsubstantiated',
        actionTaken: '调阅考勤记录，约谈所在单位。',
        reply: '经核实，所反映问题不属实。',
        concludedAt: new Date('2026-01-14T02:00:00Z'),
      })
      .where(eq(reportHandling.reportId, row!.id));
  }
  return row!;
}

describe('POST /api/staff/campaigns/{slug}/notice/outcome', () => {
  it('is refused while the period runs, through its last evening in Beijing', async () => {
    const d = await publishedNotice();
    for (const at of [draftDay, lastEvening]) {
      await moveTo(at);
      const res = await outcome(d.slug.replace(/-1$/, ''), { findings: '' });
      expect(res.status).toBe(422);
      const error = await errorOf(res);
      expect(error.reason).toBe('notice_outcome_too_early');
      expect(error.message).toContain('2026年1月15日');
    }
  });

  it('states 公示期满，未收到反映 with no reports, as revision 2 whose change is shown, and audits it', async () => {
    const d = await publishedNotice();
    await moveTo(afterwards);
    const res = await outcome(d.campaign.slug, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      revision: 2,
      outcome: { reportsReceived: 0, findings: '', suspended: [], statedOn: '2026-01-16' },
    });
    const pub = await (await api.request(`/api/notices/${d.slug}`)).json();
    expect(pub.revision).toBe(2);
    expect(pub.outcome.text).toEqual(['公示期满，未收到反映。', '公示对象均按程序提请命名。']);
    expect(pub.revisions[1].changeNote).toBe('公示期满，公布公示结果。');
    // Revision 1 stays as it was, without an outcome.
    const first = await (await api.request(`/api/notices/${d.slug}?revision=1`)).json();
    expect(first.outcome).toBeNull();
    const audit = await db.db.query.auditLog.findFirst({
      where: and(
        eq(auditLog.action, 'notice.publish_outcome'),
        eq(auditLog.entityId, String(d.noticeId)),
      ),
    });
    expect(audit?.after).toMatchObject({ currentRevision: 2, reportsReceived: 0, suspended: [] });
  });

  it('counts the reports from the database, waits until each is concluded and wants the findings', async () => {
    const d = await publishedNotice();
    await addReport(d.noticeId, 'concluded');
    const open = await addReport(d.noticeId, 'verifying');
    await moveTo(afterwards);
    const waiting = await outcome(d.campaign.slug, { findings: '所反映问题不属实。' });
    expect(waiting.status).toBe(422);
    expect(await errorOf(waiting)).toMatchObject({ reason: 'notice_outcome_reports_open' });
    await db.db
      .update(reportHandling)
      .set({
        status: 'concluded',
        finding: 'partly_substantiated',
        actionTaken: '核查相关记录。',
        reply: '经核实，部分属实，已责成整改。',
        concludedAt: afterwards,
      })
      .where(eq(reportHandling.reportId, open.id));
    const silent = await outcome(d.campaign.slug, { findings: '  ' });
    expect(silent.status).toBe(422);
    const silentError = await errorOf(silent);
    expect(silentError.reason).toBe('notice_outcome_findings_required');
    expect(silentError.message).toContain('2');
    // A count sent by the client is not part of the request: the database says how many.
    const counted = await outcome(d.campaign.slug, {
      findings: '一件不属实，一件部分属实',
      reportsReceived: 0,
    });
    expect(counted.status).toBe(400);
    const res = await outcome(d.campaign.slug, {
      findings: '一件不属实，一件部分属实，已责成整改，不影响命名',
      suspended: [d.second.id],
    });
    expect(res.status).toBe(200);
    const pub = await (await api.request(`/api/notices/${d.slug}`)).json();
    expect(pub.outcome).toMatchObject({ reportsReceived: 2, suspended: [d.second.id] });
    expect(pub.outcome.text).toEqual([
      '公示期间共收到反映2件，经核实，一件不属实，一件部分属实，已责成整改，不影响命名。',
      '经研究，对乙干部暂缓命名。',
    ]);
  });

  it('takes suspended candidates only from the notice’s entries', async () => {
    const d = await publishedNotice();
    await moveTo(afterwards);
    const res = await outcome(d.campaign.slug, { suspended: [d.first.id, d.loser.id] });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ reason: 'notice_outcome_not_entry' });
    const again = await outcome(d.campaign.slug, { suspended: [d.first.id, 999_999] });
    expect((await errorOf(again)).reason).toBe('notice_outcome_not_entry');
  });

  it('is corrected only with a change note and a change, and the diff names who is suspended', async () => {
    const d = await publishedNotice();
    await moveTo(afterwards);
    expect((await outcome(d.campaign.slug, { suspended: [d.first.id] })).status).toBe(200);
    const same = await outcome(d.campaign.slug, { suspended: [d.first.id], changeNote: '更正' });
    expect(same.status).toBe(409);
    expect((await errorOf(same)).reason).toBe('notice_unchanged');
    const unexplained = await outcome(d.campaign.slug, { suspended: [d.second.id] });
    expect(unexplained.status).toBe(422);
    expect((await errorOf(unexplained)).reason).toBe('notice_change_note_required');
    const corrected = await outcome(d.campaign.slug, {
      suspended: [d.second.id],
      changeNote: '暂缓命名对象录入有误，予以更正。',
    });
    expect(corrected.status).toBe(200);
    expect((await corrected.json()).revision).toBe(3);
    const { getPublishedNotice } = await import('#src/domain/notices/get-published-notice.ts');
    const shown = await getPublishedNotice(db.db, { slug: d.slug, revision: 3, now: afterwards });
    expect(shown.changes?.outcome).toMatchObject({
      suspendedAdded: [{ candidateId: d.second.id, name: '乙干部' }],
      suspendedRemoved: [{ candidateId: d.first.id, name: '甲干部' }],
    });
    const stated = await getPublishedNotice(db.db, { slug: d.slug, revision: 2, now: afterwards });
    expect(stated.changes?.outcome).toMatchObject({
      before: null,
      suspendedAdded: [{ name: '甲干部' }],
    });
    // A later correction of the text keeps the outcome published.
    await api.request(staffPath(d.campaign.slug), {
      ...jsonRequest({ reportVisit: '政通路1号（工作日）' }, asRole('editor')),
      method: 'PUT',
    });
    const text = await api.request(
      `${staffPath(d.campaign.slug)}/publish`,
      jsonRequest({ changeNote: '来访地点补充时间。' }, asRole('editor')),
    );
    expect(text.status).toBe(200);
    const latest = await (await api.request(`/api/notices/${d.slug}`)).json();
    expect(latest.revision).toBe(4);
    expect(latest.outcome.suspended).toEqual([d.second.id]);
  });

  it('appears in the feed with the outcome’s words', async () => {
    const d = await publishedNotice();
    await moveTo(afterwards);
    expect((await outcome(d.campaign.slug, { suspended: [d.first.id] })).status).toBe(200);
    const { listRevisionFeed, noticeDocument } =
      await import('#src/domain/documents/document-revisions.ts');
    const { noticeFeedHtml } = await import('#src/render/notice-feed-html.ts');
    const [newest] = await listRevisionFeed(db.db, noticeDocument, { limit: 1 });
    expect(newest!.slug).toBe(d.slug);
    const html = noticeFeedHtml(newest!.content);
    expect(html).toContain('公示结果');
    expect(html).toContain('公示期满，未收到反映。');
    expect(html).toContain('经研究，对甲干部暂缓命名。');
    expect(html).toContain('（暂缓命名）');
  });

  it('lets editors and admins publish it; refuses other roles, a missing CSRF token and anonymous requests', async () => {
    const d = await publishedNotice();
    await moveTo(afterwards);
    for (const role of ['monitor', 'auditor', 'supervisor'] as const) {
      const res = await outcome(d.campaign.slug, {}, role);
      expect(res.status, role).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const noToken = await api.request(
      `${staffPath(d.campaign.slug)}/outcome`,
      jsonRequest({}, { cookie: staff.as('admin').cookie }),
    );
    expect(noToken.status).toBe(403);
    expect((await errorOf(noToken)).code).toBe('csrf_failed');
    const anonymous = await api.request(`${staffPath(d.campaign.slug)}/outcome`, jsonRequest({}));
    expect(anonymous.status).toBe(401);
    expect((await outcome(d.campaign.slug, {}, 'admin')).status).toBe(200);
  });

  it('comes before the conclusion stage: the selection concludes only once its outcome is stated', async () => {
    const d = await publishedNotice();
    await moveTo(afterwards);
    const advance = () =>
      api.request(
        `/api/staff/campaigns/${d.campaign.slug}/stage`,
        jsonRequest({ from: 'publicity', to: 'concluded' }, asRole('editor')),
      );
    const early = await advance();
    expect(early.status).toBe(422);
    const body = (await early.json()) as {
      error: { reason: string; details: { missing: { reason: string; message: string }[] } };
    };
    expect(body.error.reason).toBe('stage_preconditions_unmet');
    expect(body.error.details.missing).toEqual([
      expect.objectContaining({
        reason: 'precondition_outcome_unpublished',
        message: expect.stringContaining('公布公示结果'),
      }),
    ]);
    expect((await outcome(d.campaign.slug, {})).status).toBe(200);
    expect((await advance()).status).toBe(200);
  });

  it('is refused for a notice never published', async () => {
    await moveTo(afterwards);
    const c = await makeCampaign(db.db, draftDay, { stage: 'publicity' });
    const t = await makeTrack(db.db, c.id);
    await makeCandidate(db.db, t, { status: 'elected' });
    expect((await api.request(staffPath(c.slug), jsonRequest({}, asRole('editor')))).status).toBe(
      201,
    );
    const res = await outcome(c.slug, {});
    expect(res.status).toBe(422);
    expect((await errorOf(res)).reason).toBe('notice_outcome_unpublished');
  });
});
