import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { normaliseMonth } from '#src/schemas/candidate-input.ts';
import {
  decodeCsvText,
  maxImportRows,
  parseCandidateCells,
  parseCandidateSheet,
  sheetFormatOf,
  xlsxContentType,
  type Cell,
} from '#src/domain/candidates/parse-candidate-sheet.ts';
import { importTemplateHeader } from '#src/domain/candidates/get-import-template.ts';
import { isDomainError } from '#src/domain/errors.ts';
import { encodeGb18030 } from '../fixtures/import/encode-gb18030.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/import', name)));

const header = [
  '姓名',
  '性别',
  '民族',
  '出生年月',
  '籍贯',
  '政治面貌',
  '参加工作时间',
  '学历',
  '现任职务',
  '工作单位',
];
const personRow = (name: string, overrides: Record<number, Cell> = {}): Cell[] => {
  const row: Cell[] = [
    name,
    '女',
    '汉族',
    '1981-04',
    '江苏澄川',
    '中共党员',
    '2004-07',
    '大学',
    '局长',
    '某局',
  ];
  for (const [i, v] of Object.entries(overrides)) row[Number(i)] = v;
  return row;
};

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isDomainError(e) ? e.reason : 'not a domain error';
  }
  return undefined;
}

describe('sheetFormatOf', () => {
  const csv = new TextEncoder().encode('姓名\n张三\n');
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]);
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]);

  it.each([
    'text/csv',
    'text/csv; charset=utf-8',
    'application/csv',
    'text/plain',
    'application/vnd.ms-excel',
  ])('reads %s as CSV', (type) => expect(sheetFormatOf(type, csv)).toBe('csv'));

  it('reads an XLSX by its type and its zip signature, whatever the label says', () => {
    expect(sheetFormatOf(xlsxContentType, zip)).toBe('xlsx');
    expect(sheetFormatOf('application/vnd.ms-excel', zip)).toBe('xlsx');
  });

  it('refuses other types, legacy .xls and an "xlsx" that is not a zip', () => {
    expect(reasonOf(() => sheetFormatOf('application/json', csv))).toBe('import_unsupported_type');
    expect(reasonOf(() => sheetFormatOf(undefined, csv))).toBe('import_unsupported_type');
    expect(reasonOf(() => sheetFormatOf('application/vnd.ms-excel', ole))).toBe(
      'import_legacy_xls',
    );
    expect(reasonOf(() => sheetFormatOf(xlsxContentType, csv))).toBe('import_malformed');
  });
});

describe('decodeCsvText', () => {
  const text = '姓名,性别\n林晓岚,女\n';

  it('reads UTF-8 with and without a BOM', () => {
    const bytes = new TextEncoder().encode(text);
    expect(decodeCsvText(bytes)).toBe(text);
    expect(decodeCsvText(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toBe(text);
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    const gb = encodeGb18030(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
    expect(decodeCsvText(gb)).toBe(text);
  });

  it('reads GB18030 with its BOM, and UTF-16 LE with its BOM', () => {
    expect(decodeCsvText(new Uint8Array([0x84, 0x31, 0x95, 0x33, ...encodeGb18030(text)]))).toBe(
      text,
    );
    const utf16 = Buffer.from('\uFEFF' + text, 'utf16le');
    expect(decodeCsvText(new Uint8Array(utf16))).toBe(text);
  });
});

describe('normaliseMonth', () => {
  it.each([
    ['1975-03', '1975-03'],
    ['1975-3', '1975-03'],
    ['1975.03', '1975-03'],
    ['1975.3', '1975-03'],
    ['1975/3', '1975-03'],
    ['1975年3月', '1975-03'],
    ['1975年10月', '1975-10'],
    ['197503', '1975-03'],
    ['1975-03-12', '1975-03'],
    [' 1975.11 ', '1975-11'],
  ])('%j → %j', (given, month) => expect(normaliseMonth(given)).toBe(month));

  it('leaves what it does not recognise as written, for the error message', () => {
    expect(normaliseMonth('三月')).toBe('三月');
    expect(normaliseMonth('1975')).toBe('1975');
  });
});

describe('parseCandidateCells', () => {
  it('reads rows by Chinese labels, keys or starred labels, in any column order', () => {
    const sheet = parseCandidateCells(
      [
        ['workStarted', ...header.filter((h) => h !== '参加工作时间').map((h) => `${h}*`)],
        ['2004-07', ...personRow('林晓岚').filter((_, i) => i !== 6)],
      ],
      'individual',
    );
    expect(sheet.errors).toEqual([]);
    expect(sheet.valid).toHaveLength(1);
    expect(sheet.valid[0]).toMatchObject({
      row: 2,
      status: 'nominated',
      input: { name: '林晓岚', workStarted: '2004-07', birth: '1981-04' },
    });
  });

  it('names the row and field of each problem, with spreadsheet row numbers', () => {
    const sheet = parseCandidateCells(
      [
        header,
        personRow('甲'),
        [],
        personRow('乙', { 3: '1981-13' }),
        personRow('丙', { 1: '男性', 2: '' }),
      ],
      'individual',
    );
    expect(sheet.rows).toBe(3);
    expect(sheet.valid.map((r) => r.row)).toEqual([2]);
    expect(sheet.errors.map((e) => [e.row, e.field, e.reason])).toEqual([
      [4, 'birth', 'import_bad_month'],
      [5, 'sex', 'import_bad_sex'],
      [5, 'ethnicity', 'import_missing_field'],
    ]);
    expect(sheet.errors[0]!.params).toMatchObject({ label: '出生年月', value: '1981-13' });
  });

  it('reports a missing required column on every row', () => {
    const sheet = parseCandidateCells(
      [header.filter((h) => h !== '民族'), personRow('甲').filter((_, i) => i !== 2)],
      'individual',
    );
    expect(sheet.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'ethnicity', reason: 'import_missing_field' }),
    ]);
  });

  it('warns about an unknown column and about a column of the other kind, and goes on', () => {
    const sheet = parseCandidateCells(
      [
        ['单位全称', '单位负责人', '负责人职务', '备注', '性别'],
        ['某局', '张三', '局长', '随便写', '男'],
      ],
      'unit',
    );
    expect(sheet.errors).toEqual([]);
    expect(sheet.valid).toHaveLength(1);
    expect(sheet.warnings.map((w) => [w.row, w.field, w.reason])).toEqual([
      [1, '备注', 'import_unknown_column'],
      [1, '性别', 'import_column_not_for_kind'],
    ]);
    expect(sheet.valid[0]!.input).not.toHaveProperty('sex');
  });

  it('says once, first, that a sheet of the other kind was given, rather than a missing field per row', () => {
    const sheet = parseCandidateCells(
      [header, personRow('甲'), personRow('乙'), personRow('丙')],
      'unit',
    );
    expect(sheet.valid).toEqual([]);
    expect(sheet.errors).toHaveLength(1);
    expect(sheet.errors[0]).toMatchObject({
      row: 1,
      reason: 'import_wrong_kind',
      params: { kind: 'unit', missing: expect.arrayContaining(['单位负责人']) },
    });
    expect((sheet.errors[0]!.params.columns as string[]).length).toBeGreaterThan(0);
  });

  it('refuses a column given twice', () => {
    const sheet = parseCandidateCells(
      [
        ['单位全称', '姓名', '单位负责人', '负责人职务'],
        ['某局', '某局', '张三', '局长'],
      ],
      'unit',
    );
    expect(sheet.errors[0]).toMatchObject({
      row: 1,
      field: 'name',
      reason: 'import_duplicate_column',
    });
  });

  it('finds numbers and name + organisation given twice in the file', () => {
    const sheet = parseCandidateCells(
      [
        ['编号', ...header],
        [7, ...personRow('甲')],
        ['7', ...personRow('乙')],
        ['', ...personRow(' 甲 ')],
        ['', ...personRow('甲', { 9: '另一局' })],
      ],
      'individual',
    );
    expect(sheet.errors.map((e) => [e.row, e.field, e.reason])).toEqual([
      [3, 'number', 'import_duplicate_number_in_file'],
      [4, 'name', 'import_duplicate_name_in_file'],
    ]);
    // Same name in another organisation is another person.
    expect(sheet.valid.map((r) => r.row)).toEqual([2, 5]);
  });

  it('reads the status column: nominated or shortlisted only', () => {
    const sheet = parseCandidateCells(
      [
        ['单位全称', '单位负责人', '负责人职务', '状态'],
        ['甲局', '张三', '局长', '入围'],
        ['乙局', '李四', '局长', ''],
        ['丙局', '王五', '局长', 'shortlisted'],
        ['丁局', '赵六', '局长', '当选'],
      ],
      'unit',
    );
    expect(sheet.valid.map((r) => r.status)).toEqual(['shortlisted', 'nominated', 'shortlisted']);
    expect(sheet.errors).toEqual([
      expect.objectContaining({ row: 5, field: 'status', reason: 'import_bad_status' }),
    ]);
  });

  it('refuses a bad number and an over-long summary', () => {
    const sheet = parseCandidateCells(
      [
        ['编号', '单位全称', '单位负责人', '负责人职务', '事迹摘要'],
        ['0', '甲局', '张三', '局长', ''],
        ['x1', '乙局', '张三', '局长', ''],
        ['', '丙局', '张三', '局长', '字'.repeat(81)],
      ],
      'unit',
    );
    expect(sheet.errors.map((e) => [e.row, e.field, e.reason])).toEqual([
      [2, 'number', 'import_bad_number'],
      [3, 'number', 'import_bad_number'],
      [4, 'summary', 'import_too_long'],
    ]);
    expect(sheet.errors[2]!.params.max).toBe(80);
  });

  it(`refuses more than ${maxImportRows} rows as a whole`, () => {
    const rows = Array.from({ length: maxImportRows + 1 }, (_, i) => [`局${i}`, '张三', '局长']);
    const sheet = parseCandidateCells([['单位全称', '单位负责人', '负责人职务'], ...rows], 'unit');
    expect(sheet.valid).toEqual([]);
    expect(sheet.errors).toEqual([
      expect.objectContaining({ row: null, field: null, reason: 'import_too_many_rows' }),
    ]);
    const atLimit = parseCandidateCells(
      [['单位全称', '单位负责人', '负责人职务'], ...rows.slice(0, maxImportRows)],
      'unit',
    );
    expect(atLimit.valid).toHaveLength(maxImportRows);
  });

  it('refuses an empty sheet and a header without rows', () => {
    expect(reasonOf(() => parseCandidateCells([], 'unit'))).toBe('import_empty');
    expect(reasonOf(() => parseCandidateCells([[null, ''], []], 'unit'))).toBe('import_empty');
    expect(reasonOf(() => parseCandidateCells([['单位全称'], ['', null]], 'unit'))).toBe(
      'import_no_rows',
    );
  });
});

describe('parseCandidateSheet: files', () => {
  it('reads the CSV fixture with a quoted multi-line cell and finds its one bad row', async () => {
    const sheet = await parseCandidateSheet(
      fixture('individuals-one-bad-row.csv'),
      'csv',
      'individual',
    );
    expect(sheet.rows).toBe(3);
    expect(sheet.errors.map((e) => [e.row, e.field, e.reason])).toEqual([
      [3, 'birth', 'import_bad_month'],
    ]);
    expect(sheet.warnings.map((w) => w.field)).toEqual(['备注']);
    expect(sheet.valid[0]!.input.deeds).toBe('## 防汛一线\n\n连续 **40 天**驻守堤防。');
    expect(sheet.valid[1]!.input.birth).toBe('1986-09');
  });

  it('reads the same file saved as GB18030 by a Chinese Excel', async () => {
    const text = new TextDecoder().decode(fixture('individuals-fixed.csv'));
    const sheet = await parseCandidateSheet(encodeGb18030(text), 'csv', 'individual');
    expect(sheet.errors).toEqual([]);
    expect(sheet.valid.map((r) => r.input.name)).toEqual(['林晓岚', '顾明远', '沈佳怡']);
  });

  it('reads an XLSX, with months as dates, numbers and text', async () => {
    const bytes = await writeXlsxFile(
      [
        [...header, '入党时间'],
        personRow('林晓岚', { 3: new Date(Date.UTC(1981, 3, 1)) }).concat(['2003.06']),
        personRow('顾明远', { 3: 1979.11 }).concat([null]),
        personRow('沈佳怡', { 3: 1986.1 }).concat([null]),
      ] as never,
      { dateFormat: 'yyyy-mm' },
    ).toBuffer();
    const sheet = await parseCandidateSheet(new Uint8Array(bytes), 'xlsx', 'individual');
    expect(sheet.valid.map((r) => [r.input.name, r.input.birth])).toEqual([
      ['林晓岚', '1981-04'],
      ['顾明远', '1979-11'],
    ]);
    expect(sheet.valid[0]!.input.partyJoined).toBe('2003-06');
    // 1986.1 may have been typed as 1986.10: asked, not guessed.
    expect(sheet.errors).toEqual([
      expect.objectContaining({ row: 4, field: 'birth', reason: 'import_month_ambiguous' }),
    ]);
  });

  it('reads back its own templates as a header with no rows', async () => {
    const bytes = await writeXlsxFile([importTemplateHeader('unit')]).toBuffer();
    await expect(parseCandidateSheet(new Uint8Array(bytes), 'xlsx', 'unit')).rejects.toMatchObject({
      reason: 'import_no_rows',
    });
    const withRow = await writeXlsxFile([
      importTemplateHeader('individual'),
      ['', ...personRow('林晓岚').slice(0, 1)],
    ]).toBuffer();
    const sheet = await parseCandidateSheet(new Uint8Array(withRow), 'xlsx', 'individual');
    expect(sheet.warnings).toEqual([]);
  });

  it('refuses a damaged XLSX and a CSV with an unclosed quote', async () => {
    const damaged = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    await expect(parseCandidateSheet(damaged, 'xlsx', 'unit')).rejects.toMatchObject({
      reason: 'import_malformed',
    });
    const csv = new TextEncoder().encode('单位全称,单位负责人\n"某局,张三\n');
    await expect(parseCandidateSheet(csv, 'csv', 'unit')).rejects.toMatchObject({
      reason: 'import_malformed',
    });
  });
});
