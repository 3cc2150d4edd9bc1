/**
 * Certified results: after the close the counts wait (核验中) until staff certify them; the
 * certificate freezes the figures, is published with a SHA-256 anyone can recompute, and closes
 * voiding for every writer.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voidBallots } from '#src/domain/integrity/void-ballots.ts';
import { makeCampaign, makeCandidate, makeCountedBallot, makeTrack } from '../helpers/factories.ts';
import { serveBuiltSite, type BuiltSite } from '../helpers/built-site.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';
import { ensureBuild } from '../helpers/site-process.ts';
import { fixedClock } from '../helpers/test-api.ts';

const minute = 60_000;
const hour = 60 * minute;
/** makeCampaign opens an hour before this and closes a day after. */
const during = new Date('2026-11-20T04:00:00Z');
const closes = new Date(during.getTime() + 24 * hour);
const afterClose = new Date(closes.getTime() + hour);
const clock = fixedClock(during);

const db = useTestDb();
const api = useTestApi(db, { clock });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor', 'supervisor']);
let slug: string;
let liveSlug: string;
let campaignId: number;
const ids: Record<string, number> = {};
const sites: BuiltSite[] = [];

interface Certificate {
  format: string;
  certifiedAt: string;
  certifiedByRole: string;
  tracks: {
    slug: string;
    ballotsReceived: number;
    ballotsVoided: number;
    ballotsCounted: number;
    voidedByReason: { reason: string; ballots: number }[];
    days: {
      day: string;
      received: number;
      voided: { reason: string; ballots: number }[];
      counted: number;
    }[];
    candidates: {
      id: number;
      number: number;
      name: string;
      votes: number;
      votesVoided: number;
      share: string;
    }[];
  }[];
}

interface ResultsBody {
  countsVisible: boolean;
  resultsStatus: string;
  certificate?: { sha256: string; certifiedAt: string; url: string; document: Certificate };
  tracks: {
    slug: string;
    ballotsCounted?: number;
    ballotsInvalidated?: number;
    candidates: { id: number; votes?: number; votesVoided?: number }[];
  }[];
}

beforeAll(async () => {
  await ensureBuild();
  const c = await makeCampaign(db.db, during, { countsVisibility: 'after_close' });
  slug = c.slug;
  campaignId = c.id;
  const people = await makeTrack(db.db, c.id, { slug: 'people', position: 1 });
  const units = await makeTrack(db.db, c.id, { slug: 'units', kind: 'unit', position: 2 });
  const a = await makeCandidate(db.db, people, { number: 1, name: '甲' });
  const b = await makeCandidate(db.db, people, { number: 2, name: '乙' });
  const u = await makeCandidate(db.db, units, { number: 1, name: '某单位' });
  Object.assign(ids, { a: a.id, b: b.id, u: u.id });
  ids.people = people.id;

  // Day one (20 Nov, Beijing): three honest ballots, and a burst of two for B that is voided.
  for (const picks of [[a.id, b.id], [a.id], [b.id]]) {
    await makeCountedBallot(db.db, {
      campaignId: c.id,
      trackId: people.id,
      candidateIds: picks,
      castAt: new Date(during.getTime() - 30 * minute),
    });
  }
  for (let i = 0; i < 2; i++) {
    await makeCountedBallot(db.db, {
      campaignId: c.id,
      trackId: people.id,
      candidateIds: [b.id],
      castAt: new Date(during.getTime() - 50 * minute),
    });
  }
  // Day two (21 Nov, Beijing, from 16:00 UTC): one honest ballot and one from a network voided.
  await makeCountedBallot(db.db, {
    campaignId: c.id,
    trackId: people.id,
    candidateIds: [a.id],
    castAt: new Date(during.getTime() + 13 * hour),
  });
  await makeCountedBallot(db.db, {
    campaignId: c.id,
    trackId: people.id,
    candidateIds: [a.id, b.id],
    castAt: new Date(during.getTime() + 15 * hour),
  });
  await makeCountedBallot(db.db, {
    campaignId: c.id,
    trackId: units.id,
    candidateIds: [u.id],
    castAt: new Date(during.getTime() + 15 * hour),
  });

  const monitor = staff.as('monitor').id;
  for (const [from, to, reasonCategory] of [
    [-55, -45, 'burst'],
    [14 * 60 + 50, 15 * 60 + 10, 'network_concentration'],
  ] as const) {
    const voided = await voidBallots(db.db, {
      campaignSlug: slug,
      filter: {
        track: 'people',
        from: new Date(during.getTime() + from * minute).toISOString(),
        to: new Date(during.getTime() + to * minute).toISOString(),
      },
      reasonCategory,
      note: 'test',
      actorId: monitor,
      now: during,
      dryRun: false,
    });
    expect(voided.ballots).toBeGreaterThan(0);
  }

  const l = await makeCampaign(db.db, during, { countsVisibility: 'live' });
  liveSlug = l.slug;
  const lt = await makeTrack(db.db, l.id, { slug: 'people' });
  const l1 = await makeCandidate(db.db, lt, { number: 1, name: '丙' });
  await makeCountedBallot(db.db, {
    campaignId: l.id,
    trackId: lt.id,
    candidateIds: [l1.id],
    castAt: new Date(during.getTime() - minute),
  });
}, 180_000);

afterAll(() => Promise.all(sites.map((s) => s.close())));

/** The built site over the test database, at the test clock; answers its origin. */
async function site(): Promise<string> {
  const built = await serveBuiltSite(db, clock);
  sites.push(built);
  return built.base;
}

const as = staff.headers;

const certify = (headers: Record<string, string>, target = slug) =>
  api.request(`/api/staff/campaigns/${target}/results/certify`, { method: 'POST', headers });

async function results(target = slug): Promise<{ text: string; body: ResultsBody }> {
  const res = await api.request(`/api/campaigns/${target}/results`);
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, body: JSON.parse(text) as ResultsBody };
}

async function csvLines(target = slug): Promise<string[]> {
  const res = await api.request(`/api/campaigns/${target}/results.csv`);
  expect(res.status).toBe(200);
  return (await res.text())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(0, -1);
}

const contentVersion = async () =>
  Number(
    (await db.db.get<{ version: number }>(sql`select version from content_version where id = 1`))!
      .version,
  );

/** An implementation of the README's canonical form written apart from the site's own. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** A write the database refuses, with a trigger's message somewhere in the error's causes. */
async function expectRefused(write: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await write.then(
    () => null,
    (e: unknown) => e,
  );
  const texts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) texts.push(e.message);
  expect(texts.join(' | ')).toMatch(message);
}

describe('before certification', () => {
  it('refuses to certify while the vote is open: 409 certify_before_close', async () => {
    clock.set(during);
    const res = await certify(as('monitor', { 'accept-language': 'en' }));
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toMatch(/not closed/);
  });

  it('after the close withholds every count (核验中) in the JSON, the CSV and the certificate URL', async () => {
    clock.set(afterClose);
    const { text, body } = await results();
    expect(body).toMatchObject({
      votingState: 'closed',
      countsVisible: false,
      resultsStatus: 'under_review',
    });
    expect(text).not.toMatch(/"(votes|rank|ballotsCounted|ballotsInvalidated|certificate)"/);
    expect((await csvLines())[0]).toBe('track,track_name,number,name,organisation,status');
    const cert = await api.request(`/api/campaigns/${slug}/results/certificate.json`);
    expect(cert.status).toBe(404);
    expect((await cert.json()).error.message).toContain('尚未核验');
  });

  it('the results page says 核验中 and shows no count; the lobby board shows none either', async () => {
    clock.set(afterClose);
    const base = await site();
    const page = await (await fetch(`${base}/campaigns/${slug}/results`)).text();
    expect(page).toContain('核验中');
    expect(page).not.toContain('class="results"');
    expect(page).not.toContain('有效选票');
    const board = await (await fetch(`${base}/campaigns/${slug}/board`)).text();
    expect(board).not.toMatch(/\d+\s*票/);
  });

  it('a campaign with live counts keeps them up after the close, marked provisional', async () => {
    clock.set(afterClose);
    const { body } = await results(liveSlug);
    expect(body).toMatchObject({ countsVisible: true, resultsStatus: 'provisional' });
    expect(body.tracks[0]!.ballotsCounted).toBe(1);
    const page = await (await fetch(`${await site()}/campaigns/${liveSlug}/results`)).text();
    expect(page).toContain('暂定结果');
  });
});

describe('POST /api/staff/campaigns/{slug}/results/certify: who may', () => {
  // Sessions of the day after the close (those of the vote's day have lapsed by then).
  beforeAll(async () => {
    clock.set(afterClose);
    await staff.logInAgain();
  });

  it.each(['editor', 'auditor', 'supervisor'] as const)('refuses %s with 403', async (role) => {
    clock.set(afterClose);
    const res = await certify(as(role));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });

  it('refuses an anonymous request (401) and a monitor without the CSRF token (403)', async () => {
    clock.set(afterClose);
    expect((await certify({})).status).toBe(401);
    const noToken = await certify({ cookie: staff.as('monitor').cookie });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf_failed');
    const wrongToken = await certify(as('monitor', { 'x-csrf-token': 'forged' }));
    expect(wrongToken.status).toBe(403);
    const rows = await db.db.all(sql`select * from result_certificate`);
    expect(rows).toEqual([]);
  });
});

describe('certifying', () => {
  let sha256 = '';

  it('a monitor certifies once: 201 with the hash, recorded with who and when, audited', async () => {
    clock.set(afterClose);
    const before = await contentVersion();
    const res = await certify(as('monitor'));
    expect(res.status).toBe(201);
    const body = await res.json();
    sha256 = body.sha256;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const row = await db.db.get<{ certified_by: number; certified_at: number }>(
      sql`select certified_by, certified_at from result_certificate where campaign_id = ${campaignId}`,
    );
    expect(row).toEqual({
      certified_by: staff.as('monitor').id,
      certified_at: afterClose.getTime(),
    });
    const audit = await db.db.all<{ actor_id: number; after: string }>(
      sql`select actor_id, after from audit_log where action = 'results.certify' and entity_id = ${slug}`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(staff.as('monitor').id);
    expect(JSON.parse(audit[0]!.after).sha256).toBe(sha256);
    // Public pages rendered before it are dropped from every page cache.
    expect(await contentVersion()).toBeGreaterThan(before);
  });

  it('a second certification is a 409 with a message, and changes nothing', async () => {
    clock.set(new Date(afterClose.getTime() + 5 * minute));
    const res = await certify(as('admin'));
    expect(res.status).toBe(409);
    const body = await res.json();
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toContain('只能核验一次');
    const { body: published } = await results();
    expect(published.certificate!.sha256).toBe(sha256);
  });

  it('publishes the figures: JSON and CSV carry the certificate and its hash', async () => {
    const { body } = await results();
    expect(body).toMatchObject({ countsVisible: true, resultsStatus: 'certified' });
    expect(body.certificate).toMatchObject({
      sha256,
      certifiedAt: afterClose.toISOString(),
      url: `/api/campaigns/${slug}/results/certificate.json`,
    });
    const people = body.tracks.find((t) => t.slug === 'people')!;
    // 7 ballots in people: 3 voided (2 in the burst, 1 from the network).
    expect(people).toMatchObject({ ballotsCounted: 4, ballotsInvalidated: 3 });
    expect(people.candidates.map((c) => [c.id, c.votes, c.votesVoided])).toEqual([
      [ids.a, 3, 1],
      [ids.b, 2, 3],
    ]);
    const lines = await csvLines();
    expect(lines[0]).toMatch(/,votes_voided,certificate_sha256$/);
    expect(lines.slice(1).every((l) => l.endsWith(`"${sha256}"`))).toBe(true);
  });

  it('the hash is recomputable from the published JSON and from the certificate file', async () => {
    const { body } = await results();
    const recomputed = createHash('sha256').update(canonical(body.certificate!.document)).digest();
    expect(recomputed.toString('hex')).toBe(sha256);
    const file = await api.request(`/api/campaigns/${slug}/results/certificate.json`);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    // Canonical: no whitespace outside strings, keys sorted at every level.
    expect(bytes.toString('utf8')).toBe(canonical(JSON.parse(bytes.toString('utf8'))));
    expect(bytes.toString('utf8')).not.toMatch(/[\n\t]|": /);
  });

  it('every total adds up from the per-day and per-reason figures, and matches the ballots', async () => {
    const { document } = (await results()).body.certificate!;
    expect(document).toMatchObject({ format: 'result-certificate/1', certifiedByRole: 'monitor' });
    for (const t of document.tracks) {
      const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
      expect(sum(t.days.map((d) => d.received))).toBe(t.ballotsReceived);
      expect(sum(t.days.map((d) => d.counted))).toBe(t.ballotsCounted);
      expect(sum(t.days.flatMap((d) => d.voided.map((v) => v.ballots)))).toBe(t.ballotsVoided);
      expect(t.ballotsReceived - t.ballotsVoided).toBe(t.ballotsCounted);
      for (const d of t.days) {
        expect(d.received - sum(d.voided.map((v) => v.ballots))).toBe(d.counted);
      }
      for (const r of t.voidedByReason) {
        expect(
          sum(
            t.days
              .flatMap((d) => d.voided.filter((v) => v.reason === r.reason))
              .map((v) => v.ballots),
          ),
        ).toBe(r.ballots);
      }
      for (const c of t.candidates) {
        expect(Number(c.share)).toBeCloseTo(c.votes / t.ballotsCounted, 4);
        const truth = await db.db.get<{ counted: number; voided: number }>(sql`
          select sum(b.status = 'counted') as counted, sum(b.status = 'invalidated') as voided
          from ballot_pick p join ballot b on b.id = p.ballot_id where p.candidate_id = ${c.id}`);
        expect([c.votes, c.votesVoided]).toEqual([truth!.counted, truth!.voided]);
      }
    }
    const people = document.tracks.find((t) => t.slug === 'people')!;
    expect(people.days).toEqual([
      {
        day: '2026-11-20',
        received: 5,
        voided: [{ reason: 'burst', ballots: 2 }],
        counted: 3,
      },
      {
        day: '2026-11-21',
        received: 2,
        voided: [{ reason: 'network_concentration', ballots: 1 }],
        counted: 1,
      },
    ]);
  });

  it('names no voter: no address, network or device hash, nor any receipt', async () => {
    const file = await (
      await api.request(`/api/campaigns/${slug}/results/certificate.json`)
    ).text();
    const ballots = await db.db.all<{
      receipt: string;
      address_hash: string;
      network_hash: string;
      device_hash: string;
    }>(sql`select receipt, address_hash, network_hash, device_hash from ballot`);
    for (const b of ballots) {
      for (const secret of [b.receipt, b.address_hash, b.network_hash, b.device_hash]) {
        expect(file).not.toContain(secret);
      }
    }
    expect(file).not.toMatch(/hash|device|address|receipt/i);
  });

  it('freezes the figures: a tally changed behind its back changes nothing published', async () => {
    await db.db.run(sql`update tally set votes = votes + 100 where candidate_id = ${ids.a}`);
    const { body } = await results();
    expect(body.tracks[0]!.candidates[0]!.votes).toBe(3);
    expect(body.certificate!.sha256).toBe(sha256);
    await db.db.run(sql`update tally set votes = votes - 100 where candidate_id = ${ids.a}`);
  });

  it('the results page shows the certificate, its hash and the review report', async () => {
    const base = await site();
    const page = await (await fetch(`${base}/campaigns/${slug}/results`)).text();
    expect(page).toContain('经核验的结果');
    expect(page).toContain(sha256);
    expect(page).toContain(`/api/campaigns/${slug}/results/certificate.json`);
    expect(page).toContain('核验报告');
    expect(page).toContain('收到选票 7 张，认定无效 3 张，计入 4 张。');
    expect(page).toContain('短时间内集中投票 2 张');
    expect(page).not.toContain('核验中');
    const en = await (await fetch(`${base}/campaigns/${slug}/results?lang=en`)).text();
    expect(en).toContain('Certified results');
    expect(en).toContain('7 ballots received, 3 found invalid, 4 counted.');
    const tw = await (
      await fetch(`${base}/campaigns/${slug}/results`, { headers: { 'accept-language': 'zh-TW' } })
    ).text();
    expect(tw).toContain('經核驗的結果');
  });

  it('the lobby board shows every candidate the certified votes the JSON publishes', async () => {
    const board = await (await fetch(`${await site()}/campaigns/${slug}/board`)).text();
    const shown = board
      .split('data-slide="')
      .slice(1)
      .map((slide) => [
        Number(slide.slice(0, slide.indexOf('"'))),
        Number(/class="slide__votes"[^>]*>[^<]*<strong>(\d+)<\/strong>/.exec(slide)?.[1]),
      ]);
    const { body } = await results();
    const published = body.tracks.flatMap((t) => t.candidates.map((x) => [x.id, x.votes]));
    expect(shown).toEqual(published);
    // The certificate's figures, not the tally changed behind its back above.
    expect(shown).toEqual([
      [ids.a, 3],
      [ids.b, 2],
      [ids.u, 1],
    ]);
  });
});

describe('a campaign with live counts', () => {
  it('an admin and a monitor certifying at once: one certificate, the other a 409', async () => {
    clock.set(afterClose);
    const answers = await Promise.all([
      certify(as('admin'), liveSlug),
      certify(as('monitor'), liveSlug),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const { body } = await results(liveSlug);
    expect(body).toMatchObject({ countsVisible: true, resultsStatus: 'certified' });
    expect(body.tracks[0]!.ballotsCounted).toBe(1);
  });
});

describe('after certification no ballot can be voided, by any writer', () => {
  it('the API refuses with 409 void_after_certification, in the reader’s language', async () => {
    clock.set(afterClose);
    for (const [lang, words] of [
      ['zh-CN', '已核验发布'],
      ['en', 'certified'],
    ] as const) {
      const res = await api.request(`/api/staff/campaigns/${slug}/ballots/void`, {
        method: 'POST',
        headers: as('monitor', { 'content-type': 'application/json', 'accept-language': lang }),
        body: JSON.stringify({
          filter: {
            from: new Date(during.getTime() - 2 * hour).toISOString(),
            to: new Date(during.getTime() + 2 * hour).toISOString(),
          },
          reasonCategory: 'other',
          note: '测试',
          dryRun: false,
        }),
      });
      expect(res.status).toBe(409);
      const body = await res.json();
      expect(body.error.code).toBe('conflict');
      expect(body.error.message).toContain(words);
    }
  });

  it('a raw UPDATE voiding or restoring a ballot is refused by the database', async () => {
    await expectRefused(
      db.db.run(
        sql`update ballot set status = 'invalidated', invalid_reason = 'other', invalidated_at = 1 where campaign_id = ${campaignId} and status = 'counted'`,
      ),
      /ballots are certified/,
    );
    await expectRefused(
      db.db.run(
        sql`update ballot set status = 'counted', invalid_reason = null, invalidated_at = null, invalidated_by = null where campaign_id = ${campaignId} and status = 'invalidated'`,
      ),
      /ballots are certified/,
    );
  });

  it('a raw INSERT of a ballot, voided or not, or of a pick, is refused by the database', async () => {
    for (const status of ['counted', 'invalidated']) {
      const voided = status === 'invalidated';
      await expectRefused(
        db.db.run(sql`insert into ballot (receipt, campaign_id, track_id, device_hash, address_hash,
          day, device_seq, address_seq, status, invalid_reason, invalidated_at, cast_at)
          values (${`r-${status}`}, ${campaignId}, ${ids.people}, 'd', 'a', '2026-11-21', 9, 9,
          ${status}, ${voided ? 'other' : null}, ${voided ? 1 : null}, ${afterClose.getTime()})`),
        /ballots are certified/,
      );
    }
    // A counted ballot for A alone gains a vote for B: a pick added afterwards.
    const aAlone = await db.db.get<{ id: number }>(sql`select b.id from ballot b
      where b.track_id = ${ids.people} and b.status = 'counted'
        and not exists (select 1 from ballot_pick p where p.ballot_id = b.id and p.candidate_id = ${ids.b})
      limit 1`);
    await expectRefused(
      db.db.run(
        sql`insert into ballot_pick (ballot_id, candidate_id) values (${aAlone!.id}, ${ids.b})`,
      ),
      /ballots are certified/,
    );
  });

  it('the certificate itself is never changed or deleted', async () => {
    await expectRefused(
      db.db.run(sql`update result_certificate set sha256 = ${'0'.repeat(64)}`),
      /never changes/,
    );
    await expectRefused(db.db.run(sql`delete from result_certificate`), /never deleted/);
  });

  it('the figures published are still those certified', async () => {
    const { body } = await results();
    expect(body.tracks[0]).toMatchObject({ ballotsCounted: 4, ballotsInvalidated: 3 });
  });
});
