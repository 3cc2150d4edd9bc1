import { beforeAll, describe, expect, it } from 'vitest';
import { voidBallots } from '#src/domain/integrity/void-ballots.ts';
import { useTestApi, useTestDb } from '../helpers/harness.ts';
import { makeCampaign, makeCandidate, makeCountedBallot, makeTrack } from '../helpers/factories.ts';
import { certifyAsMonitor, makeStaffUser } from '../helpers/staff.ts';
import { fixedClock } from '../helpers/test-api.ts';

const minute = 60_000;
const hour = 60 * minute;
/** During the vote: makeCampaign opens an hour before this and closes a day after. */
const during = new Date('2026-11-20T04:00:00Z');
const afterClose = new Date(during.getTime() + 25 * hour);
const clock = fixedClock(during);

const hiddenColumns = 'track,track_name,number,name,organisation,status';
const publicColumns = `${hiddenColumns},votes,rank,track_ballots_counted,track_ballots_invalidated`;

const db = useTestDb();
const api = useTestApi(db, { clock });
/** Counts after_close, in its vote at `during`, closed at `afterClose`. */
let hidden: string;
/** Counts live, in its vote. */
let live: string;
/** Counts live, but still in review: its shortlist is not published yet. */
let inReview: string;
const ids: Record<string, number> = {};

interface JsonCandidate {
  id: number;
  number: number;
  name: string;
  organisation: string;
  status: string;
  votes?: number;
  rank?: number;
}
interface JsonTrack {
  slug: string;
  ballotsCounted?: number;
  ballotsInvalidated?: number;
  candidates: JsonCandidate[];
}

beforeAll(async () => {
  const c = await makeCampaign(db.db, during, { countsVisibility: 'after_close' });
  hidden = c.slug;
  const people = await makeTrack(db.db, c.id, { slug: 'people', position: 1 });
  const units = await makeTrack(db.db, c.id, { slug: 'units', kind: 'unit', position: 2 });
  const a = await makeCandidate(db.db, people, { number: 1, name: '甲', organisation: '市水利局' });
  // Formula-like content, as a careless or hostile entry might carry it.
  const b = await makeCandidate(db.db, people, {
    number: 2,
    name: '=HYPERLINK("http://evil.example","点我")',
    organisation: '+86 123',
  });
  const cc = await makeCandidate(db.db, people, { number: 3, name: '乙', organisation: '-1' });
  await makeCandidate(db.db, people, { number: 4, name: '未入围者', status: 'nominated' });
  await makeCandidate(db.db, people, { number: 5, name: '已退出者', status: 'withdrawn' });
  const u = await makeCandidate(db.db, units, {
    number: 1,
    name: '某单位',
    organisation: '@SUM(1)',
  });
  Object.assign(ids, { a: a.id, b: b.id, c: cc.id, u: u.id });

  // B leads with 3 votes; A and C have 1 each once A's fourth-ballot vote is voided.
  const counted = during.getTime() - 10 * minute;
  for (const picks of [[b.id, cc.id], [b.id], [b.id, a.id]]) {
    await makeCountedBallot(db.db, {
      campaignId: c.id,
      trackId: people.id,
      candidateIds: picks,
      castAt: new Date(counted),
    });
  }
  await makeCountedBallot(db.db, {
    campaignId: c.id,
    trackId: people.id,
    candidateIds: [a.id],
    castAt: new Date(during.getTime() - 50 * minute),
  });
  const monitor = await makeStaffUser(db.db, { role: 'monitor' });
  const voided = await voidBallots(db.db, {
    campaignSlug: c.slug,
    filter: {
      from: new Date(during.getTime() - 55 * minute).toISOString(),
      to: new Date(during.getTime() - 45 * minute).toISOString(),
    },
    reasonCategory: 'burst',
    note: 'test',
    actorId: monitor.id,
    now: during,
    dryRun: false,
  });
  expect(voided.ballots).toBe(1);

  const l = await makeCampaign(db.db, during, { countsVisibility: 'live' });
  live = l.slug;
  const lt = await makeTrack(db.db, l.id, { slug: 'people' });
  const l1 = await makeCandidate(db.db, lt, { number: 1, name: '丙' });
  const l2 = await makeCandidate(db.db, lt, { number: 2, name: '丁' });
  await makeCountedBallot(db.db, {
    campaignId: l.id,
    trackId: lt.id,
    candidateIds: [l2.id],
    castAt: new Date(during.getTime() - minute),
  });
  Object.assign(ids, { l1: l1.id, l2: l2.id });

  const r = await makeCampaign(db.db, during, {
    countsVisibility: 'live',
    stage: 'review',
    voteOpensAt: null,
    voteClosesAt: null,
  });
  inReview = r.slug;
  const rt = await makeTrack(db.db, r.id, { slug: 'people' });
  await makeCandidate(db.db, rt, { number: 1, name: '尚未公布者' });
});

async function getJson(slug: string) {
  const res = await api.request(`/api/campaigns/${slug}/results`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, body: JSON.parse(text) as { countsVisible: boolean; tracks: JsonTrack[] } };
}

async function getCsv(slug: string, query = '') {
  const res = await api.request(`/api/campaigns/${slug}/results.csv${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="results-${slug}.csv"`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // TextDecoder would swallow the BOM; the file must start with its three bytes.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  // Every line ends with CRLF: no bare LF anywhere.
  expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  return text.slice(1).split('\r\n').slice(0, -1);
}

describe('GET /api/campaigns/{slug}/results.csv?header=zh', () => {
  it('gives the same rows under a Chinese header', async () => {
    clock.set(during);
    const plain = await getCsv(hidden);
    const zh = await getCsv(hidden, '?header=zh');
    expect(zh[0]).toBe('类别代码,类别,编号,名称,所在单位,进展代码');
    expect(zh.slice(1)).toEqual(plain.slice(1));
  });
});

describe('GET /api/campaigns/{slug}/results while counts are hidden', () => {
  it('lists every public candidate by number with no vote, rank or total field at all', async () => {
    clock.set(during);
    const { text, body } = await getJson(hidden);
    expect(body).toMatchObject({
      campaign: hidden,
      votingState: 'open',
      countsVisibility: 'after_close',
      countsVisible: false,
      asOf: during.toISOString(),
    });
    expect(body.tracks.map((t) => t.slug)).toEqual(['people', 'units']);
    expect(body.tracks[0]!.candidates).toEqual([
      { id: ids.a, number: 1, name: '甲', organisation: '市水利局', status: 'shortlisted' },
      {
        id: ids.b,
        number: 2,
        name: '=HYPERLINK("http://evil.example","点我")',
        organisation: '+86 123',
        status: 'shortlisted',
      },
      { id: ids.c, number: 3, name: '乙', organisation: '-1', status: 'shortlisted' },
    ]);
    // B has the most votes, yet stays second: the order is the ballot number's.
    expect(text).not.toMatch(/"(votes|rank|ballotsCounted|ballotsInvalidated)"/);
    expect(text).not.toContain('未入围者');
    expect(text).not.toContain('已退出者');
  });

  it('the CSV has only the six documented columns and no count anywhere', async () => {
    clock.set(during);
    const lines = await getCsv(hidden);
    expect(lines[0]).toBe(hiddenColumns);
    expect(lines.slice(1)).toEqual([
      '"people","测试类别","1","甲","市水利局","shortlisted"',
      // Injection-safe: a leading = + - @ is defused with a quote mark, quotes are doubled.
      `"people","测试类别","2","'=HYPERLINK(""http://evil.example"",""点我"")","'+86 123","shortlisted"`,
      `"people","测试类别","3","乙","'-1","shortlisted"`,
      `"units","测试类别","1","某单位","'@SUM(1)","shortlisted"`,
    ]);
  });

  it('one millisecond before the close, counts are still hidden', async () => {
    clock.set(new Date(during.getTime() + 24 * hour - 1));
    const { body } = await getJson(hidden);
    expect(body.countsVisible).toBe(false);
    expect((await getCsv(hidden))[0]).toBe(hiddenColumns);
  });
});

describe('GET /api/campaigns/{slug}/results once counts are public', () => {
  it('at the close itself, adds votes, ranks and ballot totals; the order stays by number', async () => {
    clock.set(new Date(during.getTime() + 24 * hour));
    // After the close counts wait for certification (核验中): staff certify at once here.
    await certifyAsMonitor(db.db, hidden, clock.now());
    const { body } = await getJson(hidden);
    expect(body).toMatchObject({ votingState: 'closed', countsVisible: true });
    const people = body.tracks[0]!;
    expect(people.ballotsCounted).toBe(3);
    expect(people.ballotsInvalidated).toBe(1);
    expect(people.candidates.map((c) => [c.number, c.votes, c.rank])).toEqual([
      [1, 1, 2],
      [2, 3, 1],
      [3, 1, 2],
    ]);
    const units = body.tracks[1]!;
    expect(units).toMatchObject({ ballotsCounted: 0, ballotsInvalidated: 0 });
    expect(units.candidates[0]).toMatchObject({ votes: 0, rank: 1 });
  });

  it('the CSV gains the four count columns (and, certified, the two of the certificate)', async () => {
    clock.set(afterClose);
    const lines = await getCsv(hidden);
    const { body } = await getJson(hidden);
    const sha = (body as unknown as { certificate: { sha256: string } }).certificate.sha256;
    expect(lines[0]).toBe(`${publicColumns},votes_voided,certificate_sha256`);
    expect(lines.slice(1)).toEqual([
      `"people","测试类别","1","甲","市水利局","shortlisted","1","2","3","1","1","${sha}"`,
      `"people","测试类别","2","'=HYPERLINK(""http://evil.example"",""点我"")","'+86 123","shortlisted","3","1","3","1","0","${sha}"`,
      `"people","测试类别","3","乙","'-1","shortlisted","1","2","3","1","0","${sha}"`,
      `"units","测试类别","1","某单位","'@SUM(1)","shortlisted","0","1","0","0","0","${sha}"`,
    ]);
  });

  it('a live campaign shows its counts while the vote is open', async () => {
    clock.set(during);
    const { body } = await getJson(live);
    expect(body).toMatchObject({ votingState: 'open', countsVisible: true });
    expect(body.tracks[0]).toMatchObject({ ballotsCounted: 1, ballotsInvalidated: 0 });
    expect(body.tracks[0]!.candidates.map((c) => [c.id, c.votes, c.rank])).toEqual([
      [ids.l1, 0, 2],
      [ids.l2, 1, 1],
    ]);
    expect((await getCsv(live))[0]).toBe(publicColumns);
  });

  it('a shortlist not yet published stays out, even with live counts', async () => {
    clock.set(during);
    const { text, body } = await getJson(inReview);
    expect(body.tracks).toHaveLength(1);
    expect(body.tracks[0]!.candidates).toEqual([]);
    expect(text).not.toContain('尚未公布者');
    expect(await getCsv(inReview)).toEqual([publicColumns]);
  });
});

describe('errors', () => {
  it('404 campaign_not_found for an unknown campaign, in JSON and CSV alike', async () => {
    for (const path of ['/api/campaigns/no-such/results', '/api/campaigns/no-such/results.csv']) {
      const res = await api.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error, path).toMatchObject({
        code: 'not_found',
        reason: 'campaign_not_found',
      });
    }
  });

  it('400 invalid_request for a malformed slug', async () => {
    for (const path of ['/api/campaigns/Bad_Slug/results', '/api/campaigns/Bad_Slug/results.csv']) {
      const res = await api.request(path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code, path).toBe('invalid_request');
    }
  });

  it('public and read-only: no session is needed, and POST is not a route', async () => {
    const res = await api.request(`/api/campaigns/${hidden}/results`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect((await res.json()).error.reason).toBe('route_not_found');
  });
});

describe('OpenAPI document', () => {
  it('documents both paths, the CSV columns and the counts rule', async () => {
    const res = await api.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, { get?: { description?: string; responses: object } }>;
    };
    const json = doc.paths['/api/campaigns/{slug}/results']?.get;
    const csv = doc.paths['/api/campaigns/{slug}/results.csv']?.get;
    expect(json?.responses).toHaveProperty('200.content.application/json');
    expect(csv?.responses).toHaveProperty(['200', 'content', 'text/csv']);
    for (const column of publicColumns.split(',')) expect(csv?.description).toContain(column);
    expect(json?.description).toContain('never by votes');
  });
});
