import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, candidate, tally } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { errorOf, fixedClock, jsonRequest } from '../helpers/test-api.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';

const now = new Date('2026-12-10T02:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor', 'supervisor']);

const asRole = staff.headers;

function put(body: unknown, headers: Record<string, string>): RequestInit {
  return { ...jsonRequest(body, headers), method: 'PUT' };
}

const rule13 = {
  membersDue: 13,
  quorum: 'two_thirds',
  threshold: 'more_than_half_of_due',
  tieBreak: 'revote',
} as const;

/**
 * A campaign at its committee vote with one track of `quota` places and one candidate per name
 * on the second shortlist, each with the given public votes; plus one merely shortlisted
 * candidate, who is never due.
 */
async function committeeTrack(
  quota: number,
  field: [name: string, publicVotes: number][],
  stage: 'committee_vote' | 'public_vote' = 'committee_vote',
) {
  const c = await makeCampaign(db.db, now, { stage });
  const t = await makeTrack(db.db, c.id, { quota, maxPicks: 1 });
  const ids: Record<string, number> = {};
  for (const [name, votes] of field) {
    const row = await makeCandidate(db.db, t, { name, status: 'second_shortlist' });
    await db.db.insert(tally).values({ candidateId: row.id, votes });
    ids[name] = row.id;
  }
  const outsider = await makeCandidate(db.db, t, { name: '未入围者', status: 'shortlisted' });
  return {
    slug: c.slug,
    track: t.slug,
    ids,
    outsider: outsider.id,
    rulePath: `/api/staff/campaigns/${c.slug}/committee/rule`,
    overviewPath: `/api/staff/campaigns/${c.slug}/committee`,
    sessionsPath: `/api/staff/campaigns/${c.slug}/tracks/${t.slug}/committee/sessions`,
  };
}

type Fixture = Awaited<ReturnType<typeof committeeTrack>>;

/** Tallies by candidate name: [for, against, abstain]. */
function sessionBody(
  f: Fixture,
  membersPresent: number,
  votes: Record<string, [number, number, number]>,
  heldOn = '2026-12-09',
) {
  return {
    heldOn,
    membersPresent,
    tallies: Object.entries(votes).map(([name, [votesFor, votesAgainst, abstentions]]) => ({
      candidateId: f.ids[name]!,
      votesFor,
      votesAgainst,
      abstentions,
    })),
  };
}

async function statusOf(id: number) {
  const [row] = await db.db
    .select({ status: candidate.status })
    .from(candidate)
    .where(eq(candidate.id, id));
  return row!.status;
}

interface SessionBody {
  session: {
    id: number;
    round: number;
    status: string;
    quota: number;
    outdated: boolean;
    decision: {
      valid: boolean;
      summary: string;
      elected: number;
      revotePlaces: number;
      candidates: { id: number; name: string; outcome: string | null; explanation: string }[];
    };
  };
}

const outcomesOf = (body: SessionBody) =>
  Object.fromEntries(body.session.decision.candidates.map((c) => [c.name, c.outcome]));

async function setRule(f: Fixture, rule: object = rule13) {
  const res = await api.request(f.rulePath, put(rule, asRole('editor')));
  expect(res.status).toBe(200);
}

async function recordDraft(f: Fixture, body: object, role: StaffRole = 'editor') {
  const res = await api.request(f.sessionsPath, jsonRequest(body, asRole(role)));
  expect(res.status).toBe(200);
  return (await res.json()) as SessionBody;
}

const confirmPath = (id: number | string) => `/api/staff/committee/sessions/${id}/confirm`;

async function confirm(id: number, role: StaffRole = 'editor') {
  return api.request(confirmPath(id), jsonRequest({}, asRole(role)));
}

describe('a track from rule to confirmed result', () => {
  let f: Fixture;
  let sessionId: number;

  beforeAll(async () => {
    f = await committeeTrack(2, [
      ['甲', 500],
      ['乙', 400],
      ['丙', 300],
      ['丁', 200],
    ]);
  });

  it('starts with no rule and every second-shortlisted candidate due in round 1', async () => {
    const res = await api.request(f.overviewPath, { headers: asRole('auditor') });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.rule).toBeNull();
    expect(body.ruleLocked).toBe(false);
    expect(body.tracks[0]).toMatchObject({
      slug: f.track,
      quota: 2,
      placesFilled: 0,
      placesRemaining: 2,
      sessions: [],
      draft: null,
    });
    // The merely shortlisted candidate is not in the committee's field.
    expect(body.tracks[0].nextRound).toEqual({
      round: 1,
      candidates: [
        { id: f.ids['甲'], number: expect.any(Number), name: '甲', publicVotes: 500 },
        { id: f.ids['乙'], number: expect.any(Number), name: '乙', publicVotes: 400 },
        { id: f.ids['丙'], number: expect.any(Number), name: '丙', publicVotes: 300 },
        { id: f.ids['丁'], number: expect.any(Number), name: '丁', publicVotes: 200 },
      ],
    });
  });

  it('lets an editor set the rule and change it while nothing is confirmed', async () => {
    const first = await api.request(
      f.rulePath,
      put({ ...rule13, membersDue: 11 }, asRole('editor')),
    );
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ rule: { ...rule13, membersDue: 11 } });
    const second = await api.request(f.rulePath, put(rule13, asRole('admin')));
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ rule: rule13 });
  });

  it('records a draft and answers with its decision before anything is confirmed', async () => {
    const body = await recordDraft(
      f,
      sessionBody(f, 11, { 甲: [10, 1, 0], 乙: [9, 2, 0], 丙: [6, 5, 0], 丁: [8, 2, 1] }),
    );
    sessionId = body.session.id;
    expect(body.session).toMatchObject({ round: 1, status: 'draft', quota: 2, outdated: false });
    expect(outcomesOf(body)).toEqual({
      甲: 'elected',
      乙: 'elected',
      丁: 'not_elected',
      丙: 'not_elected',
    });
    // Drafts change nobody's status.
    expect(await statusOf(f.ids['甲']!)).toBe('second_shortlist');
  });

  it('replaces the draft of the same round, keeping its id', async () => {
    const body = await recordDraft(
      f,
      sessionBody(f, 12, { 甲: [10, 1, 0], 乙: [6, 2, 0], 丙: [7, 5, 0], 丁: [8, 2, 1] }),
      'admin',
    );
    expect(body.session.id).toBe(sessionId);
    expect(outcomesOf(body)).toEqual({
      甲: 'elected',
      丁: 'elected',
      丙: 'not_elected',
      乙: 'not_elected',
    });
    const d = body.session.decision.candidates.find((c) => c.name === '丙')!;
    expect(d.explanation).toBe(
      '赞成 7 票，超过应到会 13 人的半数（需至少 7 票），但按得票排名第 3，在剩余名额 2 名之外，不能当选。',
    );
    const overview = await (
      await api.request(f.overviewPath, { headers: asRole('auditor') })
    ).json();
    expect(overview.tracks[0].sessions).toHaveLength(1);
    expect(overview.tracks[0].draft.id).toBe(sessionId);
  });

  it('refuses a monitor, an auditor and a request without the CSRF token', async () => {
    for (const role of ['monitor', 'auditor'] as const) {
      const res = await confirm(sessionId, role);
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const noToken = await api.request(
      confirmPath(sessionId),
      jsonRequest({}, { cookie: staff.as('editor').cookie }),
    );
    expect(noToken.status).toBe(403);
    expect((await errorOf(noToken)).code).toBe('csrf_failed');
    expect((await api.request(confirmPath(sessionId), jsonRequest({}))).status).toBe(401);
    expect(await statusOf(f.ids['甲']!)).toBe('second_shortlist');
  });

  it('confirms: statuses set, the sitting frozen, every change in the audit log', async () => {
    const res = await confirm(sessionId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SessionBody & {
      session: { confirmedBy: number; confirmedAt: string };
    };
    expect(body.session).toMatchObject({
      id: sessionId,
      status: 'confirmed',
      confirmedBy: staff.as('editor').id,
      confirmedAt: now.toISOString(),
    });
    expect(await statusOf(f.ids['甲']!)).toBe('elected');
    expect(await statusOf(f.ids['丁']!)).toBe('elected');
    expect(await statusOf(f.ids['乙']!)).toBe('not_elected');
    expect(await statusOf(f.ids['丙']!)).toBe('not_elected');
    expect(await statusOf(f.outsider)).toBe('shortlisted');

    const sessionAudit = await db.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.entityType, 'committee_session'), eq(auditLog.entityId, String(sessionId))),
      )
      .orderBy(asc(auditLog.id));
    expect(sessionAudit.map((a) => a.action)).toEqual([
      'committee.record_session',
      'committee.record_session',
      'committee.confirm_session',
    ]);
    expect(sessionAudit[0]!.before).toBeNull();
    // The replacement keeps what it replaced.
    expect(sessionAudit[1]!.before).toMatchObject({ membersPresent: 11 });
    expect(sessionAudit[1]!.after).toMatchObject({ membersPresent: 12, round: 1 });
    expect(sessionAudit[2]).toMatchObject({
      actorId: staff.as('editor').id,
      before: { status: 'draft' },
      after: { status: 'confirmed', round: 1, quota: 2 },
    });
    const candidateAudit = await db.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'committee.decide_candidate'),
          eq(auditLog.entityId, String(f.ids['丁'])),
        ),
      );
    expect(candidateAudit).toHaveLength(1);
    expect(candidateAudit[0]).toMatchObject({
      entityType: 'candidate',
      before: { status: 'second_shortlist' },
      after: { status: 'elected', sessionId, round: 1 },
    });
    const ruleAudit = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'committee.set_rule'), eq(auditLog.entityId, f.slug)))
      .orderBy(asc(auditLog.id));
    expect(ruleAudit.map((a) => [a.before, a.after])).toEqual([
      [null, { ...rule13, membersDue: 11 }],
      [{ ...rule13, membersDue: 11 }, rule13],
    ]);
  });

  it('refuses to confirm twice', async () => {
    const res = await confirm(sessionId, 'admin');
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({
      code: 'conflict',
      reason: 'committee_session_confirmed',
    });
  });

  it('locks the rule once a sitting is confirmed', async () => {
    const res = await api.request(f.rulePath, put({ ...rule13, membersDue: 15 }, asRole('admin')));
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'conflict', reason: 'committee_rule_locked' });
    expect(error.message).toContain('票决规则不能再修改');
    const overview = await (
      await api.request(f.overviewPath, { headers: asRole('editor') })
    ).json();
    expect(overview.rule).toEqual(rule13);
    expect(overview.ruleLocked).toBe(true);
  });

  it('refuses a new sitting once every place is decided', async () => {
    const res = await api.request(
      f.sessionsPath,
      jsonRequest(sessionBody(f, 12, { 乙: [9, 0, 0] }), asRole('editor')),
    );
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ reason: 'committee_no_candidates_due' });
    const overview = await (
      await api.request(f.overviewPath, { headers: asRole('editor') })
    ).json();
    expect(overview.tracks[0]).toMatchObject({
      placesFilled: 2,
      placesRemaining: 0,
      nextRound: { round: 2, candidates: [] },
    });
  });

  it('holds the confirmed record against direct SQL updates and deletes', async () => {
    const attempts = [
      `UPDATE committee_session SET members_present = 13 WHERE id = ${sessionId}`,
      `DELETE FROM committee_session WHERE id = ${sessionId}`,
      `UPDATE committee_tally SET votes_for = 13 WHERE session_id = ${sessionId}`,
      `DELETE FROM committee_tally WHERE session_id = ${sessionId}`,
      `INSERT INTO committee_tally (session_id, candidate_id, votes_for, votes_against, abstentions) VALUES (${sessionId}, ${f.outsider}, 1, 0, 0)`,
    ];
    for (const statement of attempts) {
      await expect(db.client.execute(statement)).rejects.toThrow(
        'a confirmed committee vote cannot change',
      );
    }
    const kept = await db.client.execute(
      `SELECT members_present FROM committee_session WHERE id = ${sessionId}`,
    );
    expect(Number(kept.rows[0]![0])).toBe(12);
  });
});

describe('a tie across the last place goes to a further round', () => {
  let f: Fixture;

  beforeAll(async () => {
    f = await committeeTrack(2, [
      ['甲', 10],
      ['乙', 20],
      ['丙', 30],
      ['丁', 40],
    ]);
    await setRule(f);
  });

  it('confirms round 1: the leader elected, the tied pair left for round 2', async () => {
    const draft = await recordDraft(
      f,
      sessionBody(f, 13, { 甲: [11, 2, 0], 乙: [8, 5, 0], 丙: [8, 4, 1], 丁: [3, 10, 0] }),
    );
    expect(outcomesOf(draft)).toEqual({
      甲: 'elected',
      乙: 'tie_revote',
      丙: 'tie_revote',
      丁: 'not_elected',
    });
    expect(draft.session.decision.summary).toBe(
      '剩余名额 2 名，当选 1 名；2 人同票争夺最后 1 个名额，须再次表决。',
    );
    expect((await confirm(draft.session.id)).status).toBe(200);
    expect(await statusOf(f.ids['甲']!)).toBe('elected');
    expect(await statusOf(f.ids['丁']!)).toBe('not_elected');
    // The tied stay on the second shortlist, with no audit entry of a status change.
    expect(await statusOf(f.ids['乙']!)).toBe('second_shortlist');
    expect(await statusOf(f.ids['丙']!)).toBe('second_shortlist');
    const tiedAudit = await db.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'committee.decide_candidate'),
          eq(auditLog.entityId, String(f.ids['乙'])),
        ),
      );
    expect(tiedAudit).toEqual([]);

    const overview = await (
      await api.request(f.overviewPath, { headers: asRole('auditor') })
    ).json();
    expect(overview.tracks[0]).toMatchObject({
      placesFilled: 1,
      placesRemaining: 1,
      draft: null,
      nextRound: {
        round: 2,
        candidates: [
          { id: f.ids['乙'], name: '乙' },
          { id: f.ids['丙'], name: '丙' },
        ],
      },
    });
  });

  it('takes exactly the tied candidates in round 2', async () => {
    const extra = await api.request(
      f.sessionsPath,
      jsonRequest(
        sessionBody(f, 13, { 乙: [9, 4, 0], 丙: [7, 6, 0], 甲: [1, 0, 0] }),
        asRole('editor'),
      ),
    );
    expect(extra.status).toBe(422);
    expect(await errorOf(extra)).toMatchObject({
      code: 'rule_violation',
      reason: 'committee_tally_unexpected',
      details: { round: 2, candidateIds: [f.ids['甲']] },
    });
    const missing = await api.request(
      f.sessionsPath,
      jsonRequest(sessionBody(f, 13, { 乙: [9, 4, 0] }), asRole('editor')),
    );
    expect(missing.status).toBe(422);
    const error = await errorOf(missing);
    expect(error).toMatchObject({ reason: 'committee_tally_missing' });
    expect(error.message).toContain('丙');
  });

  it('confirms round 2 for the one remaining place', async () => {
    const draft = await recordDraft(
      f,
      sessionBody(f, 12, { 乙: [9, 3, 0], 丙: [7, 5, 0] }, '2026-12-10'),
    );
    expect(draft.session).toMatchObject({ round: 2, quota: 1 });
    expect(outcomesOf(draft)).toEqual({ 乙: 'elected', 丙: 'not_elected' });
    expect(draft.session.decision.candidates.find((c) => c.name === '乙')!.explanation).toContain(
      '在剩余名额 1 名之内，当选',
    );
    expect((await confirm(draft.session.id, 'admin')).status).toBe(200);
    expect(await statusOf(f.ids['乙']!)).toBe('elected');
    expect(await statusOf(f.ids['丙']!)).toBe('not_elected');
    const overview = await (
      await api.request(f.overviewPath, { headers: asRole('editor') })
    ).json();
    const t = overview.tracks[0];
    expect(t.placesFilled).toBe(2);
    expect(
      t.sessions.map((s: { round: number; status: string; quota: number }) => [
        s.round,
        s.status,
        s.quota,
      ]),
    ).toEqual([
      [1, 'confirmed', 2],
      [2, 'confirmed', 1],
    ]);
    // Round 1's decision still reads as it was decided.
    expect(t.sessions[0].decision.revotePlaces).toBe(1);
  });
});

describe('public votes settle a tie when the rule says so', () => {
  it('elects the tied candidate with more public votes', async () => {
    const f = await committeeTrack(1, [
      ['张三', 1234],
      ['李四', 1100],
    ]);
    await setRule(f, { ...rule13, tieBreak: 'more_public_votes' });
    const draft = await recordDraft(f, sessionBody(f, 13, { 张三: [8, 5, 0], 李四: [8, 4, 1] }));
    expect(outcomesOf(draft)).toEqual({ 张三: 'elected', 李四: 'not_elected' });
    expect(draft.session.decision.candidates[0]!.explanation).toContain(
      '以群众投票 1,234 票多于李四的 1,100 票取得最后名额',
    );
    expect((await confirm(draft.session.id)).status).toBe(200);
    expect(await statusOf(f.ids['张三']!)).toBe('elected');
    expect(await statusOf(f.ids['李四']!)).toBe('not_elected');
  });
});

describe('refusals before confirming', () => {
  it('records a sitting without a quorum, but refuses to confirm it', async () => {
    const f = await committeeTrack(1, [['甲', 0]]);
    await setRule(f);
    const draft = await recordDraft(f, sessionBody(f, 8, { 甲: [8, 0, 0] }));
    expect(draft.session.decision.valid).toBe(false);
    expect(outcomesOf(draft)).toEqual({ 甲: null });
    const res = await confirm(draft.session.id);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error).toMatchObject({
      code: 'rule_violation',
      reason: 'committee_no_quorum',
    });
    expect(error.message).toContain('需至少 9 人');
    expect(await statusOf(f.ids['甲']!)).toBe('second_shortlist');
    // Nine present is a quorum: the re-recorded draft confirms.
    const again = await recordDraft(f, sessionBody(f, 9, { 甲: [8, 0, 0] }));
    expect((await confirm(again.session.id)).status).toBe(200);
    expect(await statusOf(f.ids['甲']!)).toBe('elected');
  });

  it('refuses a draft recorded under a different committee size', async () => {
    const f = await committeeTrack(1, [['甲', 0]]);
    await setRule(f);
    const draft = await recordDraft(f, sessionBody(f, 13, { 甲: [8, 0, 0] }));
    await setRule(f, { ...rule13, membersDue: 15 });
    const overview = await (
      await api.request(f.overviewPath, { headers: asRole('editor') })
    ).json();
    expect(overview.tracks[0].draft.outdated).toBe(true);
    const res = await confirm(draft.session.id);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ reason: 'committee_draft_outdated' });
  });

  it('refuses a draft whose field changed since it was recorded', async () => {
    const f = await committeeTrack(1, [
      ['甲', 0],
      ['乙', 0],
    ]);
    await setRule(f);
    const draft = await recordDraft(f, sessionBody(f, 13, { 甲: [8, 0, 0], 乙: [5, 0, 0] }));
    await db.db
      .update(candidate)
      .set({ status: 'withdrawn' })
      .where(eq(candidate.id, f.ids['乙']!));
    const res = await confirm(draft.session.id);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ reason: 'committee_candidates_changed' });
    expect(await statusOf(f.ids['甲']!)).toBe('second_shortlist');
  });

  it('refuses outside the committee vote stage (409), to record and to confirm', async () => {
    const early = await committeeTrack(1, [['甲', 0]], 'public_vote');
    await setRule(early);
    const res = await api.request(
      early.sessionsPath,
      jsonRequest(sessionBody(early, 13, { 甲: [8, 0, 0] }), asRole('editor')),
    );
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'conflict', reason: 'committee_wrong_stage' });
    expect(error.message).toContain('事迹展示和群众投票');

    const late = await committeeTrack(1, [['甲', 0]]);
    await setRule(late);
    const draft = await recordDraft(late, sessionBody(late, 13, { 甲: [8, 0, 0] }));
    await db.client.execute({
      sql: `UPDATE campaign SET stage = 'publicity' WHERE slug = ?`,
      args: [late.slug],
    });
    const confirmed = await confirm(draft.session.id);
    expect(confirmed.status).toBe(409);
    expect(await errorOf(confirmed)).toMatchObject({ reason: 'committee_wrong_stage' });
  });

  it('refuses to record before the rule is set (422)', async () => {
    const f = await committeeTrack(1, [['甲', 0]]);
    const res = await api.request(
      f.sessionsPath,
      jsonRequest(sessionBody(f, 13, { 甲: [8, 0, 0] }), asRole('editor')),
    );
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'rule_violation', reason: 'committee_rule_missing' });
    expect(error.message).toContain('请先设置规则');
  });

  it('refuses a track with nobody on the second shortlist (409)', async () => {
    const f = await committeeTrack(1, []);
    await setRule(f);
    const res = await api.request(
      f.sessionsPath,
      jsonRequest(
        {
          heldOn: '2026-12-09',
          membersPresent: 13,
          tallies: [{ candidateId: f.outsider, votesFor: 9, votesAgainst: 0, abstentions: 0 }],
        },
        asRole('editor'),
      ),
    );
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ reason: 'committee_no_candidates_due' });
  });
});

describe('validation', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await committeeTrack(1, [
      ['甲', 0],
      ['乙', 0],
    ]);
    await setRule(f);
  });

  it.each([
    ['a negative count', { 甲: [-1, 0, 0], 乙: [1, 0, 0] }, {}],
    ['a fractional count', { 甲: [1.5, 0, 0], 乙: [1, 0, 0] }, {}],
    ['a malformed date', { 甲: [1, 0, 0], 乙: [1, 0, 0] }, { heldOn: '2026-13-01' }],
    ['no tallies', {}, {}],
    ['an unknown field', { 甲: [1, 0, 0], 乙: [1, 0, 0] }, { note: 'x' }],
  ] as const)('400 for %s', async (_, votes, extra) => {
    const body = {
      ...sessionBody(f, 13, votes as Record<string, [number, number, number]>),
      ...extra,
    };
    const res = await api.request(f.sessionsPath, jsonRequest(body, asRole('editor')));
    expect(res.status).toBe(400);
    const error = (await res.json()).error;
    expect(error.code).toBe('invalid_request');
    expect(error.issues.length).toBeGreaterThan(0);
  });

  it('400 for a candidate twice', async () => {
    const body = sessionBody(f, 13, { 甲: [1, 0, 0], 乙: [1, 0, 0] });
    body.tallies.push(body.tallies[0]!);
    const res = await api.request(f.sessionsPath, jsonRequest(body, asRole('editor')));
    expect(res.status).toBe(400);
  });

  it('422 for more present than due', async () => {
    const res = await api.request(
      f.sessionsPath,
      jsonRequest(sessionBody(f, 14, { 甲: [1, 0, 0], 乙: [1, 0, 0] }), asRole('editor')),
    );
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({ reason: 'committee_present_exceeds_due' });
  });

  it('422 when a candidate’s votes add up to more than the members present', async () => {
    const res = await api.request(
      f.sessionsPath,
      jsonRequest(sessionBody(f, 10, { 甲: [6, 3, 2], 乙: [1, 0, 0] }), asRole('editor')),
    );
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error).toMatchObject({ reason: 'committee_votes_exceed_present' });
    expect(error.message).toContain('甲的赞成、反对、弃权票合计 11 票，超过了实到会人数 10 人');
    // Nothing was written.
    const overview = await (
      await api.request(f.overviewPath, { headers: asRole('editor') })
    ).json();
    expect(overview.tracks[0].sessions).toEqual([]);
  });

  it('400 for a bad rule, 404 for an unknown campaign or track or sitting', async () => {
    for (const bad of [
      { ...rule13, membersDue: 0 },
      { ...rule13, membersDue: 201 },
      { ...rule13, quorum: 'all' },
      { ...rule13, tieBreak: undefined },
    ]) {
      const res = await api.request(f.rulePath, put(bad, asRole('editor')));
      expect(res.status).toBe(400);
    }
    const unknownCampaign = await api.request(
      '/api/staff/campaigns/no-such/committee/rule',
      put(rule13, asRole('editor')),
    );
    expect(unknownCampaign.status).toBe(404);
    expect(await errorOf(unknownCampaign)).toMatchObject({ reason: 'campaign_not_found' });
    const overview = await api.request('/api/staff/campaigns/no-such/committee', {
      headers: asRole('editor'),
    });
    expect(overview.status).toBe(404);
    const unknownTrack = await api.request(
      `/api/staff/campaigns/${f.slug}/tracks/no-such/committee/sessions`,
      jsonRequest(sessionBody(f, 13, { 甲: [1, 0, 0] }), asRole('editor')),
    );
    expect(unknownTrack.status).toBe(404);
    expect(await errorOf(unknownTrack)).toMatchObject({ reason: 'track_not_found' });
    const unknownSession = await confirm(999999);
    expect(unknownSession.status).toBe(404);
    expect(await errorOf(unknownSession)).toMatchObject({ reason: 'committee_session_not_found' });
    const badId = await api.request(confirmPath('abc'), jsonRequest({}, asRole('editor')));
    expect(badId.status).toBe(400);
    for (const bad of ['1e3', '7.0', '-1']) {
      const res = await api.request(confirmPath(bad), jsonRequest({}, asRole('editor')));
      expect(res.status, bad).toBe(400);
      expect(await errorOf(res), bad).toMatchObject({
        code: 'invalid_request',
        issues: [expect.objectContaining({ path: 'id' })],
      });
    }
  });
});

describe('security', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await committeeTrack(1, [['甲', 0]]);
  });

  it('refuses anonymous requests with 401 on every route', async () => {
    expect((await api.request(f.overviewPath)).status).toBe(401);
    expect((await api.request(f.rulePath, put(rule13, {}))).status).toBe(401);
    expect(
      (await api.request(f.sessionsPath, jsonRequest(sessionBody(f, 13, { 甲: [1, 0, 0] }))))
        .status,
    ).toBe(401);
    expect((await api.request(confirmPath(1), jsonRequest({}))).status).toBe(401);
  });

  it.each(['editor', 'admin', 'auditor'] as const)('lets %s read the overview', async (role) => {
    expect((await api.request(f.overviewPath, { headers: asRole(role) })).status).toBe(200);
  });

  it.each(['monitor', 'supervisor'] as const)(
    'refuses %s the overview, as the committee page does',
    async (role) => {
      expect((await api.request(f.overviewPath, { headers: asRole(role) })).status).toBe(403);
    },
  );

  it.each(['monitor', 'auditor'] as const)('refuses %s any write with 403', async (role) => {
    const rule = await api.request(f.rulePath, put(rule13, asRole(role)));
    expect(rule.status).toBe(403);
    expect((await errorOf(rule)).code).toBe('forbidden');
    const record = await api.request(
      f.sessionsPath,
      jsonRequest(sessionBody(f, 13, { 甲: [1, 0, 0] }), asRole(role)),
    );
    expect(record.status).toBe(403);
  });

  it('refuses writes without the CSRF token or from another origin', async () => {
    const cookieOnly = { cookie: staff.as('admin').cookie };
    const rule = await api.request(f.rulePath, put(rule13, cookieOnly));
    expect(rule.status).toBe(403);
    expect((await errorOf(rule)).code).toBe('csrf_failed');
    const record = await api.request(
      f.sessionsPath,
      jsonRequest(sessionBody(f, 13, { 甲: [1, 0, 0] }), cookieOnly),
    );
    expect(record.status).toBe(403);
    const foreign = await api.request(
      f.rulePath,
      put(rule13, asRole('admin', { origin: 'https://evil.example' })),
    );
    expect(foreign.status).toBe(403);
    // None of these set the rule.
    const overview = await (await api.request(f.overviewPath, { headers: asRole('admin') })).json();
    expect(overview.rule).toBeNull();
  });
});
