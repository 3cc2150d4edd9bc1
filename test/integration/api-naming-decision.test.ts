import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, campaign, namingDecisionRevision } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { errorOf, fixedClock, jsonRequest } from '../helpers/test-api.ts';

// The notice is drafted and published on Thursday 8 January 2026 (period 9–15 January); the
// outcome and the decision come on Friday the 16th.
const draftDay = new Date('2026-01-08T02:00:00Z');
const afterwards = new Date('2026-01-16T02:00:00Z');
const clock = fixedClock(draftDay);
const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor', 'supervisor']);

async function moveTo(at: Date) {
  clock.set(at);
  await staff.logInAgain();
}

const asRole = staff.headers;
const base = (slug: string) => `/api/staff/campaigns/${slug}`;
const post = (path: string, body: unknown = {}, role: StaffRole = 'editor') =>
  api.request(path, jsonRequest(body, asRole(role)));
const put = (path: string, body: unknown, role: StaffRole = 'editor') =>
  api.request(path, { ...jsonRequest(body, asRole(role)), method: 'PUT' });
/**
 * A campaign whose notice lists two units and three cadres (by strokes: 丁, 王, 李), published
 * on the draft day; the clock is left on the day after the period.
 */
async function publicisedCampaign() {
  await moveTo(draftDay);
  const c = await makeCampaign(db.db, draftDay, {
    title: '2026年度澄川市担当作为好单位、好干部评选',
    organiser: '中共澄川市委组织部',
    year: 2026,
    stage: 'publicity',
  });
  const units = await makeTrack(db.db, c.id, { kind: 'unit', name: '担当作为好单位', position: 1 });
  const cadres = await makeTrack(db.db, c.id, {
    kind: 'individual',
    name: '担当作为好干部',
    position: 2,
  });
  const unitA = await makeCandidate(db.db, units, {
    status: 'elected',
    number: 1,
    name: '澄川市水务局',
  });
  const unitB = await makeCandidate(db.db, units, {
    status: 'elected',
    number: 2,
    name: '望潮区应急管理局',
  });
  const li = await makeCandidate(db.db, cadres, {
    status: 'elected',
    number: 1,
    name: '李晓明',
    organisation: '澄川市水务局',
    currentPost: '澄川市水务局副局长',
  });
  const wang = await makeCandidate(db.db, cadres, {
    status: 'elected',
    number: 2,
    name: '王秀兰',
    currentPost: '望潮区城管局局长',
  });
  const ding = await makeCandidate(db.db, cadres, {
    status: 'elected',
    number: 3,
    name: '丁建国',
    currentPost: '澄川市应急管理局科长',
  });
  await makeCandidate(db.db, cadres, { status: 'not_elected', number: 4, name: '卫不选' });
  expect((await post(`${base(c.slug)}/notice`)).status).toBe(201);
  const filled = await put(`${base(c.slug)}/notice`, {
    reportPhone: '0519-12380',
    reportAddress: '澄川市政通路1号',
    reportPostcode: '213399',
    reportVisit: '政通路1号',
    reportRules: '实事求是。',
  });
  expect(filled.status).toBe(200);
  expect((await post(`${base(c.slug)}/notice/publish`)).status).toBe(200);
  await moveTo(afterwards);
  return { campaign: c, unitA, unitB, li, wang, ding };
}

async function conclude(campaignId: number) {
  await db.db.update(campaign).set({ stage: 'concluded' }).where(eq(campaign.id, campaignId));
}

describe('the naming decision', () => {
  it('cannot be drafted before the outcome of the publicity is published', async () => {
    const d = await publicisedCampaign();
    const res = await post(`${base(d.campaign.slug)}/decision`);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.reason).toBe('decision_outcome_missing');
    expect(error.message).toContain('公示结果');
  });

  it('is drafted in the committee’s words and lists exactly the non-suspended entries, in the notice’s order', async () => {
    const d = await publicisedCampaign();
    expect(
      (await post(`${base(d.campaign.slug)}/notice/outcome`, { suspended: [d.wang.id] })).status,
    ).toBe(200);
    const created = await post(`${base(d.campaign.slug)}/decision`);
    expect(created.status).toBe(201);
    const { decision } = await created.json();
    expect(decision).toMatchObject({
      slug: d.campaign.slug,
      title: '中共澄川市委关于命名2026年度澄川市担当作为好单位、好干部的决定',
      signature: '中共澄川市委',
      signedOn: '2026-01-16',
      currentRevision: 0,
    });
    expect(decision.serial).toBe('澄委〔2026〕1号');
    // By strokes: 望 (11) before 澄 (15), 丁 (2) before 李 (7); 王 is suspended and not named.
    expect(decision.lead).toContain('命名望潮区应急管理局等2个单位为“担当作为好单位”');
    expect(decision.lead).toContain('命名丁建国等2名同志为“担当作为好干部”');
    // Not at the publicity stage: the decision is the conclusion's.
    const early = await post(`${base(d.campaign.slug)}/decision/publish`);
    expect(early.status).toBe(422);
    expect((await errorOf(early)).reason).toBe('decision_wrong_stage');
    await conclude(d.campaign.id);
    const published = await post(`${base(d.campaign.slug)}/decision/publish`);
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({
      revision: 1,
      permalink: `http://127.0.0.1:4321/decisions/${d.campaign.slug}`,
    });
    const pub = await (await api.request(`/api/decisions/${d.campaign.slug}`)).json();
    expect(pub.entries.map((e: { name: string }) => e.name)).toEqual([
      '望潮区应急管理局',
      '澄川市水务局',
      '丁建国',
      '李晓明',
    ]);
    expect(pub.entries[3]).toMatchObject({
      candidateId: d.li.id,
      kind: 'individual',
      trackName: '担当作为好干部',
      currentPost: '澄川市水务局副局长',
    });
    expect(pub).toMatchObject({
      revision: 1,
      notice: `http://127.0.0.1:4321/notices/${d.campaign.slug}-1`,
      noticeRevision: 2,
      entryOrder: 'stroke',
    });
    // The list, the notice's JSON and the audit log know it.
    const list = await (await api.request('/api/decisions')).json();
    expect(list.decisions.map((x: { slug: string }) => x.slug)).toContain(d.campaign.slug);
    const notice = await (await api.request(`/api/notices/${d.campaign.slug}-1`)).json();
    expect(notice.decision).toBe(`http://127.0.0.1:4321/decisions/${d.campaign.slug}`);
    const audit = await db.db.query.auditLog.findFirst({
      where: and(
        eq(auditLog.action, 'decision.publish'),
        eq(auditLog.entityType, 'naming_decision'),
      ),
    });
    expect(audit?.after).toMatchObject({ currentRevision: 1 });
  });

  it('is corrected as a new revision with a note and its change shown; an unsuspended entry joins the list', async () => {
    const d = await publicisedCampaign();
    await post(`${base(d.campaign.slug)}/notice/outcome`, { suspended: [d.ding.id] });
    await post(`${base(d.campaign.slug)}/decision`);
    await conclude(d.campaign.id);
    expect((await post(`${base(d.campaign.slug)}/decision/publish`)).status).toBe(200);
    const same = await post(`${base(d.campaign.slug)}/decision/publish`, { changeNote: '再发' });
    expect(same.status).toBe(409);
    expect((await errorOf(same)).reason).toBe('decision_unchanged');
    // The suspension is lifted by a corrected outcome; the decision's next revision names him.
    expect(
      (
        await post(`${base(d.campaign.slug)}/notice/outcome`, {
          suspended: [],
          changeNote: '经进一步核实，恢复命名。',
        })
      ).status,
    ).toBe(200);
    expect(
      (await put(`${base(d.campaign.slug)}/decision`, { serial: '澄委〔2026〕2号' })).status,
    ).toBe(200);
    const unexplained = await post(`${base(d.campaign.slug)}/decision/publish`);
    expect(unexplained.status).toBe(422);
    expect((await errorOf(unexplained)).reason).toBe('decision_change_note_required');
    const corrected = await post(`${base(d.campaign.slug)}/decision/publish`, {
      changeNote: '丁建国同志经核实恢复命名，文号更正。',
    });
    expect(corrected.status).toBe(200);
    const { getPublishedDecision } =
      await import('#src/domain/decisions/get-published-decision.ts');
    const shown = await getPublishedDecision(db.db, { slug: d.campaign.slug });
    expect(shown.revision).toBe(2);
    expect(shown.changes).toMatchObject({
      fields: [{ field: 'serial', before: '澄委〔2026〕1号', after: '澄委〔2026〕2号' }],
      added: [{ candidateId: d.ding.id, name: '丁建国' }],
      removed: [],
    });
    const first = await (await api.request(`/api/decisions/${d.campaign.slug}?revision=1`)).json();
    expect(first.entries.map((e: { name: string }) => e.name)).not.toContain('丁建国');
    expect(first.revision).toBe(2);
    expect(first.shownRevision).toBe(1);
  });

  it('keeps published revisions as they are, whoever writes', async () => {
    const rows = await db.db.select().from(namingDecisionRevision);
    expect(rows.length).toBeGreaterThan(0);
    await expect(
      db.db.run(sql`update naming_decision_revision set change_note = 'x'`),
    ).rejects.toThrow();
    await expect(db.db.run(sql`delete from naming_decision_revision`)).rejects.toThrow();
  });

  it('moves the content version of the page caches when published', async () => {
    const d = await publicisedCampaign();
    await post(`${base(d.campaign.slug)}/notice/outcome`, {});
    await post(`${base(d.campaign.slug)}/decision`);
    await conclude(d.campaign.id);
    const version = async () =>
      Number((await db.db.get<{ v: number }>(sql`select version as v from content_version`))!.v);
    const before = await version();
    expect((await post(`${base(d.campaign.slug)}/decision/publish`)).status).toBe(200);
    expect(await version()).toBeGreaterThan(before);
  });

  it('is written by editors and admins only, with the CSRF token; auditors read it', async () => {
    const d = await publicisedCampaign();
    await post(`${base(d.campaign.slug)}/notice/outcome`, {});
    for (const role of ['monitor', 'auditor', 'supervisor'] as const) {
      const res = await post(`${base(d.campaign.slug)}/decision`, {}, role);
      expect(res.status, role).toBe(403);
    }
    const noToken = await api.request(
      `${base(d.campaign.slug)}/decision`,
      jsonRequest({}, { cookie: staff.as('admin').cookie }),
    );
    expect(noToken.status).toBe(403);
    expect((await errorOf(noToken)).code).toBe('csrf_failed');
    expect((await post(`${base(d.campaign.slug)}/decision`, {}, 'admin')).status).toBe(201);
    const again = await post(`${base(d.campaign.slug)}/decision`, {}, 'admin');
    expect(again.status).toBe(409);
    expect((await errorOf(again)).reason).toBe('decision_exists');
    const read = await api.request(`${base(d.campaign.slug)}/decision`, {
      headers: asRole('auditor'),
    });
    expect(read.status).toBe(200);
    expect((await read.json()).preview.entries).toHaveLength(5);
    const supervisor = await api.request(`${base(d.campaign.slug)}/decision`, {
      headers: asRole('supervisor'),
    });
    expect(supervisor.status).toBe(403);
    // Not published yet: the public sees nothing.
    expect((await api.request(`/api/decisions/${d.campaign.slug}`)).status).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await (await api.request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/decisions', '/api/decisions/{slug}']),
    );
    expect(doc.components.schemas.Notice.properties).toHaveProperty('outcome');
    expect(doc.components.schemas.Notice.properties).toHaveProperty('decision');
  });
});
