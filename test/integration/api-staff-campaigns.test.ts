import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, campaign, track } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCandidate } from '../helpers/factories.ts';
import { fixedClock } from '../helpers/test-api.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';

const now = new Date('2026-10-01T02:00:00Z');
const clock = fixedClock(now);
const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor']);

function send(role: StaffRole | null, method: string, path: string, body?: unknown) {
  const s = role ? staff.as(role) : null;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (s) {
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrfToken;
  }
  return api.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const newCampaign = (slug: string) => ({
  slug,
  year: 2027,
  title: '2027年度测试评选',
  organiser: '中共测试市委组织部',
  intro: '说明',
  countsVisibility: 'after_close',
  voteOpensAt: '2026-11-01T01:00:00.000Z',
  voteClosesAt: '2026-11-10T10:00:00.000Z',
  stageDates: [{ stage: 'nomination', startsOn: '2026-10-01', endsOn: '2026-10-10' }],
});
const newTrack = { slug: 'people', kind: 'individual', name: '优秀个人', quota: 2, maxPicks: 2 };

async function auditActions(entityType: string, entityId: number) {
  const rows = await db.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(entityId)));
  return rows.filter((r) => r.entityType === entityType).map((r) => r.action);
}

describe('campaigns', () => {
  it('lets an editor create a campaign in its nomination stage, with its timeline and an audit entry', async () => {
    const res = await send('editor', 'POST', '/api/staff/campaigns', newCampaign('c-create'));
    expect(res.status).toBe(201);
    const { id, slug } = (await res.json()) as { id: number; slug: string };
    expect(slug).toBe('c-create');
    const detail = await (await send('auditor', 'GET', '/api/staff/campaigns/c-create')).json();
    expect(detail.campaign.stage).toBe('nomination');
    expect(detail.stageDates).toHaveLength(1);
    expect(detail.nextStage).toBe('review');
    expect(await auditActions('campaign', id)).toEqual(['campaign.create']);
  });

  it('refuses a taken slug with 409 campaign_slug_taken', async () => {
    await send('editor', 'POST', '/api/staff/campaigns', newCampaign('c-dup'));
    const res = await send('editor', 'POST', '/api/staff/campaigns', newCampaign('c-dup'));
    expect(res.status).toBe(409);
    expect((await res.json()).error.reason).toBe('campaign_slug_taken');
  });

  it.each([
    ['a slug with capitals', { slug: 'Bad' }, 'slug'],
    [
      'a vote that closes before it opens',
      { voteClosesAt: '2026-10-01T00:00:00.000Z' },
      'voteClosesAt',
    ],
    [
      'an impossible date',
      { stageDates: [{ stage: 'review', startsOn: '2026-02-30', endsOn: '2026-03-01' }] },
      'stageDates.0.startsOn',
    ],
    [
      'a stage twice',
      {
        stageDates: [
          { stage: 'review', startsOn: '2026-01-01', endsOn: '2026-01-02' },
          { stage: 'review', startsOn: '2026-01-03', endsOn: '2026-01-04' },
        ],
      },
      'stageDates',
    ],
    ['an unknown field', { colour: 'red' }, ''],
  ])('refuses %s with 400 and the field', async (_, change, path) => {
    const res = await send('editor', 'POST', '/api/staff/campaigns', {
      ...newCampaign('c-bad'),
      ...change,
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toMatch(/请求/);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses monitors and auditors (403) and anonymous requests (401)', async () => {
    for (const role of ['monitor', 'auditor'] as const) {
      const res = await send(role, 'POST', '/api/staff/campaigns', newCampaign(`c-${role}`));
      expect(res.status).toBe(403);
    }
    expect((await send(null, 'POST', '/api/staff/campaigns', newCampaign('c-anon'))).status).toBe(
      401,
    );
    expect((await send(null, 'GET', '/api/staff/campaigns')).status).toBe(401);
  });

  it('refuses a write without the CSRF token', async () => {
    const s = staff.as('editor');
    const res = await api.request('/api/staff/campaigns', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: s.cookie },
      body: JSON.stringify(newCampaign('c-csrf')),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf_failed');
  });

  it('edits a campaign, but once voting has opened refuses a new vote window and logs the attempt', async () => {
    await send('editor', 'POST', '/api/staff/campaigns', newCampaign('c-edit'));
    const { slug: _slug, ...update } = newCampaign('c-edit');
    const ok = await send('editor', 'PUT', '/api/staff/campaigns/c-edit', {
      ...update,
      title: '改过的名称',
    });
    expect(ok.status).toBe(200);
    await db.db.update(campaign).set({ stage: 'public_vote' }).where(eq(campaign.slug, 'c-edit'));
    const wording = await send('editor', 'PUT', '/api/staff/campaigns/c-edit', {
      ...update,
      title: '公开后改名',
      titleEn: ' Renamed after opening ',
    });
    expect(wording.status).toBe(200);
    const refused = await send('editor', 'PUT', '/api/staff/campaigns/c-edit', {
      ...update,
      voteClosesAt: '2026-11-20T10:00:00.000Z',
    });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.reason).toBe('campaign_rules_frozen');
    const row = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, 'c-edit') });
    expect(row!.title).toBe('公开后改名');
    // The English title is wording, not a rule: editable while voting runs, trimmed.
    expect(row!.titleEn).toBe('Renamed after opening');
    expect(row!.voteClosesAt!.toISOString()).toBe('2026-11-10T10:00:00.000Z');
    expect(await auditActions('campaign', row!.id)).toEqual([
      'campaign.create',
      'campaign.update',
      'campaign.update',
      'campaign.rules_change_refused',
    ]);
  });

  it('answers an unknown campaign with 404 and a malformed slug with 400', async () => {
    expect((await send('editor', 'GET', '/api/staff/campaigns/nope')).status).toBe(404);
    expect((await send('editor', 'GET', '/api/staff/campaigns/NO_PE')).status).toBe(400);
  });
});

describe('tracks', () => {
  it('adds and edits a track, and freezes its rules once voting opens', async () => {
    await send('editor', 'POST', '/api/staff/campaigns', newCampaign('c-tracks'));
    const add = await send('editor', 'POST', '/api/staff/campaigns/c-tracks/tracks', newTrack);
    expect(add.status).toBe(201);
    const again = await send('editor', 'POST', '/api/staff/campaigns/c-tracks/tracks', newTrack);
    expect(again.status).toBe(409);
    const { slug: _s, ...edit } = newTrack;
    const bounds = await send('editor', 'PUT', '/api/staff/campaigns/c-tracks/tracks/people', {
      ...edit,
      maxPicks: 3,
    });
    expect(bounds.status).toBe(400);
    expect(
      (
        await send('editor', 'PUT', '/api/staff/campaigns/c-tracks/tracks/people', {
          ...edit,
          quota: 3,
        })
      ).status,
    ).toBe(200);
    await db.db.update(campaign).set({ stage: 'public_vote' }).where(eq(campaign.slug, 'c-tracks'));
    const renamed = await send('editor', 'PUT', '/api/staff/campaigns/c-tracks/tracks/people', {
      ...edit,
      quota: 3,
      name: '新名称',
      nameEn: 'New name',
      descriptionEn: 'What the track is for.',
    });
    expect(renamed.status).toBe(200);
    const frozen = await send('editor', 'PUT', '/api/staff/campaigns/c-tracks/tracks/people', {
      ...edit,
      quota: 4,
    });
    expect(frozen.status).toBe(409);
    expect((await frozen.json()).error.reason).toBe('rules_frozen');
    const added = await send('editor', 'POST', '/api/staff/campaigns/c-tracks/tracks', {
      ...newTrack,
      slug: 'late',
    });
    expect(added.status).toBe(409);
    const row = await db.db.query.track.findFirst({ where: eq(track.slug, 'people') });
    expect(row).toMatchObject({
      quota: 3,
      name: '新名称',
      nameEn: 'New name',
      descriptionEn: 'What the track is for.',
    });
  });
});

describe('stages', () => {
  it('advances only with its preconditions met, and says what is missing', async () => {
    await send('editor', 'POST', '/api/staff/campaigns', newCampaign('c-stage'));
    await send('editor', 'POST', '/api/staff/campaigns/c-stage/tracks', newTrack);
    const c = await db.db.query.campaign.findFirst({ where: eq(campaign.slug, 'c-stage') });
    const t = await db.db.query.track.findFirst({ where: eq(track.campaignId, c!.id) });

    // Two nominations for a quota of two: not differential.
    await makeCandidate(db.db, t!, { status: 'nominated' });
    await makeCandidate(db.db, t!, { status: 'nominated' });
    const early = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'nomination',
      to: 'review',
    });
    expect(early.status).toBe(422);
    const body = await early.json();
    expect(body.error.reason).toBe('stage_preconditions_unmet');
    expect(body.error.details.missing).toEqual([
      expect.objectContaining({
        reason: 'precondition_few_nominations',
        have: 2,
        quota: 2,
        message: '“优秀个人”的推荐对象只有 2 个，差额评选需多于名额 2 个。',
      }),
    ]);

    const third = await makeCandidate(db.db, t!, { status: 'nominated' });
    const skip = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'nomination',
      to: 'public_vote',
    });
    expect(skip.status).toBe(422);
    expect((await skip.json()).error.reason).toBe('stage_not_next');
    const ok = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'nomination',
      to: 'review',
    });
    expect(ok.status).toBe(200);
    const stale = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'nomination',
      to: 'review',
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.reason).toBe('stage_changed');

    // Public vote: needs more shortlisted candidates than places, with deeds.
    const vote = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'review',
      to: 'public_vote',
    });
    expect(vote.status).toBe(422);
    const reasons = (await vote.json()).error.details.missing.map(
      (m: { reason: string }) => m.reason,
    );
    expect(reasons).toEqual(['precondition_few_public_candidates']);
    const { candidate } = await import('#src/db/schema/index.ts');
    await db.db
      .update(candidate)
      .set({ status: 'shortlisted' })
      .where(eq(candidate.trackId, t!.id));
    await db.db.update(candidate).set({ deeds: ' ' }).where(eq(candidate.id, third.id));
    const deeds = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'review',
      to: 'public_vote',
    });
    expect((await deeds.json()).error.details.missing[0].reason).toBe('precondition_deeds_missing');
    await db.db.update(candidate).set({ deeds: '事迹' }).where(eq(candidate.id, third.id));
    const opened = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'review',
      to: 'public_vote',
    });
    expect(opened.status).toBe(200);

    // Second shortlist: not before the vote closes.
    const closed = await send('editor', 'POST', '/api/staff/campaigns/c-stage/stage', {
      from: 'public_vote',
      to: 'second_shortlist',
    });
    expect((await closed.json()).error.details.missing[0].reason).toBe(
      'precondition_vote_still_open',
    );
    expect(await auditActions('campaign', c!.id)).toEqual([
      'campaign.create',
      'campaign.advance_stage',
      'campaign.advance_stage',
    ]);
  });

  it('lets only editors and admins advance a stage', async () => {
    await send('editor', 'POST', '/api/staff/campaigns', newCampaign('c-stage-roles'));
    const res = await send('monitor', 'POST', '/api/staff/campaigns/c-stage-roles/stage', {
      from: 'nomination',
      to: 'review',
    });
    expect(res.status).toBe(403);
  });
});

describe('audit log', () => {
  it('lists entries newest first, filters by action prefix and actor, and pages', async () => {
    const res = await send('auditor', 'GET', '/api/staff/audit?action=campaign.&limit=2');
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.entries).toHaveLength(2);
    expect(page.entries.every((e: { action: string }) => e.action.startsWith('campaign.'))).toBe(
      true,
    );
    expect(page.entries[0].id).toBeGreaterThan(page.entries[1].id);
    const next = await (
      await send(
        'auditor',
        'GET',
        `/api/staff/audit?action=campaign.&limit=2&before=${page.nextBefore}`,
      )
    ).json();
    expect(next.entries[0].id).toBeLessThan(page.entries[1].id);
    const byActor = await (
      await send('auditor', 'GET', `/api/staff/audit?actor=${staff.as('editor').email}`)
    ).json();
    expect(byActor.entries.length).toBeGreaterThan(0);
    expect(
      byActor.entries.every(
        (e: { actor: { email: string } }) => e.actor.email === staff.as('editor').email,
      ),
    ).toBe(true);
  });

  it('treats % and _ in an action filter literally', async () => {
    const page = await (await send('auditor', 'GET', '/api/staff/audit?action=%25.')).json();
    expect(page.entries).toEqual([]);
  });

  it('exports CSV with a BOM, the documented columns and formulas defused', async () => {
    await send('editor', 'POST', '/api/staff/campaigns', {
      ...newCampaign('c-csv'),
      title: '=HYPERLINK("http://evil")',
    });
    const res = await send('auditor', 'GET', '/api/staff/audit.csv?action=campaign.create');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A BOM first (Response.text() would drop it, so read the bytes).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe(
      'id,时间（北京时间 UTC+8）,操作人,操作,对象类型,对象,改动,actor_email,action,entity_type,entity_id,before,after',
    );
    expect(text).toContain('campaign.create');
    // The words of the page beside the codes, and Beijing time as the page shows it.
    const row = text.split('\r\n')[1]!;
    expect(row).toContain('新建评选活动');
    expect(row).toContain('评选活动');
    expect(row).toMatch(/^"?\d+"?,"?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"?,/);
    // The title sits inside the JSON cell, which starts with `{`; a cell of its own is defused.
    expect(text).not.toMatch(/(^|,)"=/m);
  });

  it('is for auditors and admins only, and refuses a bad range', async () => {
    expect((await send('editor', 'GET', '/api/staff/audit')).status).toBe(403);
    expect((await send('monitor', 'GET', '/api/staff/audit.csv')).status).toBe(403);
    expect((await send(null, 'GET', '/api/staff/audit')).status).toBe(401);
    const bad = await send(
      'admin',
      'GET',
      '/api/staff/audit?from=2026-10-02T00:00:00Z&to=2026-10-01T00:00:00Z',
    );
    expect(bad.status).toBe(400);
  });
});

describe('accounts', () => {
  it('lets an admin add, list, reset and disable accounts, all audited', async () => {
    const created = await send('admin', 'POST', '/api/staff/accounts', {
      email: 'New.Person@Example.cn',
      displayName: '新同事',
      role: 'editor',
      password: 'a-long-enough-password',
    });
    expect(created.status).toBe(201);
    expect((await created.json()).user.email).toBe('new.person@example.cn');
    const list = await (await send('admin', 'GET', '/api/staff/accounts')).json();
    expect(list.accounts.map((a: { email: string }) => a.email)).toContain('new.person@example.cn');
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|scrypt/);
    const weak = await send('admin', 'POST', '/api/staff/accounts/reset-password', {
      email: 'new.person@example.cn',
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.reason).toBe('password_too_short');
    const reset = await send('admin', 'POST', '/api/staff/accounts/reset-password', {
      email: 'new.person@example.cn',
      password: 'another-long-password',
    });
    expect(reset.status).toBe(200);
    const disabled = await send('admin', 'POST', '/api/staff/accounts/disable', {
      email: 'new.person@example.cn',
    });
    expect(disabled.status).toBe(200);
    const twice = await send('admin', 'POST', '/api/staff/accounts/disable', {
      email: 'new.person@example.cn',
    });
    expect(twice.status).toBe(409);
    const log = await (await send('admin', 'GET', '/api/staff/audit?entityType=staff_user')).json();
    const actions = log.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['staff.create', 'staff.reset_password', 'staff.disable']),
    );
  });

  it('does not let an admin disable their own account', async () => {
    const res = await send('admin', 'POST', '/api/staff/accounts/disable', {
      email: staff.as('admin').email,
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.reason).toBe('account_self_change');
  });

  it('is for admins only', async () => {
    for (const role of ['editor', 'monitor', 'auditor'] as const) {
      expect((await send(role, 'GET', '/api/staff/accounts')).status).toBe(403);
    }
  });
});
