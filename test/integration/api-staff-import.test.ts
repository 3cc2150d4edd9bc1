import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { readSheet } from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { importTemplateHeader } from '#src/domain/candidates/get-import-template.ts';
import { auditLog, campaign, candidate } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import { makeCampaign, makeCandidate, makeTrack } from '../helpers/factories.ts';
import { encodeGb18030 } from '../fixtures/import/encode-gb18030.ts';
import {
  largestCandidateCsv,
  wideHeaderCsv,
  xlsxBomb,
} from '../fixtures/import/make-spreadsheet-bombs.ts';
import { fixedClock } from '../helpers/test-api.ts';
import { useStaffSessions, useTestApi, useTestDb } from '../helpers/harness.ts';

const now = new Date('2026-04-02T01:00:00Z');
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const db = useTestDb();
const api = useTestApi(db, { clock: fixedClock(now) });
const staff = useStaffSessions(api, db, ['admin', 'editor', 'monitor', 'auditor']);
let slug: string;

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../fixtures/import', name));

beforeAll(async () => {
  slug = (await makeCampaign(db.db, now, { stage: 'nomination' })).slug;
});

const as = staff.headers;

async function newTrack(kind: 'individual' | 'unit') {
  const c = await db.db.query.campaign.findFirst({ where: (t, { eq: is }) => is(t.slug, slug) });
  return makeTrack(db.db, c!.id, { kind });
}

function upload(
  track: string,
  body: Uint8Array | string,
  options: {
    dryRun?: boolean;
    type?: string;
    role?: StaffRole;
    headers?: Record<string, string>;
  } = {},
) {
  const query = options.dryRun ? '?dryRun=1' : '';
  return api.request(`/api/staff/campaigns/${slug}/tracks/${track}/import${query}`, {
    method: 'POST',
    headers: {
      'content-type': options.type ?? 'text/csv',
      ...(options.headers ?? as(options.role ?? 'editor')),
    },
    body: typeof body === 'string' ? body : Uint8Array.from(body),
  });
}

async function candidatesOf(trackId: number) {
  return db.db.select().from(candidate).where(eq(candidate.trackId, trackId));
}

async function auditCount(action: string) {
  return (await db.db.select().from(auditLog).where(eq(auditLog.action, action))).length;
}

describe('POST …/import: a CSV with one bad row', () => {
  it('dry run lists exactly that row and field, and writes nothing', async () => {
    const t = await newTrack('individual');
    const res = await upload(t.slug, fixture('individuals-one-bad-row.csv'), { dryRun: true });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ dryRun: true, rows: 3 });
    expect(body.errors).toEqual([
      {
        row: 3,
        field: 'birth',
        reason: 'import_bad_month',
        message: '第 3 行“出生年月”的“1979-13”不是有效年月，请写成 1975-03 或 1975.03 的形式。',
      },
    ]);
    expect(body.warnings).toEqual([
      expect.objectContaining({ row: 1, field: '备注', reason: 'import_unknown_column' }),
    ]);
    expect(body.created.map((c: { row: number; id: null }) => [c.row, c.id])).toEqual([
      [2, null],
      [4, null],
    ]);
    expect(await candidatesOf(t.id)).toEqual([]);
  });

  it('confirming it is refused (422 import_has_errors) with the same list; nothing written', async () => {
    const t = await newTrack('individual');
    const creates = await auditCount('candidate.create');
    const res = await upload(t.slug, fixture('individuals-one-bad-row.csv'));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'rule_violation', reason: 'import_has_errors' });
    expect(error.message).toContain('1 处错误');
    expect(error.details.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'birth', reason: 'import_bad_month' }),
    ]);
    expect(await candidatesOf(t.id)).toEqual([]);
    expect(await auditCount('candidate.create')).toBe(creates);
    expect(await auditCount('candidate.import')).toBe(0);
  });

  it('the fixed file: dry run clean, then all rows written with audit entries', async () => {
    const t = await newTrack('individual');
    const dry = await (
      await upload(t.slug, fixture('individuals-fixed.csv'), { dryRun: true })
    ).json();
    expect(dry.errors).toEqual([]);
    expect(dry.created.map((c: { number: number }) => c.number)).toEqual([1, 2, 3]);
    expect(await candidatesOf(t.id)).toEqual([]);

    const res = await upload(t.slug, fixture('individuals-fixed.csv'), { role: 'admin' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ dryRun: false, rows: 3, errors: [] });
    const rows = await candidatesOf(t.id);
    expect(rows.map((r) => [r.number, r.name, r.status, r.birth])).toEqual([
      [1, '林晓岚', 'nominated', '1981-04'],
      [2, '顾明远', 'nominated', '1979-11'],
      [3, '沈佳怡', 'nominated', '1986-09'],
    ]);
    expect(body.created.map((c: { id: number }) => c.id)).toEqual(rows.map((r) => r.id));
    for (const r of rows) {
      const audit = await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, 'candidate'), eq(auditLog.entityId, String(r.id))));
      expect(audit).toEqual([
        expect.objectContaining({ action: 'candidate.create', actorId: staff.as('admin').id }),
      ]);
    }
    const [whole] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'candidate.import'), eq(auditLog.entityId, String(t.id))));
    expect(whole!.after).toMatchObject({
      track: t.slug,
      format: 'csv',
      rows: 3,
      candidateIds: rows.map((r) => r.id),
    });

    // The same file again: every person is already in the track.
    const again = await upload(t.slug, fixture('individuals-fixed.csv'), { dryRun: true });
    const errors = (await again.json()).errors;
    expect(errors.map((e: { row: number; reason: string }) => [e.row, e.reason])).toEqual([
      [2, 'import_already_in_track'],
      [3, 'import_already_in_track'],
      [4, 'import_already_in_track'],
    ]);
  });

  it('answers row messages in English when asked', async () => {
    const t = await newTrack('individual');
    const res = await upload(t.slug, fixture('individuals-one-bad-row.csv'), {
      dryRun: true,
      headers: as('editor', { 'accept-language': 'en' }),
    });
    expect((await res.json()).errors[0].message).toBe(
      'Row 3: “1979-13” in “出生年月” is not a valid month; write it as 1975-03.',
    );
  });
});

describe('POST …/import: other files', () => {
  it('decodes a GB18030 CSV from a Chinese Excel', async () => {
    const t = await newTrack('individual');
    const text = fixture('individuals-fixed.csv').toString('utf8');
    const res = await upload(t.slug, encodeGb18030(text));
    expect(res.status).toBe(201);
    expect((await candidatesOf(t.id)).map((r) => r.name)).toEqual(['林晓岚', '顾明远', '沈佳怡']);
  });

  it('imports an XLSX for units, with given numbers and the status column', async () => {
    const t = await newTrack('unit');
    await makeCandidate(db.db, t, { number: 1, status: 'nominated', name: '已有单位' });
    const bytes = await writeXlsxFile([
      importTemplateHeader('unit'),
      [
        12,
        '澄川市东河区应急管理局',
        '东河区人民政府',
        '周立新',
        '局长',
        '东河区',
        '',
        '防汛成效突出',
        '事迹',
        '入围',
      ],
      [null, '澄川市北岸街道办事处', '', '吴海平', '主任', '北岸区', '', '', '', null],
    ]).toBuffer();
    const res = await upload(t.slug, new Uint8Array(bytes), { type: xlsxType });
    expect(res.status).toBe(201);
    const rows = (await candidatesOf(t.id)).sort((a, b) => a.number - b.number);
    expect(rows.map((r) => [r.number, r.name, r.status, r.headName, r.sex])).toEqual([
      [1, '已有单位', 'nominated', null, null],
      [12, '澄川市东河区应急管理局', 'shortlisted', '周立新', null],
      [13, '澄川市北岸街道办事处', 'nominated', '吴海平', null],
    ]);
  });

  it('after the review, refuses shortlisted rows (the public list is settled) but takes nominations', async () => {
    const c = await makeCampaign(db.db, now, { stage: 'public_vote' });
    const t = await makeTrack(db.db, c.id, { kind: 'unit' });
    const header = importTemplateHeader('unit');
    const row = (name: string, status: string) => [
      null,
      name,
      '',
      '负责人',
      '主任',
      '',
      '',
      '',
      '',
      status,
    ];
    const send = (rows: unknown[][]) =>
      writeXlsxFile([header, ...rows] as never)
        .toBuffer()
        .then((bytes) =>
          api.request(`/api/staff/campaigns/${c.slug}/tracks/${t.slug}/import`, {
            method: 'POST',
            headers: { 'content-type': xlsxType, ...as('editor') },
            body: Uint8Array.from(bytes),
          }),
        );
    const refused = await send([row('甲单位', '推荐'), row('乙单位', '入围')]);
    expect(refused.status).toBe(422);
    const { error } = await refused.json();
    expect(error.details.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'status', reason: 'import_status_after_review' }),
    ]);
    expect(await candidatesOf(t.id)).toEqual([]);
    expect((await send([row('甲单位', '推荐')])).status).toBe(201);
  });

  it('reports numbers taken in the track and duplicates within the file', async () => {
    const t = await newTrack('unit');
    await makeCandidate(db.db, t, { number: 12, status: 'nominated', name: '旧单位' });
    const res = await upload(t.slug, fixture('units.csv'), { dryRun: true });
    const body = await res.json();
    expect(
      body.errors.map((e: { row: number; field: string; reason: string }) => [
        e.row,
        e.field,
        e.reason,
      ]),
    ).toEqual([[2, 'number', 'import_number_taken']]);
    const dup =
      '单位全称,单位负责人,负责人职务,编号\n甲局,张三,局长,5\n乙局,李四,局长,5\n甲局,王五,局长,\n';
    const dupBody = await (await upload(t.slug, dup, { dryRun: true })).json();
    expect(dupBody.errors.map((e: { row: number; reason: string }) => [e.row, e.reason])).toEqual([
      [3, 'import_duplicate_number_in_file'],
      [4, 'import_duplicate_name_in_file'],
    ]);
  });

  it(`refuses more than 500 rows as one error`, async () => {
    const t = await newTrack('unit');
    const lines = Array.from({ length: 501 }, (_, i) => `局${i},张三,局长`);
    const res = await upload(t.slug, ['单位全称,单位负责人,负责人职务', ...lines].join('\n'), {
      dryRun: true,
    });
    const body = await res.json();
    expect(body.rows).toBe(501);
    expect(body.errors).toEqual([
      expect.objectContaining({ row: null, field: null, reason: 'import_too_many_rows' }),
    ]);
  });
});

describe('POST …/import: refusals', () => {
  let track: string;
  beforeAll(async () => {
    track = (await newTrack('unit')).slug;
  });

  it('413 beyond 2 MB', async () => {
    const big = '单位全称,单位负责人,负责人职务\n' + 'x'.repeat(2 * 1024 * 1024);
    const res = await upload(track, big, { dryRun: true });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('400 for an unknown type, a legacy .xls, an empty file, a header alone, a bad dryRun', async () => {
    const cases: [Uint8Array | string, string, string][] = [
      ['{}', 'application/json', 'import_unsupported_type'],
      [
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]),
        'application/vnd.ms-excel',
        'import_legacy_xls',
      ],
      ['', 'text/csv', 'import_empty'],
      ['单位全称,单位负责人\n', 'text/csv', 'import_no_rows'],
      ['"unclosed,quote\n', 'text/csv', 'import_malformed'],
    ];
    for (const [body, type, reason] of cases) {
      const res = await upload(track, body, { dryRun: true, type });
      expect(res.status, reason).toBe(400);
      const { error } = await res.json();
      expect(error.reason).toBe(reason);
      expect(error.message).not.toBe('');
    }
    const bad = await api.request(
      `/api/staff/campaigns/${slug}/tracks/${track}/import?dryRun=maybe`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...as('editor') },
        body: '单位全称\n某局\n',
      },
    );
    expect(bad.status).toBe(400);
  });

  it('404 for an unknown campaign or track', async () => {
    const res = await api.request(`/api/staff/campaigns/nope/tracks/${track}/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...as('editor') },
      body: 'x',
    });
    expect(res.status).toBe(404);
    expect((await upload('nope', 'x')).status).toBe(404);
  });

  it('refuses anonymous (401), auditor and monitor (403), a missing CSRF token (403)', async () => {
    const csv = fixture('units.csv');
    expect((await upload(track, csv, { headers: {} })).status).toBe(401);
    expect((await upload(track, csv, { role: 'auditor' })).status).toBe(403);
    expect((await upload(track, csv, { role: 'monitor' })).status).toBe(403);
    const noToken = await upload(track, csv, {
      headers: { cookie: staff.as('editor').cookie },
    });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf_failed');
  });
});

describe('POST …/import: hostile and huge files', () => {
  let track: string;
  beforeAll(async () => {
    track = (await newTrack('unit')).slug;
  });

  async function refusal(res: Response) {
    return { status: res.status, reason: (await res.json()).error.reason as string };
  }

  it('refuses the review’s bomb (one cell of 480 MB in 0.5 MB) from the zip directory alone', async () => {
    const bomb = xlsxBomb(480 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(600_000);
    const res = await upload(track, bomb, { dryRun: true, type: xlsxType });
    expect(await refusal(res)).toEqual({ status: 400, reason: 'import_archive_too_large' });
  });

  it('refuses an entry that hides its size behind a small declared one, inflating no further', async () => {
    const res = await upload(track, xlsxBomb(480 * 1024 * 1024, 'small'), {
      dryRun: true,
      type: xlsxType,
    });
    expect(await refusal(res)).toEqual({ status: 400, reason: 'import_malformed' });
  });

  it('refuses an entry compressed a thousand to one, though small enough in itself', async () => {
    const res = await upload(track, xlsxBomb(4 * 1024 * 1024), { dryRun: true, type: xlsxType });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.error.reason).toBe('import_archive_too_large');
    expect(body.error.details).toEqual({ reason: 'ratio', max: 100 });
    expect(body.error.message).toContain('压缩');
  });

  it('refuses a CSV header of a quarter of a million columns with one error, not a warning each', async () => {
    const res = await upload(track, wideHeaderCsv(), { dryRun: true });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.error.reason).toBe('import_too_many_columns');
    expect(body.error.details.max).toBe(200);
    expect(JSON.stringify(body).length).toBeLessThan(2000);
  });

  it('reads the largest plausible CSV (2 MB, 500 units with long deeds) in full', async () => {
    const csv = largestCandidateCsv();
    expect(new TextEncoder().encode(csv).length).toBeGreaterThan(1_500_000);
    const res = await upload(track, csv, { dryRun: true });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.rows).toBe(500);
    expect(body.errors).toEqual([]);
  });

  it('answers a health request sent during an import check before the check ends; one check at a time', async () => {
    expect((await api.request('/api/health')).status).toBe(200);
    let ended = false;
    const check = Promise.resolve(upload(track, largestCandidateCsv(), { dryRun: true })).then(
      (res) => {
        ended = true;
        return res;
      },
    );
    // The check is under way once a second file is turned away as busy.
    let busy: Response | undefined;
    while (!ended) {
      const probe = await upload(track, '单位全称\n某局\n', { dryRun: true });
      if (probe.status === 429) {
        busy = probe;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(ended, 'the check ended before a second file was turned away').toBe(false);
    expect((await busy!.json()).error.reason).toBe('import_busy');
    expect(busy!.headers.get('retry-after')).toBe('5');

    const health = await api.request('/api/health');
    expect(health.status).toBe(200);
    expect(ended, 'health was answered only after the check').toBe(false);

    const done = await check;
    expect(done.status).toBe(200);
    expect((await done.json()).rows).toBe(500);
    // And the next file is read again.
    expect((await upload(track, '单位全称\n某局\n', { dryRun: true })).status).toBe(200);
  });
});

describe('GET …/import-template.xlsx and .csv', () => {
  it('gives the header row of the track kind as XLSX', async () => {
    const t = await newTrack('unit');
    const res = await api.request(
      `/api/staff/campaigns/${slug}/tracks/${t.slug}/import-template.xlsx`,
      {
        headers: as('editor'),
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(xlsxType);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="candidates-${slug}-${t.slug}.xlsx"`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    const cells = await readSheet(bytes);
    expect(cells[0]).toEqual(importTemplateHeader('unit'));
    expect(cells[0]).toContain('单位全称*');
    // An example row, marked so the import skips it, and the notes on a sheet of their own.
    expect(cells).toHaveLength(2);
    expect(cells[1]!.at(-1)).toBe('示例');
    const notes = await readSheet(bytes, '填写说明');
    const text = notes.flat().join('\n');
    expect(text).toContain('1982.06');
    expect(text).toContain('已入围');
    expect(text).toContain('Alt+Enter');
    // Sent back as it came, the template adds nobody and says so.
    const back = await upload(t.slug, bytes, { dryRun: true, type: xlsxType });
    expect(back.status).toBe(400);
    expect((await back.json()).error.reason).toBe('import_no_rows');
  });

  it('gives it as CSV with a BOM, which the import reads back', async () => {
    const t = await newTrack('individual');
    const res = await api.request(
      `/api/staff/campaigns/${slug}/tracks/${t.slug}/import-template.csv`,
      {
        headers: as('admin'),
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`\uFEFF${importTemplateHeader('individual').join(',')}\r\n`)).toBe(true);
    const filled =
      text + ',林晓岚,女,汉族,1981.04,江苏澄川,中共党员,,2004.07,大学,,局长,某局,,,,,,\r\n';
    const imported = await upload(t.slug, filled, { dryRun: true });
    const body = await imported.json();
    expect(body.errors).toEqual([]);
    // The example row (with its two-line 简历) is skipped and said so; the filled row counts.
    expect(body.rows).toBe(1);
    expect(body.warnings).toEqual([
      expect.objectContaining({ row: 2, reason: 'import_example_skipped' }),
    ]);
  });

  it('refuses anonymous (401) and auditor (403); 404 for an unknown track', async () => {
    const base = `/api/staff/campaigns/${slug}/tracks`;
    expect((await api.request(`${base}/nope/import-template.csv`)).status).toBe(401);
    expect(
      (await api.request(`${base}/nope/import-template.csv`, { headers: as('auditor') })).status,
    ).toBe(403);
    expect(
      (await api.request(`${base}/nope/import-template.xlsx`, { headers: as('editor') })).status,
    ).toBe(404);
  });
});

describe('import against the campaign’s pick lists', () => {
  it('refuses a district or sector not on the lists, naming the row and the allowed values', async () => {
    await db.db
      .update(campaign)
      .set({ districts: ['望潮区', '鹭洲区'], sectors: [] })
      .where(eq(campaign.slug, slug));
    const t = await newTrack('unit');
    const sheet = [
      '单位全称,单位负责人,负责人职务,所属地区,所属领域',
      '澄川市望潮区某局,甲,局长,望潮区,随便写',
      '澄川市鹭洲区某局,乙,局长,鹭州区,随便写',
    ].join('\n');
    const res = await upload(t.slug, sheet, { dryRun: true });
    const body = await res.json();
    const errors = body.errors ?? body.error?.details?.errors;
    expect(errors).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'district',
        reason: 'import_not_listed',
        message: expect.stringContaining('请改为其中之一：望潮区、鹭洲区'),
      }),
    ]);
    await db.db.update(campaign).set({ districts: [] }).where(eq(campaign.slug, slug));
  });
});
