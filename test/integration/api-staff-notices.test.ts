import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, campaign, candidate, notice } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { logInAs, makeStaffUser } from '../helpers/staff.ts';
import { errorOf, fixedClock, jsonRequest, testApi } from '../helpers/test-api.ts';

// Thursday 8 January 2026, 10:00 in Beijing: the next working day is Friday the 9th, and five
// working days from it end on Thursday the 15th.
const now = new Date('2026-01-08T02:00:00Z');
const clock = fixedClock(now);
const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor', 'supervisor']);
const asRole = staff.headers;

/** A campaign in its publicity stage: two tracks (units listed first), elected and not. */
async function makeDecidedCampaign(stage: 'publicity' | 'committee_vote' = 'publicity') {
  const c = await makeCampaign(db.db, now, {
    title: '2026年度澄川市担当作为好单位、好干部评选',
    organiser: '中共澄川市委组织部',
    year: 2026,
    stage,
  });
  const cadres = await makeTrack(db.db, c.id, {
    kind: 'individual',
    name: '担当作为好干部',
    position: 2,
  });
  const units = await makeTrack(db.db, c.id, { kind: 'unit', name: '担当作为好单位', position: 1 });
  const second = await makeCandidate(db.db, cadres, {
    status: 'elected',
    number: 20,
    name: '乙干部',
    sex: '女',
  });
  const first = await makeCandidate(db.db, cadres, {
    status: 'elected',
    number: 10,
    name: '甲干部',
    sex: '男',
  });
  await makeCandidate(db.db, cadres, { status: 'not_elected', number: 30, name: '丙干部' });
  const unit = await makeCandidate(db.db, units, {
    status: 'elected',
    number: 5,
    name: '澄川市某局',
    headName: '丁局长',
    headTitle: '局长',
  });
  return { campaign: c, cadres, units, first, second, unit };
}

const complete = {
  reportPhone: '0519-12380',
  reportAddress: '澄川市望潮区政通路1号',
  reportPostcode: '213399',
  reportVisit: '政通路1号（工作日 8:30—17:30）',
  reportRules: '反映问题应实事求是。',
};

const noticePath = (slug: string) => `/api/staff/campaigns/${slug}/notice`;
const put = (slug: string, body: unknown, role: StaffRole = 'editor') =>
  api.request(noticePath(slug), { ...jsonRequest(body, asRole(role)), method: 'PUT' });
const create = (slug: string, role: StaffRole = 'editor') =>
  api.request(noticePath(slug), jsonRequest({}, asRole(role)));
const publish = (slug: string, body: unknown = {}, role: StaffRole = 'editor') =>
  api.request(`${noticePath(slug)}/publish`, jsonRequest(body, asRole(role)));

describe('GET /api/staff/campaigns/{slug}/notice', () => {
  it('shows the entries that would be published before any draft exists', async () => {
    const d = await makeDecidedCampaign();
    const res = await api.request(noticePath(d.campaign.slug), { headers: asRole('editor') });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.notice).toBeNull();
    expect(body.revisions).toEqual([]);
    expect(body.pendingChanges).toBeNull();
    // Tracks in their display order (units first here), then by the strokes of the surname, as
    // a notice customarily lists people: 乙 (1 stroke) before 甲 (5), though 甲 is number 1;
    // never the loser.
    expect(body.entries.map((e: { name: string }) => e.name)).toEqual([
      '澄川市某局',
      '乙干部',
      '甲干部',
    ]);
    expect(body.entries[0]).toMatchObject({ kind: 'unit', headName: '丁局长', sex: null });
  });

  it('lets auditors and admins read, and refuses other roles and anonymous requests', async () => {
    const d = await makeDecidedCampaign();
    for (const role of ['auditor', 'admin'] as const) {
      const res = await api.request(noticePath(d.campaign.slug), { headers: asRole(role) });
      expect(res.status, role).toBe(200);
    }
    for (const role of ['monitor', 'supervisor'] as const) {
      const res = await api.request(noticePath(d.campaign.slug), { headers: asRole(role) });
      expect(res.status, role).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const anonymous = await api.request(noticePath(d.campaign.slug));
    expect(anonymous.status).toBe(401);
  });

  it('404 campaign_not_found for an unknown campaign, 400 for a malformed slug', async () => {
    const missing = await api.request(noticePath('no-such'), { headers: asRole('editor') });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).reason).toBe('campaign_not_found');
    const bad = await api.request(noticePath('Bad_Slug'), { headers: asRole('editor') });
    expect(bad.status).toBe(400);
  });
});

describe('POST /api/staff/campaigns/{slug}/notice (create the draft)', () => {
  it('fills in the customary defaults from the campaign and the calendar', async () => {
    const d = await makeDecidedCampaign();
    const res = await create(d.campaign.slug);
    expect(res.status).toBe(201);
    const { notice: n } = await res.json();
    expect(n).toMatchObject({
      slug: `${d.campaign.slug}-1`,
      status: 'draft',
      currentRevision: 0,
      title: '关于2026年度澄川市担当作为好单位、好干部拟命名对象的公示',
      // Friday 9 January is the next working day; 9, 12, 13, 14, 15 are the five days.
      periodStart: '2026-01-09',
      periodEnd: '2026-01-15',
      workingDays: 5,
      signature: '中共澄川市委组织部',
      signedOn: '2026-01-08',
      showPhotos: true,
      showSummaries: true,
    });
    expect(n.serial).toMatch(/^(澄组公|.+)〔2026〕\d+号$/);
    expect(n.lead).toContain('中共澄川市委组织部');
    expect(n.lead).toContain('1个单位为“担当作为好单位”、2名同志为“担当作为好干部”');
    expect(n.lead).toMatch(/现予以公示。$/);
    const audit = await db.db.query.auditLog.findFirst({
      where: and(eq(auditLog.action, 'notice.create'), eq(auditLog.entityId, String(n.id))),
    });
    expect(audit?.after).toMatchObject({ slug: n.slug, periodStart: '2026-01-09' });
  });

  it('copies phone, post and visit channels of the latest earlier notice; the web channel is its own page', async () => {
    const first = await makeDecidedCampaign();
    // The very first notice of this database has nothing to copy from.
    const blank = (await (await create(first.campaign.slug)).json()).notice;
    expect(blank.reportPhone).toBe('');
    expect(blank.reportWeb).toBe(`http://127.0.0.1:4321/notices/${first.campaign.slug}-1`);
    expect((await put(first.campaign.slug, complete)).status).toBe(200);
    const later = await makeDecidedCampaign();
    const copied = (await (await create(later.campaign.slug)).json()).notice;
    expect(copied).toMatchObject(complete);
    // Never the earlier notice's page, whose report form closes with its period.
    expect(copied.reportWeb).toBe(`http://127.0.0.1:4321/notices/${later.campaign.slug}-1`);
    // The serial continues the earlier one's pattern with the next number of the year.
    expect(copied.serial).not.toBe(blank.serial);
    expect(copied.serial.replace(/\d+号$/, '')).toBe(blank.serial.replace(/\d+号$/, ''));
  });

  it('409 notice_exists for a second draft of the same campaign', async () => {
    const d = await makeDecidedCampaign();
    expect((await create(d.campaign.slug)).status).toBe(201);
    const again = await create(d.campaign.slug, 'admin');
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'conflict', reason: 'notice_exists' });
  });

  it('refuses auditors, missing CSRF tokens, anonymous requests and unknown campaigns', async () => {
    const d = await makeDecidedCampaign();
    const auditor = await create(d.campaign.slug, 'auditor');
    expect(auditor.status).toBe(403);
    expect((await errorOf(auditor)).code).toBe('forbidden');
    const noToken = await api.request(
      noticePath(d.campaign.slug),
      jsonRequest({}, { cookie: staff.as('editor').cookie }),
    );
    expect(noToken.status).toBe(403);
    expect((await errorOf(noToken)).code).toBe('csrf_failed');
    expect((await api.request(noticePath(d.campaign.slug), jsonRequest({}))).status).toBe(401);
    const missing = await create('no-such');
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).reason).toBe('campaign_not_found');
    // Nothing of the refused attempts was written.
    const rows = await db.db.select().from(notice).where(eq(notice.campaignId, d.campaign.id));
    expect(rows).toEqual([]);
  });
});

describe('PUT /api/staff/campaigns/{slug}/notice (edit the draft)', () => {
  it('saves the fields and recomputes the end across weekends and holidays', async () => {
    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    // Thursday 12 February 2026: 12, 13, the make-up Saturday 14, then 春节 until the 23rd,
    // then 24 and 25.
    const res = await put(d.campaign.slug, {
      ...complete,
      periodStart: '2026-02-12',
      signedOn: '2026-02-11',
      title: '关于拟命名对象的公示（修改）',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).notice).toMatchObject({
      periodStart: '2026-02-12',
      periodEnd: '2026-02-25',
      title: '关于拟命名对象的公示（修改）',
      ...complete,
    });
    const three = await put(d.campaign.slug, { workingDays: 3 });
    expect((await three.json()).notice).toMatchObject({ workingDays: 3, periodEnd: '2026-02-14' });
    const row = await db.db.query.notice.findFirst({ where: eq(notice.campaignId, d.campaign.id) });
    const updates = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'notice.update'), eq(auditLog.entityId, String(row!.id))));
    expect(updates.at(-1)).toMatchObject({
      before: { workingDays: 5, periodEnd: '2026-02-25' },
      after: { workingDays: 3, periodEnd: '2026-02-14' },
    });
  });

  it('422 for a start on a day off, a signature after the start, a year without a calendar', async () => {
    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    const cases: [unknown, string][] = [
      [{ periodStart: '2026-01-10' }, 'notice_start_not_working_day'], // a Saturday
      [{ periodStart: '2026-10-05' }, 'notice_start_not_working_day'], // 国庆节
      [{ signedOn: '2026-01-12' }, 'notice_signed_after_start'],
      [{ periodStart: '2031-03-03', signedOn: '2031-03-01' }, 'calendar_year_missing'],
    ];
    for (const [body, reason] of cases) {
      const res = await put(d.campaign.slug, body);
      expect(res.status, reason).toBe(422);
      expect(await errorOf(res)).toMatchObject({ code: 'rule_violation', reason });
    }
    // Nothing of the refused edits was kept.
    const row = await db.db.query.notice.findFirst({ where: eq(notice.campaignId, d.campaign.id) });
    expect(row).toMatchObject({ periodStart: '2026-01-09', signedOn: '2026-01-08' });
  });

  it('400 invalid_request for impossible dates, bad channels and unknown fields', async () => {
    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    const bodies: [unknown, string][] = [
      [{ periodStart: '2026-02-30' }, 'periodStart'],
      [{ signedOn: '8 Jan 2026' }, 'signedOn'],
      [{ workingDays: 0 }, 'workingDays'],
      [{ workingDays: 2.5 }, 'workingDays'],
      [{ reportPostcode: '2133' }, 'reportPostcode'],
      [{ reportPhone: 'call us' }, 'reportPhone'],
      [{ reportWeb: 'javascript:alert(1)' }, 'reportWeb'],
      [{ title: '   ' }, 'title'],
      [{ lead: 'x'.repeat(2001) }, 'lead'],
      [{ status: 'published' }, ''],
      [{}, ''],
    ];
    for (const [body, path] of bodies) {
      const res = await put(d.campaign.slug, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await res.json()).error;
      expect(error.code).toBe('invalid_request');
      if (path) expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it('404 notice_not_found before the draft exists; refuses auditors and missing tokens', async () => {
    const d = await makeDecidedCampaign();
    const missing = await put(d.campaign.slug, { title: '标题' });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).reason).toBe('notice_not_found');
    await create(d.campaign.slug);
    expect((await put(d.campaign.slug, { title: '标题' }, 'auditor')).status).toBe(403);
    const noToken = await api.request(noticePath(d.campaign.slug), {
      ...jsonRequest({ title: '标题' }, { cookie: staff.as('editor').cookie }),
      method: 'PUT',
    });
    expect(noToken.status).toBe(403);
    expect((await errorOf(noToken)).code).toBe('csrf_failed');
  });
});

describe('POST /api/staff/campaigns/{slug}/notice/publish', () => {
  it('refuses before the publicity stage, without entries and with empty channels', async () => {
    const early = await makeDecidedCampaign('committee_vote');
    await create(early.campaign.slug);
    await put(early.campaign.slug, complete);
    const wrongStage = await publish(early.campaign.slug);
    expect(wrongStage.status).toBe(422);
    expect(await errorOf(wrongStage)).toMatchObject({
      reason: 'notice_wrong_stage',
      details: { stage: 'committee_vote' },
    });

    const nobody = await makeCampaign(db.db, now, { stage: 'publicity' });
    await makeTrack(db.db, nobody.id);
    await create(nobody.slug);
    await put(nobody.slug, complete);
    const empty = await publish(nobody.slug);
    expect(empty.status).toBe(422);
    expect((await errorOf(empty)).reason).toBe('notice_no_entries');

    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    // Channels copied from earlier notices of this database are emptied again.
    await put(d.campaign.slug, {
      reportPhone: '0519-12380',
      reportAddress: '',
      reportPostcode: '',
      reportVisit: '',
      reportWeb: '',
    });
    const incomplete = await publish(d.campaign.slug);
    expect(incomplete.status).toBe(422);
    const error = await errorOf(incomplete);
    expect(error).toMatchObject({
      reason: 'notice_incomplete',
      details: { fields: ['reportAddress', 'reportPostcode', 'reportVisit', 'reportWeb'] },
    });
    expect((error as unknown as { message: string }).message).toContain('通信地址');

    const none = await publish(d.campaign.slug.replace(/^c-/, 'z-'));
    expect(none.status).toBe(404);
    const noDraft = await makeDecidedCampaign();
    const noNotice = await publish(noDraft.campaign.slug);
    expect(noNotice.status).toBe(404);
    expect((await errorOf(noNotice)).reason).toBe('notice_not_found');
  });

  it('refuses a web channel that is not this notice’s page, or http on an https site', async () => {
    const earlier = await makeDecidedCampaign();
    await create(earlier.campaign.slug);
    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    const own = `http://127.0.0.1:4321/notices/${d.campaign.slug}-1`;
    for (const elsewhere of [
      `http://127.0.0.1:4321/notices/${earlier.campaign.slug}-1`,
      'https://example.cn/12380',
      `${own}?from=old`,
    ]) {
      await put(d.campaign.slug, { ...complete, reportWeb: elsewhere });
      const refused = await publish(d.campaign.slug);
      expect(refused.status, elsewhere).toBe(422);
      const error = await errorOf(refused);
      expect(error).toMatchObject({
        reason: 'notice_report_web_elsewhere',
        details: { given: elsewhere, expected: own },
      });
      expect((error as unknown as { message: string }).message).toContain('不是本公示的页面');
    }
    // The page lists the same reason before anyone tries.
    const view = await (
      await api.request(noticePath(d.campaign.slug), { headers: asRole('editor') })
    ).json();
    expect(view.problems).toContainEqual(
      expect.objectContaining({ reason: 'notice_report_web_elsewhere' }),
    );
    // Its own page, with or without a trailing slash, is accepted.
    await put(d.campaign.slug, { ...complete, reportWeb: `${own}/` });
    expect((await publish(d.campaign.slug)).status).toBe(200);

    // On an https site, the own page over http would send reports in the clear.
    const secure = testApi(db, { clock, env: { PUBLIC_BASE_URL: 'https://vote.example.cn' } });
    const s = await makeDecidedCampaign();
    const admin = await makeStaffUser(db.db, { role: 'admin' });
    const session = await logInAs(secure, admin);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const created = await secure.request(noticePath(s.campaign.slug), jsonRequest({}, headers));
    const draft = (await created.json()).notice;
    expect(draft.reportWeb).toBe(`https://vote.example.cn/notices/${s.campaign.slug}-1`);
    await secure.request(noticePath(s.campaign.slug), {
      ...jsonRequest(
        { ...complete, reportWeb: `http://vote.example.cn/notices/${s.campaign.slug}-1` },
        headers,
      ),
      method: 'PUT',
    });
    const insecure = await secure.request(
      `${noticePath(s.campaign.slug)}/publish`,
      jsonRequest({}, headers),
    );
    expect(insecure.status).toBe(422);
    expect((await errorOf(insecure)).reason).toBe('notice_report_web_insecure');
  });

  it('publishes revision 1, then a correction only with a note and a real change', async () => {
    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    await put(d.campaign.slug, complete);
    const first = await publish(d.campaign.slug, {});
    expect(first.status).toBe(200);
    const slug = `${d.campaign.slug}-1`;
    expect(await first.json()).toEqual({
      slug,
      revision: 1,
      publishedAt: now.toISOString(),
      permalink: `http://127.0.0.1:4321/notices/${slug}`,
    });
    const row = await db.db.query.notice.findFirst({ where: eq(notice.slug, slug) });
    expect(row).toMatchObject({ status: 'published', currentRevision: 1, publishedAt: now });
    const audit = await db.db.query.auditLog.findFirst({
      where: and(eq(auditLog.action, 'notice.publish'), eq(auditLog.entityId, String(row!.id))),
    });
    expect(audit?.before).toEqual({ status: 'draft', currentRevision: 0 });
    expect(audit?.after).toMatchObject({
      status: 'published',
      currentRevision: 1,
      entries: [d.unit.id, d.second.id, d.first.id],
    });

    // A second revision needs a note, and something to publish.
    const noNote = await publish(d.campaign.slug, {});
    expect(noNote.status).toBe(422);
    expect(await errorOf(noNote)).toMatchObject({
      reason: 'notice_change_note_required',
      details: { revision: 2 },
    });
    const unchanged = await publish(d.campaign.slug, { changeNote: '无变化' });
    expect(unchanged.status).toBe(409);
    expect((await errorOf(unchanged)).reason).toBe('notice_unchanged');

    // Editing after publication prepares the next revision; the public still reads revision 1.
    await put(d.campaign.slug, { reportPhone: '0519-12380、0519-88886666' });
    await db.db.update(candidate).set({ birth: '1980-02' }).where(eq(candidate.id, d.first.id));
    const publicBefore = await (await api.request(`/api/notices/${slug}`)).json();
    expect(publicBefore).toMatchObject({ revision: 1, reportPhone: '0519-12380' });

    const view = await (
      await api.request(noticePath(d.campaign.slug), { headers: asRole('auditor') })
    ).json();
    expect(view.pendingChanges.fields).toEqual([
      { field: 'reportPhone', before: '0519-12380', after: '0519-12380、0519-88886666' },
    ]);
    expect(view.pendingChanges.changed).toEqual([
      { candidateId: d.first.id, name: '甲干部', trackName: '担当作为好干部', fields: ['birth'] },
    ]);

    const second = await publish(d.campaign.slug, { changeNote: '增加举报电话；更正出生年月。' });
    expect(second.status).toBe(200);
    expect((await second.json()).revision).toBe(2);
    const publicAfter = await (await api.request(`/api/notices/${slug}`)).json();
    expect(publicAfter).toMatchObject({
      revision: 2,
      shownRevision: 2,
      changeNote: '增加举报电话；更正出生年月。',
      reportPhone: '0519-12380、0519-88886666',
    });
    expect(publicAfter.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    const earlier = await (await api.request(`/api/notices/${slug}?revision=1`)).json();
    expect(earlier).toMatchObject({ shownRevision: 1, reportPhone: '0519-12380' });
  });

  it('refuses a change note longer than 500 characters and unknown fields', async () => {
    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    for (const body of [{ changeNote: 'x'.repeat(501) }, { revision: 3 }]) {
      const res = await publish(d.campaign.slug, body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe('invalid_request');
    }
  });

  it('refuses auditors, monitors, missing CSRF tokens and anonymous requests', async () => {
    const d = await makeDecidedCampaign();
    await create(d.campaign.slug);
    await put(d.campaign.slug, complete);
    for (const role of ['auditor', 'monitor'] as const) {
      expect((await publish(d.campaign.slug, {}, role)).status, role).toBe(403);
    }
    const noToken = await api.request(
      `${noticePath(d.campaign.slug)}/publish`,
      jsonRequest({}, { cookie: staff.as('admin').cookie }),
    );
    expect(noToken.status).toBe(403);
    expect((await errorOf(noToken)).code).toBe('csrf_failed');
    const byAdmin = await publish(d.campaign.slug, {}, 'admin');
    expect(byAdmin.status).toBe(200);
    expect(
      (await api.request(`${noticePath(d.campaign.slug)}/publish`, jsonRequest({}))).status,
    ).toBe(401);
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.id, d.campaign.id) });
    expect(c?.stage).toBe('publicity');
  });
});

describe('the order of a notice’s entries', () => {
  it('lists by surname strokes by default and says so in each track’s heading; by number when chosen, shown as a change', async () => {
    const d = await makeDecidedCampaign();
    expect((await create(d.campaign.slug)).status).toBe(201);
    const draft = (await (
      await api.request(noticePath(d.campaign.slug), { headers: asRole('editor') })
    ).json()) as { notice: { entryOrder: string } };
    expect(draft.notice.entryOrder).toBe('stroke');
    expect((await put(d.campaign.slug, complete)).status).toBe(200);
    expect((await publish(d.campaign.slug)).status).toBe(200);
    const slug = (await db.db.query.notice.findFirst({
      where: eq(notice.campaignId, d.campaign.id),
    }))!.slug;
    const first = await (await api.request(`/api/notices/${slug}`)).json();
    expect(first.entryOrder).toBe('stroke');
    expect(first.entries.map((e: { name: string }) => e.name)).toEqual([
      '澄川市某局',
      '乙干部',
      '甲干部',
    ]);

    const bad = await put(d.campaign.slug, { entryOrder: 'votes' });
    expect(bad.status).toBe(400);
    expect((await put(d.campaign.slug, { entryOrder: 'number' })).status).toBe(200);
    const pending = (await (
      await api.request(noticePath(d.campaign.slug), { headers: asRole('editor') })
    ).json()) as { pendingChanges: { fields: unknown[] }; entries: { name: string }[] };
    expect(pending.pendingChanges.fields).toEqual([
      { field: 'entryOrder', before: 'stroke', after: 'number' },
    ]);
    expect(pending.entries.map((e) => e.name)).toEqual(['澄川市某局', '甲干部', '乙干部']);
    expect((await publish(d.campaign.slug, { changeNote: '改为按编号排列。' })).status).toBe(200);
    const second = await (await api.request(`/api/notices/${slug}`)).json();
    expect(second.entries.map((e: { name: string }) => e.name)).toEqual([
      '澄川市某局',
      '甲干部',
      '乙干部',
    ]);
    // The database refuses an order it does not know, whoever writes.
    await expect(
      db.db.run(sql`update notice set entry_order = 'votes' where slug = ${slug}`),
    ).rejects.toThrow();
  });
});
