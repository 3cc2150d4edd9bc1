import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, candidate, tally } from '#src/db/schema/index.ts';
import {
  campaignStages,
  candidateStatuses,
  type CampaignStage,
  type CandidateStatus,
} from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { fixedClock, jsonRequest } from '../helpers/test-api.ts';
import { personInput } from '../helpers/candidate-fixtures.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';

const now = new Date('2026-05-10T02:00:00Z');
const clock = fixedClock(now);
const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor']);

let slug: string;
let people: { id: number; campaignId: number; slug: string };
let units: { id: number; campaignId: number; slug: string };

const person = personInput;
const unit = { kind: 'unit', name: '澄川市北岸街道办事处', headName: '吴海平', headTitle: '主任' };

beforeAll(async () => {
  const c = await makeCampaign(db.db, now, { stage: 'nomination' });
  slug = c.slug;
  people = await makeTrack(db.db, c.id, { kind: 'individual', position: 1 });
  units = await makeTrack(db.db, c.id, { kind: 'unit', position: 2 });
});

// The factory numbers candidates from a counter of its own; in tracks the API also numbers,
// give them numbers far from the API's.
let factoryNumber = 1000;
const numbered = (o: Parameters<typeof makeCandidate>[2] = {}) => ({
  number: ++factoryNumber,
  ...o,
});

const as = staff.headers;
const post = (path: string, body: unknown, headers: Record<string, string>) =>
  api.request(path, jsonRequest(body, headers));
const patch = (path: string, body: unknown, headers: Record<string, string>) =>
  api.request(path, { ...jsonRequest(body, headers), method: 'PATCH' });
const createPath = (track: string) => `/api/staff/campaigns/${slug}/tracks/${track}/candidates`;

async function auditOf(id: number) {
  return db.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'candidate'), eq(auditLog.entityId, String(id))));
}

describe('POST /api/staff/campaigns/{slug}/tracks/{track}/candidates', () => {
  it('creates a nominated person with the next number and audits it', async () => {
    const res = await post(createPath(people.slug), person, as('editor'));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      campaign: slug,
      track: people.slug,
      trackKind: 'individual',
      number: 1,
      status: 'nominated',
      name: '林晓岚',
      headName: null,
      partyJoined: null,
      district: '',
      votes: 0,
      createdAt: now.toISOString(),
    });
    const audit = await auditOf(body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'candidate.create',
      actorId: staff.as('editor').id,
      before: null,
    });
    expect(audit[0]!.after).toMatchObject({ name: '林晓岚', number: 1, status: 'nominated' });

    const next = await post(createPath(people.slug), { ...person, name: '顾明远' }, as('admin'));
    expect((await next.json()).number).toBe(2);
  });

  it('takes a given number, and refuses it when taken (409 candidate_number_taken)', async () => {
    const own = await post(createPath(units.slug), { ...unit, number: 40 }, as('editor'));
    expect(own.status).toBe(201);
    expect((await own.json()).number).toBe(40);
    const taken = await post(
      createPath(units.slug),
      { ...unit, name: '另一单位', number: 40 },
      as('editor'),
    );
    expect(taken.status).toBe(409);
    expect((await taken.json()).error).toMatchObject({
      code: 'conflict',
      reason: 'candidate_number_taken',
      details: { number: 40 },
    });
    // The same number in another track is another ballot: allowed.
    const other = await post(
      createPath(people.slug),
      { ...person, name: '沈佳怡', number: 40 },
      as('editor'),
    );
    expect(other.status).toBe(201);
  });

  it('refuses a person in a unit track (400 candidate_kind_mismatch)', async () => {
    const res = await post(createPath(units.slug), person, as('editor'));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.reason).toBe('candidate_kind_mismatch');
    expect(error.message).toContain('单位');
  });

  it('refuses a unit with personal fields and a person without required ones, with issues', async () => {
    const withSex = await post(createPath(units.slug), { ...unit, sex: '男' }, as('editor'));
    expect(withSex.status).toBe(400);
    expect((await withSex.json()).error.code).toBe('invalid_request');
    const { birth: _b, ...noBirth } = person;
    const res = await post(createPath(people.slug), { ...noBirth, sex: 'M' }, as('editor'));
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths.sort()).toEqual(['birth', 'sex']);
  });

  it('404 for an unknown campaign or track, 400 for a malformed slug', async () => {
    const noCampaign = await post(
      `/api/staff/campaigns/nope/tracks/${people.slug}/candidates`,
      person,
      as('editor'),
    );
    expect(noCampaign.status).toBe(404);
    expect((await noCampaign.json()).error.reason).toBe('campaign_not_found');
    const noTrack = await post(createPath('nope'), person, as('editor'));
    expect((await noTrack.json()).error.reason).toBe('track_not_found');
    expect((await post(createPath('BAD_SLUG'), person, as('editor'))).status).toBe(400);
  });

  it('refuses anonymous (401), auditor and monitor (403), and a missing CSRF token (403)', async () => {
    expect((await post(createPath(people.slug), person, {})).status).toBe(401);
    for (const role of ['auditor', 'monitor'] as const) {
      const res = await post(createPath(people.slug), person, as(role));
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    const noToken = await post(createPath(people.slug), person, {
      cookie: staff.as('editor').cookie,
    });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf_failed');
  });
});

describe('GET /api/staff/campaigns/{slug}/candidates', () => {
  it('lists every status with vote counts, for every staff role', async () => {
    const withdrawn = await makeCandidate(
      db.db,
      people,
      numbered({ status: 'withdrawn', name: '退出者', number: 90 }),
    );
    await db.db.insert(tally).values({ candidateId: withdrawn.id, votes: 7 });
    for (const role of ['editor', 'admin', 'auditor', 'monitor'] as const) {
      const res = await api.request(`/api/staff/campaigns/${slug}/candidates`, {
        headers: as(role),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.json();
      expect(body.campaign).toEqual({ slug, stage: 'nomination' });
      const row = body.candidates.find((x: { id: number }) => x.id === withdrawn.id);
      expect(row).toMatchObject({ status: 'withdrawn', votes: 7, track: people.slug });
      expect(row).not.toHaveProperty('deeds');
    }
  });

  it('orders by track then number, and filters by track, status and text', async () => {
    const all = await (
      await api.request(`/api/staff/campaigns/${slug}/candidates`, { headers: as('editor') })
    ).json();
    const order = all.candidates.map((x: { track: string; number: number }) => [x.track, x.number]);
    expect(order).toEqual(
      [...order].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] === people.slug ? -1 : 1)),
    );
    const byTrack = await (
      await api.request(`/api/staff/campaigns/${slug}/candidates?track=${units.slug}`, {
        headers: as('editor'),
      })
    ).json();
    expect(byTrack.candidates.every((x: { track: string }) => x.track === units.slug)).toBe(true);
    expect(byTrack.candidates.length).toBeGreaterThan(0);
    const byStatus = await (
      await api.request(`/api/staff/campaigns/${slug}/candidates?status=withdrawn`, {
        headers: as('editor'),
      })
    ).json();
    expect(byStatus.candidates.map((x: { name: string }) => x.name)).toEqual(['退出者']);
    const byText = await (
      await api.request(
        `/api/staff/campaigns/${slug}/candidates?q=${encodeURIComponent('林晓 岚')}`,
        {
          headers: as('editor'),
        },
      )
    ).json();
    expect(byText.candidates.map((x: { name: string }) => x.name)).toEqual(['林晓岚']);
  });

  it('400 for an unknown status, 404 for an unknown campaign or track, 401 anonymous', async () => {
    const base = `/api/staff/campaigns/${slug}/candidates`;
    expect((await api.request(`${base}?status=famous`, { headers: as('editor') })).status).toBe(
      400,
    );
    expect((await api.request(`${base}?track=nope`, { headers: as('editor') })).status).toBe(404);
    expect(
      (await api.request('/api/staff/campaigns/nope/candidates', { headers: as('editor') })).status,
    ).toBe(404);
    expect((await api.request(base)).status).toBe(401);
  });
});

describe('GET and PATCH /api/staff/candidates/{id}', () => {
  it('answers one candidate with every field for a reader; 404 unknown, 400 malformed id', async () => {
    const c = await makeCandidate(
      db.db,
      people,
      numbered({ status: 'nominated', deeds: '长事迹' }),
    );
    const res = await api.request(`/api/staff/candidates/${c.id}`, { headers: as('auditor') });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: c.id,
      deeds: '长事迹',
      votes: 0,
      campaignStage: 'nomination',
      // What a form may offer: only moves the status endpoint will accept.
      nextStatuses: ['shortlisted', 'withdrawn'],
    });
    const missing = await api.request('/api/staff/candidates/999999', { headers: as('auditor') });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.reason).toBe('candidate_not_found');
    expect(
      (await api.request('/api/staff/candidates/abc', { headers: as('auditor') })).status,
    ).toBe(400);
    expect((await api.request(`/api/staff/candidates/${c.id}`)).status).toBe(401);
  });

  it('changes only the given fields, bumps updatedAt and audits the difference', async () => {
    const created = await (
      await post(createPath(people.slug), { ...person, name: '许文博' }, as('editor'))
    ).json();
    clock.advance(60_000);
    const res = await patch(
      `/api/staff/candidates/${created.id}`,
      { summary: '新的摘要', sex: '女', partyJoined: '2003-06' },
      as('editor'),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ summary: '新的摘要', partyJoined: '2003-06', name: '许文博' });
    expect(body.updatedAt).toBe(new Date(now.getTime() + 60_000).toISOString());
    const update = (await auditOf(created.id)).find((a) => a.action === 'candidate.update')!;
    // sex was already 女: not a change, so not in the log.
    expect(update.before).toEqual({ summary: person.summary, partyJoined: null });
    expect(update.after).toEqual({ summary: '新的摘要', partyJoined: '2003-06' });

    const clear = await patch(
      `/api/staff/candidates/${created.id}`,
      { partyJoined: '' },
      as('admin'),
    );
    expect((await clear.json()).partyJoined).toBeNull();
    clock.set(now);
  });

  it('refuses personal fields on a unit and emptying a required field (400)', async () => {
    const u = await (
      await post(createPath(units.slug), { ...unit, name: '东河区税务局' }, as('editor'))
    ).json();
    const res = await patch(`/api/staff/candidates/${u.id}`, { sex: '男' }, as('editor'));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.reason).toBe('candidate_fields_invalid');
    expect(error.details.issues[0].message).toMatch(/sex/);
    const empty = await patch(`/api/staff/candidates/${u.id}`, { headName: ' ' }, as('editor'));
    expect(empty.status).toBe(400);
    expect((await patch(`/api/staff/candidates/${u.id}`, {}, as('editor'))).status).toBe(400);
    expect((await patch(`/api/staff/candidates/${u.id}`, { nmae: 'x' }, as('editor'))).status).toBe(
      400,
    );
  });

  it('refuses a number taken in the track (409)', async () => {
    const a = await makeCandidate(db.db, units, numbered({ number: 301, status: 'nominated' }));
    await makeCandidate(db.db, units, numbered({ number: 302, status: 'nominated' }));
    const res = await patch(`/api/staff/candidates/${a.id}`, { number: 302 }, as('editor'));
    expect(res.status).toBe(409);
    expect((await res.json()).error.reason).toBe('candidate_number_taken');
  });

  it('locks elected and not-elected candidates once publicity starts, and only those', async () => {
    for (const stage of ['publicity', 'concluded'] as const) {
      const c = await makeCampaign(db.db, now, { stage });
      const t = await makeTrack(db.db, c.id);
      for (const status of ['elected', 'not_elected'] as const) {
        const cand = await makeCandidate(db.db, t, { status });
        const res = await patch(
          `/api/staff/candidates/${cand.id}`,
          { summary: '改' },
          as('editor'),
        );
        expect(res.status).toBe(409);
        const { error } = await res.json();
        expect(error).toMatchObject({ code: 'conflict', reason: 'candidate_locked' });
        expect(error.details).toMatchObject({ status, stage });
        expect((await auditOf(cand.id)).length).toBe(0);
      }
      const open = await makeCandidate(db.db, t, { status: 'withdrawn' });
      expect(
        (await patch(`/api/staff/candidates/${open.id}`, { summary: '改' }, as('editor'))).status,
      ).toBe(200);
    }
    const voting = await makeCampaign(db.db, now, { stage: 'committee_vote' });
    const vt = await makeTrack(db.db, voting.id);
    const elected = await makeCandidate(db.db, vt, { status: 'elected' });
    expect(
      (await patch(`/api/staff/candidates/${elected.id}`, { summary: '改' }, as('editor'))).status,
    ).toBe(200);
  });

  it('refuses anonymous, auditor, monitor and a missing CSRF token', async () => {
    const c = await makeCandidate(db.db, people, numbered({ status: 'nominated' }));
    const path = `/api/staff/candidates/${c.id}`;
    expect((await patch(path, { summary: 'x' }, {})).status).toBe(401);
    expect((await patch(path, { summary: 'x' }, as('auditor'))).status).toBe(403);
    expect((await patch(path, { summary: 'x' }, as('monitor'))).status).toBe(403);
    const noToken = await patch(path, { summary: 'x' }, { cookie: staff.as('editor').cookie });
    expect((await noToken.json()).error.code).toBe('csrf_failed');
  });
});

describe('POST /api/staff/candidates/status', () => {
  const path = '/api/staff/candidates/status';
  const before: readonly CampaignStage[] = ['nomination', 'review'];
  // Written out again here, from the brief, rather than imported: the test is the second opinion.
  function allowed(from: CandidateStatus, to: CandidateStatus, stage: CampaignStage): boolean {
    const key = `${from}>${to}`;
    switch (key) {
      case 'nominated>withdrawn':
      case 'shortlisted>withdrawn':
      case 'second_shortlist>withdrawn':
        return true;
      case 'nominated>shortlisted':
      case 'shortlisted>nominated':
      case 'withdrawn>nominated':
        return before.includes(stage);
      case 'shortlisted>second_shortlist':
      case 'second_shortlist>shortlisted':
        return stage === 'second_shortlist';
      case 'second_shortlist>elected':
      case 'second_shortlist>not_elected':
      case 'elected>not_elected':
      case 'not_elected>elected':
        return stage === 'committee_vote';
      default:
        return false;
    }
  }

  it('allows exactly the listed transitions in each stage and refuses every other (422)', async () => {
    let refusedCount = 0;
    for (const stage of campaignStages) {
      const c = await makeCampaign(db.db, now, { stage });
      const t = await makeTrack(db.db, c.id);
      for (const from of candidateStatuses) {
        for (const to of candidateStatuses) {
          const cand = await makeCandidate(db.db, t, { status: from });
          const res = await post(path, { ids: [cand.id], to }, as('editor'));
          const [row] = await db.db.select().from(candidate).where(eq(candidate.id, cand.id));
          if (from === to) {
            // Already there: skipped and named, never a refusal.
            expect(res.status, `${stage}: ${from} → ${to}`).toBe(200);
            expect(await res.json()).toMatchObject({
              changed: [],
              unchanged: [{ id: cand.id, name: cand.name }],
            });
            expect(row!.status).toBe(from);
          } else if (allowed(from, to, stage)) {
            expect(res.status, `${stage}: ${from} → ${to}`).toBe(200);
            expect(row!.status).toBe(to);
          } else {
            refusedCount++;
            expect(res.status, `${stage}: ${from} → ${to}`).toBe(422);
            const { error } = await res.json();
            expect(error).toMatchObject({
              code: 'rule_violation',
              reason: 'status_transition_not_allowed',
              details: { from, to, stage },
            });
            expect(row!.status).toBe(from);
          }
        }
      }
    }
    // 7 stages × 30 pairs of different statuses: 3 always allowed, 3 in two stages, 6 in one.
    expect(refusedCount).toBe(7 * 30 - 7 * 3 - 3 * 2 - 6 * 1);
  });

  it('explains a refused step back to nominated in terms of the process', async () => {
    const c = await makeCampaign(db.db, now, { stage: 'public_vote' });
    const t = await makeTrack(db.db, c.id);
    const cand = await makeCandidate(db.db, t, { status: 'shortlisted' });
    const res = await post(path, { ids: [cand.id], to: 'nominated' }, as('editor'));
    const { error } = await res.json();
    // The statuses in the list's own words, and the candidate by name.
    expect(error.message).toContain('“已入围”');
    expect(error.message).toContain('“已推荐”');
    expect(error.message).toContain(cand.name);
    expect(error.message).toContain('群众投票');
  });

  it('changes several at once, one audit entry each, with the note', async () => {
    const a = await makeCandidate(db.db, people, numbered({ status: 'nominated' }));
    const b = await makeCandidate(db.db, people, numbered({ status: 'nominated' }));
    clock.advance(5_000);
    const res = await post(
      path,
      { ids: [a.id, b.id], to: 'shortlisted', note: '初审会议通过' },
      as('admin'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      to: 'shortlisted',
      changed: [
        { id: a.id, name: a.name, from: 'nominated', to: 'shortlisted' },
        { id: b.id, name: b.name, from: 'nominated', to: 'shortlisted' },
      ],
      unchanged: [],
    });
    for (const id of [a.id, b.id]) {
      const [row] = await db.db.select().from(candidate).where(eq(candidate.id, id));
      expect(row!.updatedAt.getTime()).toBe(now.getTime() + 5_000);
      const audit = await auditOf(id);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'candidate.status_change',
          before: { status: 'nominated' },
          after: { status: 'shortlisted', note: '初审会议通过' },
        }),
      ]);
    }
    clock.set(now);
  });

  it('skips candidates already in the target status and names them', async () => {
    const fresh = await makeCandidate(db.db, people, numbered({ status: 'nominated' }));
    const done = await makeCandidate(db.db, people, numbered({ status: 'shortlisted' }));
    const res = await post(path, { ids: [fresh.id, done.id], to: 'shortlisted' }, as('editor'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      changed: [{ id: fresh.id, from: 'nominated' }],
      unchanged: [{ id: done.id, name: done.name }],
    });
    expect(await auditOf(done.id)).toEqual([]);
  });

  it('is all or nothing: one illegal move in the list changes nobody and logs nothing', async () => {
    const ok = await makeCandidate(db.db, people, numbered({ status: 'nominated' }));
    const bad = await makeCandidate(db.db, people, numbered({ status: 'elected' }));
    const res = await post(path, { ids: [ok.id, bad.id], to: 'shortlisted' }, as('editor'));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.details).toMatchObject({ from: 'elected', to: 'shortlisted' });
    expect(error.details.refused).toEqual([
      { id: bad.id, name: bad.name, from: 'elected', to: 'shortlisted', stage: 'nomination' },
    ]);
    expect(error.message).toContain(bad.name);
    const [row] = await db.db.select().from(candidate).where(eq(candidate.id, ok.id));
    expect(row!.status).toBe('nominated');
    expect(await auditOf(ok.id)).toEqual([]);
  });

  it('404 naming unknown ids, nothing changed; 400 for an empty list or unknown status', async () => {
    const ok = await makeCandidate(db.db, people, numbered({ status: 'nominated' }));
    const res = await post(path, { ids: [ok.id, 987654], to: 'shortlisted' }, as('editor'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.details).toEqual({ ids: [987654] });
    const [row] = await db.db.select().from(candidate).where(eq(candidate.id, ok.id));
    expect(row!.status).toBe('nominated');
    expect((await post(path, { ids: [], to: 'shortlisted' }, as('editor'))).status).toBe(400);
    expect((await post(path, { ids: [ok.id], to: 'famous' }, as('editor'))).status).toBe(400);
  });

  it('refuses anonymous, auditor, monitor and a missing CSRF token', async () => {
    const c = await makeCandidate(db.db, people, numbered({ status: 'nominated' }));
    const body = { ids: [c.id], to: 'shortlisted' };
    expect((await post(path, body, {})).status).toBe(401);
    expect((await post(path, body, as('auditor'))).status).toBe(403);
    expect((await post(path, body, as('monitor'))).status).toBe(403);
    const noToken = await post(path, body, { cookie: staff.as('admin').cookie });
    expect((await noToken.json()).error.code).toBe('csrf_failed');
    const [row] = await db.db.select().from(candidate).where(eq(candidate.id, c.id));
    expect(row!.status).toBe('nominated');
  });
});

describe('POST /api/staff/markdown/preview', () => {
  const path = '/api/staff/markdown/preview';

  it('renders like the public profile: headings from h3, bold, safe links', async () => {
    const res = await post(
      path,
      { markdown: '# 事迹\n\n**40 天**，[报道](https://example.org/a)' },
      as('editor'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      html: '<h3>事迹</h3>\n<p><strong>40 天</strong>，<a href="https://example.org/a">报道</a></p>\n',
    });
  });

  it('leaves scripts, handlers, raw HTML and javascript: links inert', async () => {
    const markdown = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<iframe src="https://evil.example"></iframe>',
      '[点我](javascript:alert(1))',
      '<javascript:alert(2)>',
    ].join('\n\n');
    const { html } = await (await post(path, { markdown }, as('admin'))).json();
    expect(html).not.toMatch(/<(script|img|iframe|a)\b/i);
    expect(html).not.toMatch(/<[^>]+\son\w+\s*=/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('400 beyond 20,000 characters; 401, 403 for auditor, 403 without CSRF token', async () => {
    expect((await post(path, { markdown: '字'.repeat(20_000) }, as('editor'))).status).toBe(200);
    expect((await post(path, { markdown: '字'.repeat(20_001) }, as('editor'))).status).toBe(400);
    expect((await post(path, { markdown: 'x' }, {})).status).toBe(401);
    expect((await post(path, { markdown: 'x' }, as('auditor'))).status).toBe(403);
    const noToken = await post(path, { markdown: 'x' }, { cookie: staff.as('editor').cookie });
    expect((await noToken.json()).error.code).toBe('csrf_failed');
  });
});

describe('pick lists for 所属地区 and 所属领域', () => {
  it('holds a new or changed value to the campaign’s lists, on the field, and leaves free text when none', async () => {
    const listed = await makeCampaign(db.db, now, {
      stage: 'nomination',
      districts: ['望潮区', '鹭洲区'],
      sectors: ['乡镇街道'],
    });
    const t = await makeTrack(db.db, listed.id, { kind: 'unit' });
    const path = `/api/staff/campaigns/${listed.slug}/tracks/${t.slug}/candidates`;
    const typo = await post(
      path,
      { ...unit, district: '望朝区', sector: '乡镇街道' },
      as('editor'),
    );
    expect(typo.status).toBe(400);
    const { error } = await typo.json();
    expect(error.reason).toBe('candidate_value_not_listed');
    expect(error.issues).toEqual([
      {
        path: 'district',
        message: expect.stringContaining('“望朝区”不在本次评选的所属地区列表中'),
      },
    ]);
    const ok = await post(path, { ...unit, district: '望潮区', sector: '乡镇街道' }, as('editor'));
    expect(ok.status).toBe(201);
    const id = (await ok.json()).id;
    const change = await patch(`/api/staff/candidates/${id}`, { sector: '教育' }, as('editor'));
    expect(change.status).toBe(400);
    expect((await change.json()).error.issues[0].path).toBe('sector');
    // A campaign without lists takes any text, as before.
    const free = await post(
      createPath(units.slug),
      { ...unit, name: '某某局', district: '任意区' },
      as('editor'),
    );
    expect(free.status).toBe(201);
  });
});
