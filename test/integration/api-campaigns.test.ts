import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi, useTestDb } from '../helpers/harness.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { fixedClock } from '../helpers/test-api.ts';

const now = new Date('2026-11-20T04:00:00Z');
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
let slug: string;

beforeAll(async () => {
  const c = await makeCampaign(db.db, now, { countsVisibility: 'after_close' });
  slug = c.slug;
  const people = await makeTrack(db.db, c.id, { slug: 'people', kind: 'individual', position: 1 });
  const units = await makeTrack(db.db, c.id, {
    slug: 'units',
    kind: 'unit',
    position: 2,
    quota: 4,
    maxPicks: 4,
  });
  await makeCandidate(db.db, people, {
    name: '甲',
    sex: '男',
    birth: '1980-05',
    cv: '2001.07—2010.01 科员\n2010.01— 科长',
  });
  await makeCandidate(db.db, people, { name: '乙', status: 'nominated' });
  await makeCandidate(db.db, people, { name: '丙', status: 'withdrawn' });
  await makeCandidate(db.db, units, { name: '某单位', headName: '丁', headTitle: '局长' });
});

describe('GET /api/campaigns', () => {
  it('lists campaigns with slug, title, stage and tracks', async () => {
    const res = await api.request('/api/campaigns');
    expect(res.status).toBe(200);
    const body = await res.json();
    const mine = body.campaigns.find((c: { slug: string }) => c.slug === slug);
    expect(mine).toMatchObject({ stage: 'public_vote', votingState: 'open' });
    expect(mine.tracks.map((t: { slug: string }) => t.slug)).toEqual(['people', 'units']);
  });
});

describe('GET /api/campaigns/{slug}', () => {
  it('gives the tracks with quota, maxPicks and ballots per day', async () => {
    const res = await api.request(`/api/campaigns/${slug}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.tracks[1]).toEqual({
      slug: 'units',
      kind: 'unit',
      name: '测试类别',
      description: '',
      quota: 4,
      maxPicks: 4,
      minPicks: 1,
      ballotsPerDay: 1,
    });
    expect(body.timeZone).toBe('Asia/Shanghai');
  });

  it('404 for an unknown campaign, 400 for a malformed slug', async () => {
    const missing = await api.request('/api/campaigns/no-such-campaign');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({
      code: 'not_found',
      reason: 'campaign_not_found',
    });
    const bad = await api.request('/api/campaigns/Bad_Slug');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid_request');
  });
});

describe('GET /api/campaigns/{slug}/candidates', () => {
  it('lists only public candidates, never nominated or withdrawn ones', async () => {
    const res = await api.request(`/api/campaigns/${slug}/candidates`);
    expect(res.status).toBe(200);
    const names = (await res.json()).candidates.map((c: { name: string }) => c.name);
    expect(names).toEqual(['甲', '某单位']);
  });

  it('filters by track and gives the profile fields', async () => {
    const res = await api.request(`/api/campaigns/${slug}/candidates?track=people`);
    const [person] = (await res.json()).candidates;
    expect(person).toMatchObject({
      name: '甲',
      track: 'people',
      kind: 'individual',
      sex: '男',
      birth: '1980-05',
    });
    expect(person.cv).toEqual(['2001.07—2010.01 科员', '2010.01— 科长']);
    expect(person).not.toHaveProperty('status');
    expect(person).not.toHaveProperty('votes');
  });

  it('404 for an unknown track, 400 for a malformed one', async () => {
    const res = await api.request(`/api/campaigns/${slug}/candidates?track=nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.reason).toBe('track_not_found');
    const bad = await api.request(`/api/campaigns/${slug}/candidates?track=%3Cscript%3E`);
    expect(bad.status).toBe(400);
  });
});

describe('the API as a whole', () => {
  it('answers unknown routes with the JSON error body', async () => {
    const res = await api.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('publishes an OpenAPI 3.1 document of every public route', async () => {
    const res = await api.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/ballots',
      '/api/bot-check/challenge',
      '/api/campaigns',
      '/api/campaigns/{slug}',
      '/api/campaigns/{slug}/candidates',
      '/api/campaigns/{slug}/results',
      '/api/campaigns/{slug}/results.csv',
      '/api/campaigns/{slug}/results/certificate.json',
      '/api/decisions',
      '/api/decisions/{slug}',
      '/api/device',
      '/api/health',
      '/api/media/{id}',
      '/api/notices',
      '/api/notices/{slug}',
      '/api/notices/{slug}.csv',
      '/api/notices/{slug}/reports',
      '/api/receipts/{code}',
      '/api/reports/status',
    ]);
    const post = doc.paths['/api/ballots'].post;
    expect(Object.keys(post.responses).sort()).toEqual([
      '201',
      '400',
      '403',
      '404',
      '409',
      '413',
      '422',
      '428',
      '429',
    ]);
    expect(post.requestBody.content['application/json'].schema).toBeDefined();
  });

  it('serves media with an immutable cache and 404s unknown ids', async () => {
    const missing = await api.request(`/api/media/${'0'.repeat(64)}`);
    expect(missing.status).toBe(404);
    const bad = await api.request('/api/media/not-a-hash');
    expect(bad.status).toBe(400);
  });
});
