import { parse as parseCsv } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/universal';
import {
  candidateFields,
  candidateInputSchemaFor,
  fieldLabel,
  importableStatuses,
  importStatusColumn,
  isFieldRequired,
  normaliseMonth,
  type CandidateFieldKey,
  type ImportableStatus,
} from '#src/schemas/candidate-input.ts';
import type { TrackKind } from '#src/schemas/enums.ts';
import { exampleRowStatus } from './import-example.ts';
import { DomainError } from '../errors.ts';
import { unpackXlsxArchive } from './unpack-xlsx-archive.ts';

/**
 * Reads a spreadsheet of candidates (CSV or XLSX) into validated rows and row-level problems.
 * No database here: duplicates against the track are the import verb's job. Row numbers are
 * the spreadsheet's own (the header is row 1), so staff find the row where Excel shows it.
 */

export type SheetFormat = 'csv' | 'xlsx';
export type Cell = string | number | boolean | Date | null | undefined;

export const maxImportRows = 500;
/**
 * The template has about 25 columns; a header of thousands is not a candidate list (a 270,000-
 * column header would otherwise have made as many warnings).
 */
const maxImportColumns = 200;

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csvContentTypes = new Set([
  'text/csv',
  'application/csv',
  'text/plain',
  // What browsers on Windows send for a .csv file when Excel is installed.
  'application/vnd.ms-excel',
]);

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const oleMagic = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * The format of an upload, from its Content-Type and its first bytes: the bytes win, because
 * browsers label files by extension and Windows labels CSV as Excel.
 */
export function sheetFormatOf(contentType: string | undefined, bytes: Uint8Array): SheetFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const known = type === xlsxContentType || csvContentTypes.has(type);
  if (!known) throw new DomainError('invalid_request', 'import_unsupported_type', { type });
  if (startsWith(bytes, oleMagic)) throw new DomainError('invalid_request', 'import_legacy_xls');
  if (startsWith(bytes, zipMagic)) return 'xlsx';
  if (type === xlsxContentType) throw new DomainError('invalid_request', 'import_malformed');
  return 'csv';
}

const utf8Bom = [0xef, 0xbb, 0xbf];
const gb18030Bom = [0x84, 0x31, 0x95, 0x33];
const utf16LeBom = [0xff, 0xfe];

/**
 * Text of a CSV file. UTF-8 (with or without BOM) is tried first and strictly: GB18030 bytes
 * are almost never valid UTF-8, so a decoding failure means the file came from a Chinese
 * Windows Excel, which saves CSV in GB18030 (GBK). Excel's "Unicode text" is UTF-16 LE.
 */
export function decodeCsvText(bytes: Uint8Array): string {
  if (startsWith(bytes, utf8Bom)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, gb18030Bom)) return new TextDecoder('gb18030').decode(bytes.subarray(4));
  if (startsWith(bytes, utf16LeBom)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Comma unless the header line has tabs and no commas (Excel's "Unicode text"). */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/** Cells of the first line that has any, counting delimiters outside quotes. */
function countHeaderColumns(text: string, delimiter: string): number {
  let columns = 1;
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) return columns;
      columns = 1;
    } else if (!quoted && ch === delimiter) {
      columns++;
      seen = true;
    } else seen = true;
  }
  return columns;
}

/**
 * The cells of the first sheet, rows in order, empty rows kept so row numbers stay true. An
 * XLSX is checked and unpacked by unpackXlsxArchive first: the reader only ever sees entries
 * stored uncompressed, whose sizes were checked.
 */
async function readSheetCells(bytes: Uint8Array, format: SheetFormat): Promise<Cell[][]> {
  if (format === 'xlsx') {
    const checked = unpackXlsxArchive(bytes);
    try {
      return (await readSheet(checked.buffer as ArrayBuffer)) as Cell[][];
    } catch {
      throw new DomainError('invalid_request', 'import_malformed');
    }
  }
  const text = decodeCsvText(bytes);
  const delimiter = delimiterOf(text);
  // Counted before parsing: a header of a quarter of a million columns costs the parser seconds.
  const headerColumns = countHeaderColumns(text, delimiter);
  if (headerColumns > maxImportColumns) {
    throw new DomainError('invalid_request', 'import_too_many_columns', {
      max: maxImportColumns,
      given: headerColumns,
    });
  }
  try {
    return parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    const line = (e as { lines?: unknown }).lines;
    throw new DomainError('invalid_request', 'import_malformed', {
      ...(typeof line === 'number' ? { line } : {}),
    });
  }
}

export interface SheetIssue {
  /** Spreadsheet row (header = 1); null for the file as a whole. */
  row: number | null;
  /** Field key, or the header text of a column that is not a field. */
  field: string | null;
  reason: string;
  params: Record<string, unknown>;
}

export interface SheetRow {
  row: number;
  input: Record<string, unknown> & { name: string; number?: number | undefined };
  status: ImportableStatus;
}

export interface ParsedSheet {
  /** Data rows seen (empty rows not counted). */
  rows: number;
  valid: SheetRow[];
  errors: SheetIssue[];
  warnings: SheetIssue[];
}

type ColumnKey = CandidateFieldKey | 'status';

/** `姓名`, `姓名*`, `姓名（必填）`, `name`: the template marks required columns, staff add notes. */
function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/[*＊]\s*$/, '')
    .trim()
    .toLowerCase();
}

function columnLookup(kind: TrackKind) {
  const own = new Map<string, ColumnKey>();
  const otherKind = new Map<string, CandidateFieldKey>();
  for (const f of candidateFields) {
    const names = [f.key, f.label, f.unitLabel].filter((n): n is string => !!n);
    for (const n of names) {
      const target = f.kinds.includes(kind) ? own : otherKind;
      target.set(n.toLowerCase(), f.key);
    }
  }
  // A unit's name column may carry the person label and vice versa: both mean the name.
  own.set(importStatusColumn.key, 'status');
  own.set(importStatusColumn.label, 'status');
  return { own, otherKind };
}

const statusWords: Record<string, ImportableStatus> = {
  nominated: 'nominated',
  推荐: 'nominated',
  已推荐: 'nominated',
  提名: 'nominated',
  shortlisted: 'shortlisted',
  入围: 'shortlisted',
  已入围: 'shortlisted',
  初审入围: 'shortlisted',
};

const monthFieldKeys = new Set<string>(
  candidateFields.filter((f) => f.type === 'month').map((f) => f.key),
);

/** A cell as the text staff meant; undefined when the cell is empty or its value is doubtful. */
function cellText(
  cell: Cell,
  key: ColumnKey,
): { text: string } | { problem: string; value: string } {
  if (cell === null || cell === undefined) return { text: '' };
  if (cell instanceof Date) {
    if (monthFieldKeys.has(key)) {
      const y = cell.getUTCFullYear();
      const mo = String(cell.getUTCMonth() + 1).padStart(2, '0');
      return { text: `${y}-${mo}` };
    }
    return { text: cell.toISOString().slice(0, 10) };
  }
  if (typeof cell === 'number') {
    const text = String(cell);
    // Excel turns a typed 1975.10 into the number 1975.1, which reads as January.
    if (monthFieldKeys.has(key) && /^\d{4}\.1$/.test(text)) {
      return { problem: 'import_month_ambiguous', value: text };
    }
    return { text: monthFieldKeys.has(key) ? normaliseMonth(text) : text };
  }
  const text = String(cell).trim();
  return { text: monthFieldKeys.has(key) ? normaliseMonth(text) : text };
}

function isEmptyRow(cells: Cell[]): boolean {
  return cells.every((c) => c === null || c === undefined || String(c).trim() === '');
}

/** Reads and checks the rows of a sheet for a track of the given kind. */
export function parseCandidateCells(cells: Cell[][], kind: TrackKind): ParsedSheet {
  const errors: SheetIssue[] = [];
  const warnings: SheetIssue[] = [];
  const headerIndex = cells.findIndex((r) => !isEmptyRow(r));
  if (headerIndex < 0) throw new DomainError('invalid_request', 'import_empty');
  const header = cells[headerIndex]!;
  const headerRow = headerIndex + 1;
  if (header.length > maxImportColumns) {
    throw new DomainError('invalid_request', 'import_too_many_columns', {
      max: maxImportColumns,
      given: header.length,
    });
  }

  const { own, otherKind } = columnLookup(kind);
  const columns = new Map<number, ColumnKey>();
  const seen = new Map<ColumnKey, number>();
  header.forEach((cell, i) => {
    const raw = cell === null || cell === undefined ? '' : String(cell).trim();
    if (raw === '') return;
    const name = normaliseHeader(raw);
    const key = own.get(name);
    if (key === undefined) {
      const other = otherKind.get(name);
      warnings.push({
        row: headerRow,
        field: raw,
        reason: other ? 'import_column_not_for_kind' : 'import_unknown_column',
        params: { column: raw, kind },
      });
      return;
    }
    if (seen.has(key)) {
      errors.push({
        row: headerRow,
        field: key,
        reason: 'import_duplicate_column',
        params: { column: raw },
      });
      return;
    }
    seen.set(key, i);
    columns.set(i, key);
  });

  const dataRows = cells
    .map((r, i) => ({ cells: r, row: i + 1 }))
    .slice(headerIndex + 1)
    .filter((r) => !isEmptyRow(r.cells));
  if (dataRows.length === 0) throw new DomainError('invalid_request', 'import_no_rows');

  // A sheet made for the other kind (a cadre list uploaded to the units' track): its columns
  // are the other kind's and this kind's required ones are missing. That is the cause, said
  // once and first, instead of "required field missing" on every row with the cause last.
  const foreign = warnings.filter((w) => w.reason === 'import_column_not_for_kind');
  const missingRequired = candidateFields.filter(
    (f) => f.kinds.includes(kind) && isFieldRequired(f, kind) && !seen.has(f.key),
  );
  if (foreign.length > 0 && missingRequired.length > 0) {
    return {
      rows: dataRows.length,
      valid: [],
      errors: [
        {
          row: headerRow,
          field: null,
          reason: 'import_wrong_kind',
          params: {
            kind,
            columns: foreign.map((w) => w.field),
            missing: missingRequired.map((f) => fieldLabel(f, kind)),
          },
        },
        ...errors,
      ],
      warnings: [],
    };
  }
  if (dataRows.length > maxImportRows) {
    errors.push({
      row: null,
      field: null,
      reason: 'import_too_many_rows',
      params: { max: maxImportRows, given: dataRows.length },
    });
    return { rows: dataRows.length, valid: [], errors, warnings };
  }
  const schema = candidateInputSchemaFor(kind);
  const labelOf = (key: string) => {
    const f = candidateFields.find((x) => x.key === key);
    return f ? fieldLabel(f, kind) : key === 'status' ? importStatusColumn.label : key;
  };

  const valid: SheetRow[] = [];
  const numbersAt = new Map<number, number>();
  const namesAt = new Map<string, number>();
  for (const { cells: rowCells, row } of dataRows) {
    const rowErrors: SheetIssue[] = [];
    const fail = (field: string, reason: string, params: Record<string, unknown> = {}) =>
      rowErrors.push({ row, field, reason, params: { label: labelOf(field), ...params } });

    // The template's example row ("状态" 示例) is never a candidate.
    const statusAt = [...columns].find(([, key]) => key === 'status')?.[0];
    const statusCell = statusAt === undefined ? null : rowCells[statusAt];
    if (typeof statusCell === 'string' && statusCell.trim() === exampleRowStatus) {
      warnings.push({ row, field: 'status', reason: 'import_example_skipped', params: {} });
      continue;
    }
    const values: Record<string, unknown> = {};
    let status: ImportableStatus = 'nominated';
    for (const [i, key] of columns) {
      const got = cellText(rowCells[i], key);
      if ('problem' in got) {
        fail(key, got.problem, { value: got.value });
        continue;
      }
      const text = got.text;
      if (key === 'status') {
        if (text === '') continue;
        const s = statusWords[text.toLowerCase()];
        if (s) status = s;
        else fail(key, 'import_bad_status', { value: text, allowed: importableStatuses });
        continue;
      }
      if (key === 'number') {
        if (text === '') continue;
        if (/^\d{1,4}$/.test(text) && Number(text) >= 1) values.number = Number(text);
        else fail(key, 'import_bad_number', { value: text });
        continue;
      }
      if (text !== '') values[key] = text;
    }

    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (rowErrors.some((e) => e.field === key)) continue;
        const given = values[key];
        if (given === undefined || issue.code === 'too_small') {
          fail(key, 'import_missing_field');
        } else if (issue.code === 'too_big') {
          fail(key, 'import_too_long', { max: issue.maximum });
        } else if (monthFieldKeys.has(key)) {
          fail(key, 'import_bad_month', { value: given });
        } else if (key === 'sex') {
          fail(key, 'import_bad_sex', { value: given });
        } else {
          fail(key, 'import_bad_value', { value: given });
        }
      }
    }

    const number = values.number as number | undefined;
    if (number !== undefined) {
      const first = numbersAt.get(number);
      if (first !== undefined) fail('number', 'import_duplicate_number_in_file', { number, first });
      else numbersAt.set(number, row);
    }
    const name = typeof values.name === 'string' ? values.name : '';
    if (name !== '') {
      const identity = candidateIdentity(name, String(values.organisation ?? ''));
      const first = namesAt.get(identity);
      if (first !== undefined) fail('name', 'import_duplicate_name_in_file', { name, first });
      else namesAt.set(identity, row);
    }

    if (rowErrors.length > 0 || !parsed.success) {
      errors.push(...rowErrors);
      continue;
    }
    valid.push({ row, input: { ...parsed.data, number }, status });
  }
  const examples = warnings.filter((w) => w.reason === 'import_example_skipped').length;
  if (examples === dataRows.length) throw new DomainError('invalid_request', 'import_no_rows');
  return { rows: dataRows.length - examples, valid, errors, warnings };
}

/** Name and organisation, ignoring spaces: the same person entered twice is a mistake. */
export function candidateIdentity(name: string, organisation: string): string {
  const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return `${squash(name)}\u0000${squash(organisation)}`;
}

/** Bytes of an upload to checked rows; the format comes from sheetFormatOf. */
export async function parseCandidateSheet(
  bytes: Uint8Array,
  format: SheetFormat,
  kind: TrackKind,
): Promise<ParsedSheet> {
  return parseCandidateCells(await readSheetCells(bytes, format), kind);
}
