import { and, desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notice, noticeRevision, report, reportHandling } from '#src/db/schema/index.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { fixedClock, sendAsVoter } from '../helpers/test-api.ts';
import { createDb } from '#src/db/client.ts';
import { concludeReport } from '#src/domain/reports/conclude-report.ts';
import { takeUpReport } from '#src/domain/reports/take-up-report.ts';

/** 12:00 in Shanghai, inside both notices' periods. */
const now = new Date('2026-11-20T04:00:00Z');
const clock = fixedClock(now);
const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor', 'supervisor']);
let first: { slug: string; id: number; entryId: number };
let second: { slug: string; id: number };
/** References by the order they were sent. */
const sent: string[] = [];

/** A published notice whose revision 1 lists one elected candidate. */
async function makeNotice(slug: string) {
  const campaign = await makeCampaign(db.db, now, { stage: 'publicity' });
  const track = await makeTrack(db.db, campaign.id);
  const elected = await makeCandidate(db.db, track, { status: 'elected', name: '沈砚秋' });
  const fields = {
    serial: `澄组公〔2026〕${slug}号`,
    title: `公示 ${slug}`,
    lead: '现予以公示。',
    periodStart: '2026-11-18',
    periodEnd: '2026-11-24',
    reportPhone: '0519-12380',
    reportAddress: '澄川市政通路1号',
    reportPostcode: '213399',
    reportVisit: '工作日',
    reportWeb: 'http://localhost/',
    reportRules: '实事求是。',
    signature: '中共澄川市委组织部',
    signedOn: '2026-11-17',
  };
  const publishedAt = new Date('2026-11-18T00:00:00+08:00');
  const [row] = await db.db
    .insert(notice)
    .values({
      campaignId: campaign.id,
      slug,
      status: 'published',
      publishedAt,
      currentRevision: 1,
      ...fields,
    })
    .returning();
  const content: NoticeContent = {
    ...fields,
    entryOrder: 'number',
    workingDays: 5,
    showPhotos: false,
    showSummaries: false,
    entries: [
      {
        candidateId: elected.id,
        kind: 'individual',
        track: track.slug,
        trackName: track.name,
        number: elected.number,
        name: elected.name,
        organisation: '',
        sex: null,
        ethnicity: null,
        birth: null,
        nativePlace: null,
        politicalAffiliation: null,
        partyJoined: null,
        workStarted: null,
        education: null,
        degree: null,
        currentPost: null,
        headName: null,
        headTitle: null,
        summary: '',
        portraitId: null,
      },
    ],
  };
  await db.db
    .insert(noticeRevision)
    .values({ noticeId: row!.id, revision: 1, content, publishedAt });
  return { slug, id: row!.id, entryId: elected.id };
}

let client = 0;
async function sendReport(slug: string, extra: Record<string, unknown> = {}) {
  const { res } = await sendAsVoter(
    api,
    `/api/notices/${slug}/reports`,
    { content: `反映内容 ${sent.length + 1}`, ...extra },
    { client: `198.51.100.${++client}` },
  );
  expect(res.status).toBe(201);
  const { reference } = await res.json();
  sent.push(reference);
  return reference as string;
}

beforeAll(async () => {
  first = await makeNotice('rp-first');
  second = await makeNotice('rp-second');
  await sendReport(first.slug, {
    candidateId: first.entryId,
    name: '张三',
    phone: '13912345678',
  });
  clock.set(new Date(now.getTime() + 60_000));
  await sendReport(first.slug);
  clock.set(new Date(now.getTime() + 120_000));
  await sendReport(second.slug);
  clock.set(now);
});

function as(role: StaffRole) {
  return { headers: { cookie: staff.as(role).cookie } };
}

async function reportReads() {
  return db.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, 'report.read'))
    .orderBy(desc(auditLog.id));
}

async function idOf(reference: string) {
  const row = await db.db.query.report.findFirst({ where: eq(report.reference, reference) });
  return row!.id;
}

describe('GET /api/staff/reports', () => {
  it('lists every report for a supervisor, newest first, with the reporter’s details, and audits the ids listed', async () => {
    const before = (await reportReads()).length;
    const res = await api.request('/api/staff/reports', as('supervisor'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.nextBefore).toBeNull();
    expect(body.reports.map((r: { reference: string }) => r.reference)).toEqual(
      [...sent].reverse(),
    );
    const oldest = body.reports[2];
    expect(oldest).toEqual({
      id: await idOf(sent[0]!),
      reference: sent[0],
      notice: { slug: first.slug, serial: `澄组公〔2026〕${first.slug}号`, title: '公示 rp-first' },
      candidate: { id: first.entryId, name: '沈砚秋' },
      content: '反映内容 1',
      reporterName: '张三',
      reporterPhone: '13912345678',
      receivedAt: now.toISOString(),
      status: 'received',
      verifyingSince: null,
      finding: null,
      actionTaken: null,
      reply: null,
      concludedAt: null,
    });
    expect(body.reports[1]).toMatchObject({
      candidate: null,
      reporterName: null,
      reporterPhone: null,
    });
    // What identifies a device or an address stays in the database.
    expect(JSON.stringify(body)).not.toMatch(/deviceHash|addressHash|device_hash/);

    const reads = await reportReads();
    expect(reads).toHaveLength(before + 1);
    expect(reads[0]).toMatchObject({
      actorId: staff.as('supervisor').id,
      entityType: 'report',
      entityId: 'all',
      at: now,
    });
    expect((reads[0]!.after as { ids: number[] }).ids).toEqual(
      body.reports.map((r: { id: number }) => r.id),
    );
  });

  it('filters by notice and by time, and records the filter with the ids', async () => {
    const byNotice = await api.request(`/api/staff/reports?notice=${first.slug}`, as('supervisor'));
    const listed = (await byNotice.json()).reports.map((r: { reference: string }) => r.reference);
    expect(listed).toEqual([sent[1], sent[0]]);
    const [read] = await reportReads();
    expect(read).toMatchObject({ entityId: first.slug });
    expect(read!.after).toMatchObject({
      ids: [await idOf(sent[1]!), await idOf(sent[0]!)],
      filter: { notice: first.slug, from: null, to: null },
    });

    // `from` is inclusive, `to` exclusive.
    const from = new Date(now.getTime() + 60_000).toISOString();
    const to = new Date(now.getTime() + 120_000).toISOString();
    const window = await api.request(`/api/staff/reports?from=${from}&to=${to}`, as('supervisor'));
    expect((await window.json()).reports.map((r: { reference: string }) => r.reference)).toEqual([
      sent[1],
    ]);
  });

  it('pages with limit and before, each page audited with its own ids', async () => {
    const page1 = await (await api.request('/api/staff/reports?limit=2', as('supervisor'))).json();
    expect(page1.reports).toHaveLength(2);
    expect(page1.nextBefore).toBe(page1.reports[1].id);
    const page2 = await (
      await api.request(`/api/staff/reports?limit=2&before=${page1.nextBefore}`, as('supervisor'))
    ).json();
    expect(page2.reports.map((r: { reference: string }) => r.reference)).toEqual([sent[0]]);
    expect(page2.nextBefore).toBeNull();
    const [read] = await reportReads();
    expect((read!.after as { ids: number[] }).ids).toEqual([await idOf(sent[0]!)]);
  });

  it('audits an empty list too: the read was asked for', async () => {
    const before = (await reportReads()).length;
    const res = await api.request(
      '/api/staff/reports?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z',
      as('supervisor'),
    );
    expect((await res.json()).reports).toEqual([]);
    const reads = await reportReads();
    expect(reads).toHaveLength(before + 1);
    expect((reads[0]!.after as { ids: number[] }).ids).toEqual([]);
  });

  it('400 for a bad filter, 404 for an unknown notice, neither audited', async () => {
    const before = (await reportReads()).length;
    for (const query of [
      'from=yesterday',
      'from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z',
      'limit=0',
      'limit=501',
      'notice=Not%20A%20Slug',
    ]) {
      const res = await api.request(`/api/staff/reports?${query}`, as('supervisor'));
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_request');
    }
    const unknown = await api.request('/api/staff/reports?notice=no-such', as('supervisor'));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.reason).toBe('report_notice_not_found');
    expect(await reportReads()).toHaveLength(before);
  });
});

describe('GET /api/staff/reports/:id', () => {
  it('shows one report to a supervisor and audits the read', async () => {
    const id = await idOf(sent[0]!);
    const res = await api.request(`/api/staff/reports/${id}`, as('supervisor'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({
      id,
      reference: sent[0],
      reporterName: '张三',
      reporterPhone: '13912345678',
    });
    const [read] = await reportReads();
    expect(read).toMatchObject({
      actorId: staff.as('supervisor').id,
      entityType: 'report',
      entityId: String(id),
    });
    expect(read!.after).toEqual({ ids: [id] });
  });

  it('404 report_not_found for an unknown id, and the attempt is audited; 400 for a malformed id', async () => {
    const res = await api.request('/api/staff/reports/999999', as('supervisor'));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({
      code: 'not_found',
      reason: 'report_not_found',
    });
    const [read] = await reportReads();
    expect(read).toMatchObject({ entityId: '999999', after: { ids: [] } });
    for (const bad of ['abc', '0', '-1', '1.5']) {
      expect((await api.request(`/api/staff/reports/${bad}`, as('supervisor'))).status).toBe(400);
    }
    // Only digits name a row: other spellings of a number are refused, not looked up, and the
    // answer says which parameter is wrong, like every other validation error.
    for (const bad of ['1e3', '%207', '7.0', '0x10', '1234567890123456']) {
      const res = await api.request(`/api/staff/reports/${bad}`, as('supervisor'));
      expect(res.status, bad).toBe(400);
      const { error } = await res.json();
      expect(error.code, bad).toBe('invalid_request');
      expect(error.issues, bad).toEqual([expect.objectContaining({ path: 'id' })]);
    }
  });
});

describe('who may read reports', () => {
  const paths = () => ['/api/staff/reports', `/api/staff/reports/${1}`];

  it('refuses anonymous requests (401) and ended sessions (401 session_expired)', async () => {
    for (const p of paths()) {
      const res = await api.request(p);
      expect(res.status, p).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
      const stale = await api.request(p, { headers: { cookie: 'staff=not-a-session' } });
      expect(stale.status, p).toBe(401);
      expect((await stale.json()).error.reason).toBe('session_expired');
    }
  });

  it.each(['admin', 'editor', 'monitor', 'auditor'] as const)(
    'refuses %s with 403 and records no read',
    async (role) => {
      const before = (await reportReads()).length;
      for (const p of [...paths(), `/api/staff/reports?notice=${first.slug}`]) {
        const res = await api.request(p, as(role));
        expect(res.status, `${role} ${p}`).toBe(403);
        const text = await res.text();
        expect(JSON.parse(text).error.code).toBe('forbidden');
        expect(text).not.toContain('张三');
      }
      expect(await reportReads()).toHaveLength(before);
    },
  );

  it('has no way to change or delete a report: writes to the routes are not routes at all', async () => {
    const s = staff.as('supervisor');
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrfToken };
    const id = await idOf(sent[0]!);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const res = await api.request(`/api/staff/reports/${id}`, { method, headers });
      expect(res.status, method).toBe(404);
    }
    const row = await db.db.query.report.findFirst({
      where: and(eq(report.id, id), eq(report.reference, sent[0]!)),
    });
    expect(row?.content).toBe('反映内容 1');
  });
});

describe('working a report through: received → verifying → concluded', () => {
  let reference: string;
  let checkCode: string;
  let id: number;

  const write = (path: string, body?: unknown) => {
    const s = staff.as('supervisor');
    return api.request(path, {
      method: 'POST',
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrfToken,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  const status = (ref: string, code: string, lang = 'zh-CN') =>
    api.request('/api/reports/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': lang },
      body: JSON.stringify({ reference: ref, checkCode: code }),
    });
  const conclusion = {
    finding: 'partly_substantiated',
    actionTaken: '约谈本人，核对档案，已要求说明情况。',
    reply: '经核实，反映的情况部分属实，已责成有关单位整改。感谢您的监督。',
  };

  beforeAll(async () => {
    const { res } = await sendAsVoter(
      api,
      `/api/notices/${first.slug}/reports`,
      { content: '反映内容：工作中存在问题。', name: '李四', phone: '13900001111' },
      { client: '198.51.100.200' },
    );
    ({ reference, checkCode } = await res.json());
    id = await idOf(reference);
  });

  it('shows the reporter, with both codes only, that the report is received, never its text', async () => {
    const res = await status(reference, checkCode);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toMatchObject({
      reference,
      notice: { slug: first.slug, title: '公示 rp-first' },
      status: 'received',
      statusText: '已收到，等待核实',
      verifyingSince: null,
      finding: null,
      reply: null,
    });
    expect(JSON.stringify(body)).not.toMatch(/李四|13900001111|工作中存在问题/);
    // Typed by hand: lower case and spaces are fine.
    const typed = await status(` ${reference.toLowerCase()} `, checkCode.toLowerCase());
    expect(typed.status).toBe(200);
  });

  it('refuses a wrong code and an unknown reference alike (404), and malformed codes (400)', async () => {
    const wrongCode = checkCode.startsWith('2')
      ? `3${checkCode.slice(1)}`
      : `2${checkCode.slice(1)}`;
    const answers = [
      await status(reference, wrongCode),
      await status('JB-2026-222222', checkCode),
      await status(sent[0]!, checkCode),
    ];
    const bodies = await Promise.all(answers.map((r) => r.json()));
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(404);
      expect(bodies[i].error.reason).toBe('report_status_not_found');
    }
    expect(bodies[0]).toEqual(bodies[1]);
    const en = await status(reference, wrongCode, 'en');
    expect((await en.json()).error.message).toMatch(
      /^The reference or the check code is not right/,
    );
    for (const bad of [
      { reference, checkCode: '1234' },
      { reference: 'JB-26-X', checkCode },
      { reference },
      { reference, checkCode, extra: 1 },
    ]) {
      const res = await api.request('/api/reports/status', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bad),
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it('refuses a conclusion before the report is taken up (409), and writes nothing', async () => {
    const res = await write(`/api/staff/reports/${id}/conclusion`, conclusion);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({
      reason: 'report_not_taken_up',
      message: '请先点击“开始核实”，核实后再填写办理结果。',
    });
    expect((await (await status(reference, checkCode)).json()).status).toBe('received');
  });

  it('takes the report up once, audited; the reporter sees it being verified', async () => {
    clock.set(new Date(now.getTime() + 600_000));
    const res = await write(`/api/staff/reports/${id}/verifying`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'verifying' });
    const again = await write(`/api/staff/reports/${id}/verifying`);
    expect(again.status).toBe(409);
    expect((await again.json()).error.reason).toBe('report_already_taken_up');
    const [entry] = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'report.verify'))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({
      actorId: staff.as('supervisor').id,
      entityId: String(id),
      before: { status: 'received' },
      after: { status: 'verifying', reference },
    });
    const seen = await (await status(reference, checkCode, 'zh-TW')).json();
    expect(seen).toMatchObject({ status: 'verifying', statusText: '正在核實', reply: null });
    expect(seen.verifyingSince).toBe(new Date(now.getTime() + 600_000).toISOString());
    clock.set(now);
  });

  it('refuses a conclusion without a finding, a reply or what was done (400)', async () => {
    for (const bad of [
      { ...conclusion, finding: 'maybe' },
      { ...conclusion, reply: '   ' },
      { ...conclusion, actionTaken: '' },
      { finding: 'substantiated' },
      { ...conclusion, reply: 'x'.repeat(1001) },
    ]) {
      const res = await write(`/api/staff/reports/${id}/conclusion`, bad);
      expect(res.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
    }
  });

  it('concludes it once, audited; the reporter reads the finding and the reply in their language', async () => {
    const res = await write(`/api/staff/reports/${id}/conclusion`, conclusion);
    expect(res.status).toBe(200);
    const again = await write(`/api/staff/reports/${id}/conclusion`, {
      ...conclusion,
      finding: 'unsubstantiated',
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.reason).toBe('report_already_concluded');
    const taken = await write(`/api/staff/reports/${id}/verifying`);
    expect((await taken.json()).error.message).toBe('这条反映已经办结，不能再次受理核实。');

    const seen = await (await status(reference, checkCode, 'en')).json();
    expect(seen).toMatchObject({
      status: 'concluded',
      statusText: 'Concluded',
      finding: 'partly_substantiated',
      findingText: 'Partly substantiated',
      reply: conclusion.reply,
    });
    // What was done stays with staff.
    expect(JSON.stringify(seen)).not.toContain('约谈本人');

    const view = await (await api.request(`/api/staff/reports/${id}`, as('supervisor'))).json();
    expect(view).toMatchObject({ status: 'concluded', ...conclusion });
    const [entry] = await db.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'report.conclude'))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({
      entityId: String(id),
      after: {
        status: 'concluded',
        finding: 'partly_substantiated',
        actionTakenChars: [...conclusion.actionTaken].length,
        replyChars: [...conclusion.reply].length,
      },
    });
    // Admins and auditors read the log: what was done and the reply stay with the report.
    expect(JSON.stringify(entry)).not.toMatch(/约谈本人|感谢您的监督/);
  });

  it('is held by the database for every writer: a conclusion is final and handling is kept', async () => {
    const attempts = [
      // INSERT OR REPLACE deletes the row it replaces without a delete trigger: refused too.
      sql`insert or replace into report_handling (report_id, status, verifying_since) values (${id}, 'verifying', 1)`,
      sql`insert or replace into report (id, reference, notice_id, content, device_hash, address_hash, day, device_seq, created_at)
        values (${id}, 'JB-2026-REPLAC', ${first.id}, 'x', 'd', 'a', '2026-11-20', 1, 1)`,
      sql`insert or replace into notice_revision (notice_id, revision, content, published_at)
        select notice_id, revision, '{}', 1 from notice_revision limit 1`,
      sql`update report_handling set reply = 'changed' where report_id = ${id}`,
      sql`update report_handling set status = 'verifying' where report_id = ${id}`,
      sql`delete from report_handling where report_id = ${id}`,
      sql`update report set content = 'changed' where id = ${id}`,
    ];
    for (const statement of attempts) await expect(db.db.run(statement)).rejects.toThrow();
    const kept = await db.db.query.reportHandling.findFirst({
      where: eq(reportHandling.reportId, id),
    });
    expect(kept).toMatchObject({ status: 'concluded', reply: conclusion.reply });
    const other = await idOf(sent[1]!);
    // A handling row starts as verifying, and is complete when concluded.
    await expect(
      db.db
        .run(sql`insert into report_handling (report_id, status, verifying_since, finding, action_taken, reply, concluded_at)
        values (${other}, 'concluded', 1, 'substantiated', 'a', 'b', 1)`),
    ).rejects.toThrow();
    await db.db.run(
      sql`insert into report_handling (report_id, status, verifying_since) values (${other}, 'verifying', 1)`,
    );
    await expect(
      db.db.run(sql`update report_handling set status = 'concluded' where report_id = ${other}`),
    ).rejects.toThrow();
  });
});

describe('two supervisors at once, in two processes', () => {
  it('takes a report up once and concludes it once; the other answer is a 409, never a 500', async () => {
    const { res } = await sendAsVoter(
      api,
      `/api/notices/${second.slug}/reports`,
      { content: '两处同时办理的反映。' },
      { client: '198.51.100.201' },
    );
    const id = await idOf((await res.json()).reference);
    const other = await createDb({ url: db.url });
    try {
      const supervisor = staff.as('supervisor').id;
      const input = { id, actorId: supervisor, now };
      const taken = await Promise.allSettled([
        takeUpReport(db.db, input),
        takeUpReport(other.db, input),
      ]);
      expect(taken.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      const refused = taken.find((t) => t.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'conflict', reason: 'report_already_taken_up' });

      const conclusion = {
        ...input,
        finding: 'unverifiable' as const,
        actionTaken: '无法联系反映人。',
        reply: '因线索不足，暂无法核实。',
      };
      const concluded = await Promise.allSettled([
        concludeReport(db.db, conclusion),
        concludeReport(other.db, { ...conclusion, reply: '另一条答复。' }),
      ]);
      expect(concluded.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
      const late = concluded.find((t) => t.status === 'rejected') as PromiseRejectedResult;
      expect(late.reason).toMatchObject({ code: 'conflict', reason: 'report_already_concluded' });
    } finally {
      await other.close();
    }
  });
});
