import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { notice, noticeRevision, report } from '#src/db/schema/index.ts';
import { reportReferencePattern } from '#src/domain/reports/make-report-reference.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';
import { useTestDb } from '../helpers/harness.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { deviceCookie, solvedProof } from '../helpers/bot-proof.ts';
import { withLiveBotCheck } from '../helpers/siteverify-stand-in.ts';
import {
  fixedClock,
  jsonRequest,
  sendAsVoter,
  testApi,
  type VoterOptions,
} from '../helpers/test-api.ts';

/** 12:00 in Shanghai on Friday 20 November 2026, inside the period 18–24 November. */
const now = new Date('2026-11-20T04:00:00Z');
/** The first instant of a Shanghai day, as UTC. */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

const db = useTestDb();

let noticeSeq = 0;

/**
 * A campaign in its publicity stage with two elected candidates and a third that is not in the
 * notice, and a notice whose current revision lists the two, as publishNotice writes it.
 * `revision: false` marks the notice published without any revision (not public: the notice
 * page answers 404 for it too).
 */
async function makeNotice(
  options: {
    status?: 'draft' | 'published';
    periodStart?: string;
    periodEnd?: string;
    revision?: boolean;
  } = {},
) {
  const periodStart = options.periodStart ?? '2026-11-18';
  const periodEnd = options.periodEnd ?? '2026-11-24';
  const campaign = await makeCampaign(db.db, now, { stage: 'publicity' });
  const track = await makeTrack(db.db, campaign.id);
  const a = await makeCandidate(db.db, track, { status: 'elected', name: '沈砚秋' });
  const b = await makeCandidate(db.db, track, { status: 'elected', name: '陆知远' });
  const outsider = await makeCandidate(db.db, track, { status: 'not_elected' });
  const slug = `n-${Date.now().toString(36)}-${noticeSeq++}`;
  const published = (options.status ?? 'published') === 'published';
  const withRevision = published && options.revision !== false;
  const fields = {
    serial: '澄组公〔2026〕9号',
    title: '测试公示',
    lead: '现予以公示。',
    periodStart,
    periodEnd,
    reportPhone: '0519-12380',
    reportAddress: '澄川市政通路1号',
    reportPostcode: '213399',
    reportVisit: '工作日 8:30—17:30',
    reportWeb: 'http://localhost/',
    reportRules: '实事求是。',
    signature: '中共澄川市委组织部',
    signedOn: periodStart,
  };
  const [row] = await db.db
    .insert(notice)
    .values({
      campaignId: campaign.id,
      slug,
      status: options.status ?? 'published',
      publishedAt: published ? new Date(now.getTime() - 3 * 86400_000) : null,
      currentRevision: withRevision ? 1 : 0,
      ...fields,
    })
    .returning();
  if (withRevision) {
    const entry = (c: typeof a) => ({
      candidateId: c.id,
      kind: 'individual' as const,
      track: track.slug,
      trackName: track.name,
      number: c.number,
      name: c.name,
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
    });
    const content: NoticeContent = {
      ...fields,
      entryOrder: 'number',
      workingDays: 5,
      showPhotos: false,
      showSummaries: false,
      entries: [entry(a), entry(b)],
    };
    await db.db.insert(noticeRevision).values({
      noticeId: row!.id,
      revision: 1,
      content,
      publishedAt: new Date(now.getTime() - 3 * 86400_000),
    });
  }
  return { notice: row!, entries: [a, b], outsider };
}

const path = (slug: string) => `/api/notices/${slug}/reports`;
const body = (extra: Record<string, unknown> = {}) => ({
  content: '该同志在项目验收中存在弄虚作假问题，2025年3月的验收材料与实际不符。',
  ...extra,
});
/** Requests from distinct devices and addresses unless a test says otherwise. */
let client = 0;
const fresh = (): VoterOptions => ({ client: `198.51.100.${(client++ % 250) + 1}` });

type Api = ReturnType<typeof testApi>;

/**
 * A report as the form sends it: a device from `GET /api/device` (a new one unless `options`
 * has a cookie) and a freshly solved proof for the action `report`, unless `extra` has one.
 */
async function sendReport(
  api: Api,
  url: string,
  extra: Record<string, unknown>,
  options: VoterOptions,
) {
  return (await sendAsVoter(api, url, body(extra), options)).res;
}

/** The whole message chain of a refused query (drizzle wraps the SQLite error in `cause`). */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (e) {
    let text = '';
    for (let cur: unknown = e; cur instanceof Error; cur = cur.cause) text += `${cur.message}\n`;
    return text;
  }
  return 'not refused';
}

async function stored(reference: string) {
  return db.db.query.report.findFirst({ where: eq(report.reference, reference) });
}
async function reportsOf(noticeId: number) {
  return db.db.select().from(report).where(eq(report.noticeId, noticeId));
}

describe('POST /api/notices/{slug}/reports: accepted reports', () => {
  it('takes a report about an entry: 201 with a reference, and the row as sent', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n, entries } = await makeNotice();
    const res = await sendReport(
      api,
      path(n.slug),
      {
        candidateId: entries[0]!.id,
        content: '  有具体线索。\n第二行。  ',
        name: ' 张三 ',
        phone: '0519-86001234',
      },
      fresh(),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The device comes from GET /api/device, never from the report.
    expect(res.headers.get('set-cookie')).toBeNull();
    const ack = await res.json();
    expect(ack.reference).toMatch(reportReferencePattern);
    expect(ack.reference.startsWith('JB-2026-')).toBe(true);
    expect(ack.receivedAt).toBe(now.toISOString());
    expect(ack.message).toBe(`已收到您的反映，受理编号 ${ack.reference}，请与查询码一起妥善保存。`);
    // A check code of its own, shown once: only its hash is kept.
    expect(ack.checkCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
    const row = await stored(ack.reference);
    expect(row!.checkCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(ack.checkCode);
    expect(row).toMatchObject({
      noticeId: n.id,
      candidateId: entries[0]!.id,
      content: '有具体线索。\n第二行。',
      reporterName: '张三',
      reporterPhone: '0519-86001234',
      day: '2026-11-20',
      deviceSeq: 1,
    });
    // Only keyed hashes of the device and the address are kept.
    expect(row!.deviceHash).toMatch(/^[\w-]{43}$/);
    expect(row!.addressHash).not.toContain('198.51.100');
  });

  it('takes an anonymous report about the notice as a whole; empty name and phone are stored as absent', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    for (const extra of [{}, { candidateId: null, name: '', phone: '' }]) {
      const res = await sendReport(api, path(n.slug), extra, fresh());
      expect(res.status).toBe(201);
      const row = await stored((await res.json()).reference);
      expect(row).toMatchObject({ candidateId: null, reporterName: null, reporterPhone: null });
    }
  });

  it('answers in the reader’s language', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const en = await sendReport(api, `${path(n.slug)}?lang=en`, {}, fresh());
    const { reference, message } = await en.json();
    expect(message).toBe(
      `Your report has been received. Its reference number is ${reference}; please keep it with the check code.`,
    );
    const tw = await sendReport(
      api,
      path(n.slug),
      {},
      { ...fresh(), headers: { 'accept-language': 'zh-TW' } },
    );
    expect((await tw.json()).message).toContain('已收到您的反映，受理編號');
  });

  it('gives every report its own reference', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const refs = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const res = await sendReport(api, path(n.slug), {}, fresh());
      refs.add((await res.json()).reference);
    }
    expect(refs.size).toBe(12);
  });
});

describe('POST /api/notices/{slug}/reports: what is refused before anything is stored', () => {
  it('counts characters, not UTF-16 units: 1,000 are accepted, 1,001 refused (400), blanks trimmed first', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const send = (content: string) => sendReport(api, path(n.slug), { content }, fresh());
    // 999 characters and one outside the BMP (two UTF-16 units): 1,000 characters.
    const thousand = `${'实'.repeat(999)}𠀀`;
    const ok = await send(`  ${thousand}\n `);
    expect(ok.status).toBe(201);
    expect((await stored((await ok.json()).reference))!.content).toBe(thousand);

    const over = await send(`${thousand}实`);
    expect(over.status).toBe(400);
    const err = (await over.json()).error;
    expect(err.code).toBe('invalid_request');
    expect(err.issues.map((i: { path: string }) => i.path)).toEqual(['content']);

    for (const blank of ['', '   \n\t ']) {
      const res = await send(blank);
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe('content');
    }
    expect(await reportsOf(n.id)).toHaveLength(1);
  });

  it('checks name and phone: 50 characters at most, a plausible mainland number', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const send = (extra: Record<string, unknown>) => sendReport(api, path(n.slug), extra, fresh());
    expect((await send({ name: '名'.repeat(50) })).status).toBe(201);
    expect((await send({ name: '名'.repeat(51) })).status).toBe(400);
    for (const phone of ['13912345678', '+86 139 1234 5678', '010-12345678', '(0519)8600123']) {
      expect((await send({ phone })).status, phone).toBe(201);
    }
    for (const phone of ['12380', '12345678901', '0519-123', 'call me', '139123456789012345678']) {
      const res = await send({ phone });
      expect(res.status, phone).toBe(400);
      expect((await res.json()).error.issues[0].path, phone).toBe('phone');
    }
  });

  it('refuses a text that starts with a NUL (400, not 500), and logs nothing of the reporter', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const extra = { name: '郑秋白', phone: '13912345678' };
      for (const content of ['\u0000该同志弄虚作假', '该同志\u0007弄虚作假', '\u001b[2J']) {
        const res = await sendReport(api, path(n.slug), { ...extra, content }, fresh());
        expect(res.status, JSON.stringify(content)).toBe(400);
        const { error } = await res.json();
        expect(error.code).toBe('invalid_request');
        expect(error.issues[0]).toMatchObject({ path: 'content' });
      }
      const badName = await sendReport(api, path(n.slug), { name: '郑\u0000秋白' }, fresh());
      expect(badName.status).toBe(400);
      const text = logged.mock.calls.flat().map(String).join('\n');
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('郑秋白');
    } finally {
      logged.mockRestore();
    }
    expect(await reportsOf(n.id)).toEqual([]);
  });

  it('refuses malformed bodies, unknown fields and oversized requests', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const cookie = await deviceCookie((p, init) => api.request(p, init));
    const raw = (text: string) =>
      api.request(path(n.slug), jsonRequest(text, { cookie, 'x-test-client': '198.51.100.1' }));
    expect((await raw('{"content":')).status).toBe(400);
    const extra = await sendReport(api, path(n.slug), { deviceSeq: 1 }, fresh());
    expect(extra.status).toBe(400);
    const noProof = await raw(JSON.stringify({ content: '有问题' }));
    expect(noProof.status).toBe(400);
    expect((await noProof.json()).error.issues[0].path).toBe('botCheck');
    const both = await sendReport(
      api,
      path(n.slug),
      { botCheck: 'a', turnstileToken: 'b' },
      fresh(),
    );
    expect(both.status).toBe(400);
    const huge = await sendReport(api, path(n.slug), { content: 'x'.repeat(20_000) }, fresh());
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');
    expect(await reportsOf(n.id)).toHaveLength(0);
  });

  it('refuses a report without a device (428, in the reader’s language) before the bot check, so the proof stays good', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const proof = await solvedProof((p, init) => api.request(p, init), 'report');
    const forged = 'voter=AAAAAAAAAAAAAAAAAAAAAA.forgedsignatureforged0';
    for (const cookie of ['', forged]) {
      const res = await sendReport(
        api,
        `${path(n.slug)}?lang=en`,
        { botCheck: proof },
        { ...fresh(), cookie },
      );
      expect(res.status).toBe(428);
      const { error } = await res.json();
      expect(error.code).toBe('device_required');
      expect(error.message).toMatch(/cookie/i);
    }
    expect(await reportsOf(n.id)).toHaveLength(0);
    expect((await sendReport(api, path(n.slug), { botCheck: proof }, fresh())).status).toBe(201);
  });

  it('answers an unknown notice, a draft and a notice without a published revision alike: 404 report_notice_not_found', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: draft } = await makeNotice({ status: 'draft' });
    const { notice: unrevised } = await makeNotice({ revision: false });
    const answers = [];
    for (const slug of ['no-such-notice', draft.slug, unrevised.slug]) {
      const res = await sendReport(api, path(slug), {}, fresh());
      expect(res.status).toBe(404);
      const { error } = await res.json();
      expect(error).toMatchObject({ code: 'not_found', reason: 'report_notice_not_found' });
      answers.push(error.message);
    }
    expect(new Set(answers).size).toBe(1);
    expect(await reportsOf(draft.id)).toHaveLength(0);
    expect(await reportsOf(unrevised.id)).toHaveLength(0);
  });

  it('refuses an entry that is not in the notice: 422 report_entry_unknown', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n, outsider } = await makeNotice();
    for (const candidateId of [outsider.id, 999_999]) {
      const res = await sendReport(api, path(n.slug), { candidateId }, fresh());
      expect(res.status).toBe(422);
      expect((await res.json()).error).toMatchObject({
        code: 'rule_violation',
        reason: 'report_entry_unknown',
      });
    }
    expect(await reportsOf(n.id)).toHaveLength(0);
  });
});

describe('the publicity period, in Shanghai days', () => {
  it('opens at 00:00 on the first day and closes at 24:00 on the last', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { notice: n } = await makeNotice({ periodStart: '2026-11-18', periodEnd: '2026-11-24' });
    const send = () => sendReport(api, path(n.slug), {}, fresh());

    clock.set(new Date(shanghaiMidnight('2026-11-18').getTime() - 1));
    const early = await send();
    expect(early.status).toBe(409);
    const { error } = await early.json();
    expect(error).toMatchObject({
      code: 'conflict',
      reason: 'report_period_not_started',
      details: { periodStart: '2026-11-18', periodEnd: '2026-11-24' },
    });
    expect(error.message).toBe(
      '公示期为 2026年11月18日至2026年11月24日，尚未开始，请在公示期内再来反映。',
    );

    clock.set(shanghaiMidnight('2026-11-18'));
    expect((await send()).status).toBe(201);

    clock.set(new Date(shanghaiMidnight('2026-11-25').getTime() - 1));
    expect((await send()).status).toBe(201);

    clock.set(shanghaiMidnight('2026-11-25'));
    const late = await send();
    expect(late.status).toBe(409);
    const ended = (await late.json()).error;
    expect(ended.reason).toBe('report_period_ended');
    expect(ended.message).toBe('公示期为 2026年11月18日至2026年11月24日，现已结束，不再受理。');
    expect(await reportsOf(n.id)).toHaveLength(2);
  });

  it('says so in English and Traditional Chinese too', async () => {
    const clock = fixedClock(shanghaiMidnight('2026-12-01'));
    const api = testApi(db, { clock });
    const { notice: n } = await makeNotice();
    const en = await sendReport(api, `${path(n.slug)}?lang=en`, {}, fresh());
    expect((await en.json()).error.message).toBe(
      'The publicity period ran from 18 November 2026 to 24 November 2026 and has ended; reports are no longer accepted.',
    );
    const tw = await sendReport(api, `${path(n.slug)}?lang=zh-TW`, {}, fresh());
    expect((await tw.json()).error.message).toContain('現已結束，不再受理');
  });

  it('takes a one-day period for that whole day only', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { notice: n } = await makeNotice({ periodStart: '2026-11-20', periodEnd: '2026-11-20' });
    const send = () => sendReport(api, path(n.slug), {}, fresh());
    expect((await send()).status).toBe(201);
    clock.set(shanghaiMidnight('2026-11-21'));
    expect((await send()).status).toBe(409);
  });
});

describe('the bot check', () => {
  it('refuses a forged proof and one solved for a ballot (403), and keeps nothing', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const forged = await sendReport(api, path(n.slug), { botCheck: 'forged' }, fresh());
    expect(forged.status).toBe(403);
    const { error } = await forged.json();
    expect(error).toMatchObject({
      code: 'bot_check_failed',
      reason: 'report_bot_check_failed',
      details: { codes: ['malformed-proof'] },
    });
    expect(error.message).toBe('人机验证未通过，请重新验证后再提交。您填写的内容已保留。');
    expect(forged.headers.get('set-cookie')).toBeNull();

    const forBallot = await solvedProof((p, init) => api.request(p, init), 'ballot');
    const wrongAction = await sendReport(api, path(n.slug), { botCheck: forBallot }, fresh());
    expect(wrongAction.status).toBe(403);
    expect((await wrongAction.json()).error.details.codes).toEqual(['action-mismatch']);
    expect(await reportsOf(n.id)).toHaveLength(0);
  });

  it('in live mode: needs the action `report`, refuses a replayed token without calling Cloudflare, and spends no token on a closed period', () =>
    withLiveBotCheck(async (botCheck, standIn) => {
      const clock = fixedClock(now);
      const api = testApi(db, { clock, botCheck });
      const { notice: n } = await makeNotice();
      const send = (token: string) =>
        sendReport(api, path(n.slug), { turnstileToken: token }, fresh());

      standIn.issue('ballot-token', { hostname: 'vote.example.org', action: 'ballot' });
      const wrongAction = await send('ballot-token');
      expect(wrongAction.status).toBe(403);
      expect((await wrongAction.json()).error.details.codes).toEqual(['action-mismatch']);

      standIn.issue('report-token', { hostname: 'vote.example.org', action: 'report' });
      expect((await send('report-token')).status).toBe(201);
      const calls = standIn.calls.length;
      const replay = await send('report-token');
      expect(replay.status).toBe(403);
      expect((await replay.json()).error.details.codes).toEqual(['token-already-used']);
      expect(standIn.calls).toHaveLength(calls);

      // Too late: refused before the bot check, so the token stays unspent.
      standIn.issue('late-token', { hostname: 'vote.example.org', action: 'report' });
      clock.set(shanghaiMidnight('2026-11-25'));
      expect((await send('late-token')).status).toBe(409);
      expect(standIn.calls).toHaveLength(calls);
      expect(await reportsOf(n.id)).toHaveLength(1);
    }));
});

describe('twenty reports per address and day', () => {
  it('takes the 20th from one address, refuses the 21st with 429 report_address_limit, and not other addresses', async () => {
    const clock = fixedClock(now);
    // Twenty-one requests from one address within a minute: above the default request rate.
    const api = testApi(db, { clock, env: { BALLOT_RATE_PER_MINUTE: '1000' } });
    const { notice: n } = await makeNotice();
    const address: VoterOptions = { client: '203.0.113.77' };
    // Each without a cookie: a new device every time, as a cleared cookie gives.
    for (let i = 1; i <= 20; i++) {
      const res = await sendReport(api, path(n.slug), {}, address);
      expect(res.status, `report ${i}`).toBe(201);
    }
    const over = await sendReport(api, path(n.slug), {}, address);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe(String(12 * 3600));
    const { error } = await over.json();
    expect(error).toMatchObject({
      code: 'rate_limited',
      reason: 'report_address_limit',
      details: { limit: 20, nextReportAt: '2026-11-20T16:00:00.000Z' },
    });
    expect(error.message).toContain('同一网络地址今天已提交 20 条反映');
    expect(await reportsOf(n.id)).toHaveLength(20);

    // Another address is not affected; the next day, this one may send again.
    expect((await sendReport(api, path(n.slug), {}, fresh())).status).toBe(201);
    clock.set(shanghaiMidnight('2026-11-21'));
    expect((await sendReport(api, path(n.slug), {}, address)).status).toBe(201);
  });

  it('counts every address of one IPv6 /64 as one address', async () => {
    const api = testApi(db, { clock: fixedClock(now), env: { BALLOT_RATE_PER_MINUTE: '1000' } });
    const { notice: n } = await makeNotice();
    for (let i = 1; i <= 20; i++) {
      const res = await sendReport(api, path(n.slug), {}, { client: `2001:db8:20:1::${i}` });
      expect(res.status, `report ${i}`).toBe(201);
    }
    const over = await sendReport(api, path(n.slug), {}, { client: '2001:db8:20:1:9:9:9:9' });
    expect(over.status).toBe(429);
    expect((await over.json()).error.reason).toBe('report_address_limit');
    expect((await sendReport(api, path(n.slug), {}, { client: '2001:db8:20:2::1' })).status).toBe(
      201,
    );
  });

  it('is held by the database for any writer', async () => {
    const { notice: n } = await makeNotice();
    const row = (i: number) => ({
      reference: `JB-2026-ADDR${String(i).padStart(2, '0')}`,
      noticeId: n.id,
      content: '测试',
      deviceHash: `device-${i}`,
      addressHash: 'one-address',
      day: '2026-11-20',
      deviceSeq: 1,
      createdAt: now,
    });
    for (let i = 1; i <= 20; i++) await db.db.insert(report).values(row(i));
    expect(await refusal(db.db.insert(report).values(row(21)))).toContain(
      'report over the address limit',
    );
    await db.db.insert(report).values({ ...row(22), day: '2026-11-21' });
  });
});

describe('five reports per device and day', () => {
  it('takes the 5th, refuses the 6th with 429 report_daily_limit until 00:00 in Shanghai, then takes more', async () => {
    const clock = fixedClock(now);
    const api = testApi(db, { clock });
    const { notice: n } = await makeNotice();
    const cookie = await deviceCookie((p, init) => api.request(p, init));
    const device = { cookie };
    const withDevice = () => ({ ...device, ...fresh() });
    const first = await sendReport(api, path(n.slug), {}, withDevice());
    expect(first.status).toBe(201);
    // The limit is the device's, whatever address it comes from.
    for (let i = 2; i <= 5; i++) {
      const res = await sendReport(api, path(n.slug), {}, withDevice());
      expect(res.status, `report ${i}`).toBe(201);
      expect((await stored((await res.json()).reference))!.deviceSeq).toBe(i);
    }
    const sixth = await sendReport(api, path(n.slug), {}, withDevice());
    expect(sixth.status).toBe(429);
    // 12:00 in Shanghai: twelve hours to midnight.
    expect(sixth.headers.get('retry-after')).toBe(String(12 * 3600));
    const { error } = await sixth.json();
    expect(error).toMatchObject({
      code: 'rate_limited',
      reason: 'report_daily_limit',
      details: { limit: 5, nextReportAt: '2026-11-20T16:00:00.000Z' },
    });
    expect(error.message).toContain('同一设备每天最多提交 5 条反映');
    expect(error.message).toContain('11月21日 00:00');

    // Another device is not affected.
    expect((await sendReport(api, path(n.slug), {}, fresh())).status).toBe(201);

    // 23:59:59.999 is still the same day; 00:00 is a new one.
    clock.set(new Date(shanghaiMidnight('2026-11-21').getTime() - 1));
    expect((await sendReport(api, path(n.slug), {}, device)).status).toBe(429);
    clock.set(shanghaiMidnight('2026-11-21'));
    const next = await sendReport(api, path(n.slug), {}, device);
    expect(next.status).toBe(201);
    const row = await stored((await next.json()).reference);
    expect(row).toMatchObject({ day: '2026-11-21', deviceSeq: 1 });
  });

  it('holds the limit for reports sent at the same moment', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const cookie = await deviceCookie((p, init) => api.request(p, init));
    expect((await sendReport(api, path(n.slug), {}, { ...fresh(), cookie })).status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => sendReport(api, path(n.slug), {}, { ...fresh(), cookie })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429, 429, 429]);
    const rows = await reportsOf(n.id);
    expect(rows.map((r) => r.deviceSeq).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('is held by the database itself: no sixth row, no sequence twice, nothing changed or deleted', async () => {
    const { notice: n } = await makeNotice();
    const row = (deviceSeq: number, reference: string) => ({
      reference,
      noticeId: n.id,
      content: '直接写入',
      deviceHash: 'db-rule-device',
      addressHash: 'db-rule-address',
      day: '2026-11-20',
      deviceSeq,
      createdAt: now,
    });
    await db.db.insert(report).values(row(5, 'JB-2026-DBRUL5'));
    expect(await refusal(db.db.insert(report).values(row(6, 'JB-2026-DBRUL6')))).toMatch(
      /CHECK constraint failed: report_device_seq_range/,
    );
    // The same sequence twice: refused before the unique key is even asked (migration 0018).
    expect(await refusal(db.db.insert(report).values(row(5, 'JB-2026-DBRULX')))).toMatch(
      /a report is never written over/,
    );
    expect(
      await refusal(db.db.insert(report).values({ ...row(4, 'JB-2026-DBRUL4'), content: '   ' })),
    ).toMatch(/CHECK constraint failed: report_content_length/);
    expect(
      await refusal(db.db.update(report).set({ content: '改过' }).where(eq(report.noticeId, n.id))),
    ).toMatch(/kept as sent/);
    expect(await refusal(db.db.delete(report).where(eq(report.noticeId, n.id)))).toMatch(
      /kept as sent/,
    );
  });
});

describe('request rate and privacy', () => {
  it('answers 429 rate_limited with Retry-After once an address exceeds its rate; others are unaffected', async () => {
    const api = testApi(db, { clock: fixedClock(now), env: { BALLOT_RATE_PER_MINUTE: '3' } });
    const send = (address: string) =>
      api.request(path('x'), jsonRequest({ content: '' }, { 'x-test-client': address }));
    for (let i = 0; i < 3; i++) expect((await send('192.0.2.77')).status).toBe(400);
    const limited = await send('192.0.2.77');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await send('192.0.2.78')).status).toBe(400);
  });

  it('offers no way to read a report back, and documents only the POST', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const sent = await sendReport(api, path(n.slug), {}, fresh());
    const { reference } = await sent.json();
    for (const p of [path(n.slug), `${path(n.slug)}/${reference}`, `/api/reports/${reference}`]) {
      const res = await api.request(p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain(reference);
    }
    const doc = await (await api.request('/api/openapi.json')).json();
    const documented = doc.paths['/api/notices/{slug}/reports'];
    expect(Object.keys(documented)).toEqual(['post']);
    expect(Object.keys(documented.post.responses).sort()).toEqual(
      ['201', '400', '403', '404', '409', '413', '422', '428', '429'].sort(),
    );
    expect(doc.components.schemas.ReportRequest.required).toEqual(['content']);
    expect(Object.keys(doc.components.schemas.ReportRequest.properties)).toEqual(
      expect.arrayContaining(['botCheck', 'turnstileToken']),
    );
    expect(JSON.stringify(doc)).not.toMatch(/staff\/reports/);
  });

  it('keeps one device and one address hash per report, never the address itself', async () => {
    const api = testApi(db, { clock: fixedClock(now) });
    const { notice: n } = await makeNotice();
    const sent = await sendReport(api, path(n.slug), {}, { client: '203.0.113.200' });
    expect(sent.status).toBe(201);
    const [row] = await db.db
      .select()
      .from(report)
      .where(and(eq(report.noticeId, n.id)));
    expect(JSON.stringify(row)).not.toContain('203.0.113.200');
  });
});
