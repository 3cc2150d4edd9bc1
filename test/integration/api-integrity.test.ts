import { beforeAll, describe, expect, it } from 'vitest';
import { makeOpenBallot, makeTrack } from '../helpers/factories.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { fixedClock, jsonRequest, postBallot } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor']);
const asRole = staff.headers;
let slug: string;
let trackSlug: string;
let candidateId: number;
let candidateName: string;
let other: { id: number; number: number; name: string };
let unitTrack: string;
let foreignId: number;

beforeAll(async () => {
  const open = await makeOpenBallot(db.db, now, 2);
  slug = open.campaign.slug;
  trackSlug = open.track.slug;
  candidateId = open.candidates[0]!.id;
  candidateName = open.candidates[0]!.name;
  other = open.candidates[1]!;
  unitTrack = (await makeTrack(db.db, open.campaign.id, { kind: 'unit' })).slug;
  foreignId = (await makeOpenBallot(db.db, now, 1)).candidates[0]!.id;
  const { res: cast } = await postBallot(api, {
    campaign: slug,
    track: trackSlug,
    candidates: [candidateId],
  });
  expect(cast.status).toBe(201);
});

const reportPath = () =>
  `/api/staff/campaigns/${slug}/integrity?from=2026-11-20T03:00:00.000Z&to=2026-11-20T05:00:00.000Z`;
const voidPath = () => `/api/staff/campaigns/${slug}/ballots/void`;
const voidBody = () => ({
  filter: { from: '2026-11-20T03:00:00.000Z', to: '2026-11-20T05:00:00.000Z', candidateId },
  reasonCategory: 'other',
  note: '测试',
  dryRun: true,
});

describe('GET /api/staff/campaigns/{slug}/integrity', () => {
  it.each(['monitor', 'admin', 'auditor'] as const)('answers %s with the report', async (role) => {
    const res = await api.request(reportPath(), { headers: asRole(role) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.tracks[0]).toMatchObject({ slug: trackSlug, counted: 1, invalidated: 0 });
  });

  it('refuses anonymous (401) and editor (403) requests', async () => {
    expect((await api.request(reportPath())).status).toBe(401);
    const editor = await api.request(reportPath(), { headers: asRole('editor') });
    expect(editor.status).toBe(403);
    expect((await editor.json()).error.code).toBe('forbidden');
  });

  it('400 for a bad window or slug, 404 for an unknown campaign', async () => {
    const bad = await api.request(`/api/staff/campaigns/${slug}/integrity?from=yesterday`, {
      headers: asRole('monitor'),
    });
    expect(bad.status).toBe(400);
    const empty = await api.request(
      `/api/staff/campaigns/${slug}/integrity?from=2026-11-20T05:00:00.000Z&to=2026-11-20T03:00:00.000Z`,
      { headers: asRole('monitor') },
    );
    expect(empty.status).toBe(400);
    const missing = await api.request('/api/staff/campaigns/nope/integrity', {
      headers: asRole('monitor'),
    });
    expect(missing.status).toBe(404);
  });
});

describe('POST /api/staff/campaigns/{slug}/ballots/void', () => {
  it('lets a monitor count (dry run) and then void', async () => {
    const dry = await api.request(voidPath(), jsonRequest(voidBody(), asRole('monitor')));
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ ballots: 1, dryRun: true });
    const real = await api.request(
      voidPath(),
      jsonRequest({ ...voidBody(), dryRun: false }, asRole('admin')),
    );
    expect(await real.json()).toMatchObject({
      ballots: 1,
      dryRun: false,
      votesRemoved: [{ candidateId, votes: 1, track: trackSlug, name: candidateName }],
    });
  });

  it('names whose votes a filter touches, and refuses a candidate of another category or selection', async () => {
    const { res: second } = await postBallot(api, {
      campaign: slug,
      track: trackSlug,
      candidates: [other.id],
    });
    expect(second.status).toBe(201);
    const { candidateId: _, ...anyCandidate } = voidBody().filter;
    const dry = await api.request(
      voidPath(),
      jsonRequest({ ...voidBody(), filter: anyCandidate }, asRole('monitor')),
    );
    const preview = (await dry.json()).votesRemoved;
    expect(preview).toEqual([
      {
        candidateId: other.id,
        votes: 1,
        track: trackSlug,
        trackName: '测试类别',
        number: other.number,
        name: other.name,
      },
    ]);
    const wrongTrack = await api.request(
      voidPath(),
      jsonRequest(
        {
          ...voidBody(),
          filter: { ...voidBody().filter, candidateId: other.id, track: unitTrack },
        },
        asRole('monitor'),
      ),
    );
    expect(wrongTrack.status).toBe(400);
    const error = (await wrongTrack.json()).error;
    expect(error.reason).toBe('void_candidate_other_track');
    expect(error.message).toContain(other.name);
    const elsewhere = await api.request(
      voidPath(),
      jsonRequest(
        { ...voidBody(), filter: { ...voidBody().filter, candidateId: foreignId } },
        asRole('monitor'),
      ),
    );
    expect(elsewhere.status).toBe(400);
    expect((await elsewhere.json()).error.reason).toBe('void_candidate_not_in_campaign');
  });

  it('refuses a shortened hash instead of matching nothing', async () => {
    const res = await api.request(
      voidPath(),
      jsonRequest(
        { ...voidBody(), filter: { ...voidBody().filter, addressHash: 'Qk3v9xZp1a' } },
        asRole('monitor'),
      ),
    );
    expect(res.status).toBe(400);
    const error = (await res.json()).error;
    expect(error.issues[0]).toMatchObject({ path: 'filter.addressHash' });
    expect(error.issues[0].message).toContain('完整哈希');
  });

  it('refuses without the CSRF token, from another origin, and for editor or auditor', async () => {
    const s = staff.as('monitor');
    const noToken = await api.request(voidPath(), jsonRequest(voidBody(), { cookie: s.cookie }));
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf_failed');
    const foreign = await api.request(
      voidPath(),
      jsonRequest(voidBody(), asRole('monitor', { origin: 'https://evil.example' })),
    );
    expect(foreign.status).toBe(403);
    for (const role of ['editor', 'auditor'] as const) {
      expect((await api.request(voidPath(), jsonRequest(voidBody(), asRole(role)))).status).toBe(
        403,
      );
    }
    expect((await api.request(voidPath(), jsonRequest(voidBody()))).status).toBe(401);
  });

  it('requires a window and a reason, and refuses unknown fields', async () => {
    const { from: _from, ...noWindow } = voidBody().filter;
    for (const body of [
      { ...voidBody(), filter: noWindow },
      { ...voidBody(), reasonCategory: 'because' },
      { ...voidBody(), note: '' },
      { ...voidBody(), everything: true },
    ]) {
      const res = await api.request(voidPath(), jsonRequest(body, asRole('monitor')));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_request');
    }
  });
});
