import { beforeAll, describe, expect, it } from 'vitest';
import { createNoticeDraft } from '#src/domain/notices/create-notice-draft.ts';
import { publishNotice } from '#src/domain/notices/publish-notice.ts';
import { updateNoticeDraft } from '#src/domain/notices/update-notice-draft.ts';
import { noticeCsvColumns } from '#src/server/routes/notices.ts';
import { useTestApi, useTestDb } from '../helpers/harness.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { fixedClock } from '../helpers/test-api.ts';

// Thursday 8 January 2026 in Beijing; the drafted period runs 9–15 January.
const now = new Date('2026-01-08T02:00:00Z');
const clock = fixedClock(now);
const db = useTestDb();
const api = useTestApi(db, { clock });
let slug: string;
let draftSlug: string;
let personId: number;

/** The test API's public address (no PUBLIC_BASE_URL): drafts point their web channel there. */
const siteUrl = 'http://127.0.0.1:4321';
const channels = {
  reportPhone: '0519-12380',
  reportAddress: '澄川市望潮区政通路1号',
  reportPostcode: '213399',
  reportVisit: '政通路1号（工作日 8:30—17:30）',
  reportRules: '反映问题应实事求是。',
};

beforeAll(async () => {
  const c = await makeCampaign(db.db, now, { stage: 'publicity', year: 2025 });
  const units = await makeTrack(db.db, c.id, { kind: 'unit', name: '担当作为好单位', position: 1 });
  const cadres = await makeTrack(db.db, c.id, {
    kind: 'individual',
    name: '担当作为好干部',
    position: 2,
  });
  // A name a spreadsheet would run as a formula, to prove the CSV defuses it.
  await makeCandidate(db.db, units, {
    status: 'elected',
    name: '=HYPERLINK("http://evil.example")',
    headName: '周立新',
    headTitle: '局长',
  });
  const person = await makeCandidate(db.db, cadres, {
    status: 'elected',
    name: '顾沛然',
    sex: '男',
    ethnicity: '汉族',
    birth: '1976-03',
    nativePlace: '江苏澄川',
    politicalAffiliation: '中共党员',
    partyJoined: '1997-05',
    workStarted: '1998-07',
    education: '大学',
    degree: '工学学士',
    currentPost: '望潮区城市管理局局长',
    summary: '一年整治背街小巷86条。',
  });
  personId = person.id;
  await makeCandidate(db.db, cadres, { status: 'not_elected', name: '落选者' });
  await createNoticeDraft(db.db, { campaignSlug: c.slug, actorId: null, now, siteUrl });
  await updateNoticeDraft(db.db, { campaignSlug: c.slug, changes: channels, actorId: null, now });
  const published = await publishNotice(db.db, {
    campaignSlug: c.slug,
    actorId: null,
    now,
    siteUrl,
  });
  slug = published.slug;

  // A second campaign whose notice is only a draft: never public.
  const other = await makeCampaign(db.db, now, { stage: 'publicity', year: 2026 });
  const t = await makeTrack(db.db, other.id);
  await makeCandidate(db.db, t, { status: 'elected' });
  draftSlug = (
    await createNoticeDraft(db.db, { campaignSlug: other.slug, actorId: null, now, siteUrl })
  ).slug;
});

describe('GET /api/notices', () => {
  it('lists published notices only, with period, status and permalink', async () => {
    const res = await api.request('/api/notices');
    expect(res.status).toBe(200);
    const { notices } = await res.json();
    expect(notices).toEqual([
      {
        slug,
        campaign: slug.replace(/-1$/, ''),
        year: 2025,
        serial: expect.stringMatching(/〔2026〕\d+号$/),
        title: expect.stringContaining('拟命名对象的公示'),
        periodStart: '2026-01-09',
        periodEnd: '2026-01-15',
        workingDays: 5,
        status: 'upcoming',
        revision: 1,
        publishedAt: now.toISOString(),
        revisedAt: now.toISOString(),
        permalink: `http://127.0.0.1:4321/notices/${slug}`,
      },
    ]);
    expect(notices.map((n: { slug: string }) => n.slug)).not.toContain(draftSlug);
  });
});

describe('GET /api/notices/{slug}', () => {
  it('returns the latest revision with its entries in order', async () => {
    const res = await api.request(`/api/notices/${slug}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      slug,
      revision: 1,
      shownRevision: 1,
      status: 'upcoming',
      changeNote: '',
      ...channels,
      signedOn: '2026-01-08',
      csv: `http://127.0.0.1:4321/api/notices/${slug}.csv`,
      revisions: [
        {
          revision: 1,
          publishedAt: now.toISOString(),
          changeNote: '',
          url: `http://127.0.0.1:4321/notices/${slug}/revisions/1`,
        },
      ],
    });
    expect(body.entries.map((e: { name: string }) => e.name)).toEqual([
      '=HYPERLINK("http://evil.example")',
      '顾沛然',
    ]);
    expect(body.entries[1]).toMatchObject({
      candidateId: personId,
      kind: 'individual',
      birth: '1976-03',
      headName: null,
      portraitUrl: null,
    });
  });

  it('says whether the period is upcoming, running or ended, in Beijing days', async () => {
    const at = async (iso: string) => {
      clock.set(new Date(iso));
      const body = await (await api.request(`/api/notices/${slug}`)).json();
      clock.set(now);
      return body.status;
    };
    expect(await at('2026-01-08T15:59:59Z')).toBe('upcoming'); // 23:59:59 on the 8th
    expect(await at('2026-01-08T16:00:00Z')).toBe('running'); // 00:00 on the 9th
    expect(await at('2026-01-15T15:59:59Z')).toBe('running'); // the last second of the 15th
    expect(await at('2026-01-15T16:00:00Z')).toBe('ended');
  });

  it('404 for an unknown notice, a draft and a missing revision; 400 for bad input', async () => {
    for (const path of [`/api/notices/no-such-1`, `/api/notices/${draftSlug}`]) {
      const res = await api.request(path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error).toMatchObject({
        code: 'not_found',
        reason: 'notice_not_found',
      });
    }
    const revision = await api.request(`/api/notices/${slug}?revision=9`);
    expect(revision.status).toBe(404);
    expect((await revision.json()).error.reason).toBe('notice_revision_not_found');
    for (const path of [
      `/api/notices/${slug}?revision=0`,
      `/api/notices/${slug}?revision=x`,
      '/api/notices/Bad_Slug',
    ]) {
      expect((await api.request(path)).status, path).toBe(400);
    }
  });

  it('answers errors in the language asked for', async () => {
    const res = await api.request('/api/notices/no-such-1?lang=en');
    expect((await res.json()).error.message).toMatch(/no such notice/);
  });
});

describe('GET /api/notices/{slug}.csv', () => {
  it('names its columns in Chinese with ?header=zh, and refuses another header language', async () => {
    const res = await api.request(`/api/notices/${slug}.csv?header=zh`);
    expect(res.status).toBe(200);
    const lines = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer())).split('\r\n');
    expect(lines[0]).toBe(
      '公示代码,版本,序号,类别代码,拟命名称号,对象类型,编号,名称,所在单位,性别,民族,出生年月,' +
        '籍贯,政治面貌,入党时间,参加工作时间,学历,学位,现任职务,主要负责人,负责人职务,主要事迹',
    );
    expect((await api.request(`/api/notices/${slug}.csv?header=fr`)).status).toBe(400);
  });

  it('has a BOM, the documented header and one row per entry, formulas defused', async () => {
    const res = await api.request(`/api/notices/${slug}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="notice-${slug}-r1.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'notice,revision,position,track,honour,kind,number,name,organisation,sex,ethnicity,birth,' +
        'native_place,political_affiliation,party_joined,work_started,education,degree,' +
        'current_post,head_name,head_title,summary',
    );
    expect(lines[0]).toBe(noticeCsvColumns.map(([n]) => n).join(','));
    expect(lines).toHaveLength(4); // header, two entries, the final empty line
    expect(lines[3]).toBe('');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines[2]).toContain('"顾沛然","","男","汉族","1976-03","江苏澄川","中共党员","1997-05"');
  });

  it('404 for unknown notices and drafts, 400 for a bad revision', async () => {
    expect((await api.request('/api/notices/no-such-1.csv')).status).toBe(404);
    expect((await api.request(`/api/notices/${draftSlug}.csv`)).status).toBe(404);
    expect((await api.request(`/api/notices/${slug}.csv?revision=2`)).status).toBe(404);
    expect((await api.request(`/api/notices/${slug}.csv?revision=-1`)).status).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('documents the list, the notice and the CSV with its columns', async () => {
    const doc = await (await api.request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/notices', '/api/notices/{slug}', '/api/notices/{slug}.csv']),
    );
    const csv = doc.paths['/api/notices/{slug}.csv'].get;
    for (const [name] of noticeCsvColumns) expect(csv.description).toContain(`\`${name}\``);
    expect(Object.keys(doc.paths).some((p: string) => p.includes('staff'))).toBe(false);
  });
});
