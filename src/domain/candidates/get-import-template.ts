import writeXlsxFile from 'write-excel-file/node';
import type { Db } from '#src/db/client.ts';
import {
  candidateFieldsFor,
  fieldLabel,
  importStatusColumn,
  isFieldRequired,
} from '#src/schemas/candidate-input.ts';
import type { TrackKind } from '#src/schemas/enums.ts';
import { getCampaignTrack } from './get-campaign-track.ts';
import { exampleRowStatus, importTemplateNotes } from './import-example.ts';
import { xlsxContentType, type SheetFormat } from './parse-candidate-sheet.ts';

export interface ImportTemplate {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The header row of the track's kind. Required columns carry a `*`, which the import ignores,
 * so staff can see what they must fill in without a separate instruction sheet.
 */
export function importTemplateHeader(kind: TrackKind): string[] {
  return [
    ...candidateFieldsFor(kind).map(
      (f) => fieldLabel(f, kind) + (isFieldRequired(f, kind) ? '*' : ''),
    ),
    importStatusColumn.label,
  ];
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One filled-in row of the kind, in the forms personnel files use, marked as the example. */
const exampleValues: Record<TrackKind, Record<string, string>> = {
  individual: {
    name: '（示例）张某某',
    sex: '男',
    ethnicity: '汉族',
    birth: '1982.06',
    nativePlace: '江苏澄川',
    politicalAffiliation: '中共党员',
    partyJoined: '2004年5月',
    workStarted: '2005-07',
    education: '大学',
    degree: '工学学士',
    organisation: '澄川市某某局',
    currentPost: '澄川市某某局副局长',
    summary: '一句话概括主要事迹，30 字左右。',
    deeds: '## 小标题\n\n先进事迹正文，空一行分段。',
    cv: '2005.07—2012.03 澄川市某某局科员\n2012.03— 澄川市某某局副局长',
  },
  unit: {
    name: '（示例）澄川市某某局',
    headName: '李某某',
    headTitle: '党组书记、局长',
    summary: '一句话概括主要事迹，30 字左右。',
    deeds: '## 小标题\n\n先进事迹正文，空一行分段。',
  },
};

/** The example row under the header, in the template's columns. */
function exampleRow(kind: TrackKind): string[] {
  const values = exampleValues[kind];
  return [...candidateFieldsFor(kind).map((f) => values[f.key] ?? ''), exampleRowStatus];
}

/** An import sheet for one track, with its example row, as XLSX (with notes) or as CSV. */
export async function getImportTemplate(
  db: Db,
  input: { campaignSlug: string; trackSlug: string; format: SheetFormat },
): Promise<ImportTemplate> {
  const { campaign: c, track: t } = await getCampaignTrack(db, input.campaignSlug, input.trackSlug);
  const header = importTemplateHeader(t.kind);
  const example = exampleRow(t.kind);
  const filename = `candidates-${c.slug}-${t.slug}.${input.format}`;
  if (input.format === 'csv') {
    // The BOM makes Excel on Windows open the file as UTF-8 instead of the local code page.
    const text =
      '\uFEFF' + [header, example].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
    return {
      filename,
      contentType: 'text/csv; charset=utf-8',
      bytes: new TextEncoder().encode(text),
    };
  }
  const buffer = await writeXlsxFile([
    {
      sheet: '候选对象',
      data: [
        header.map((value) => ({ value, fontWeight: 'bold' as const })),
        example.map((value) => ({ value, wrap: true, color: '#666666' })),
      ],
      columns: header.map((h) => ({ width: Math.max(10, h.length * 2 + 2) })),
      stickyRowsCount: 1,
    },
    {
      sheet: '填写说明',
      data: importTemplateNotes.map((value, i) => [
        { value, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) },
      ]),
      columns: [{ width: 120 }],
    },
  ]).toBuffer();
  return { filename, contentType: xlsxContentType, bytes: Uint8Array.from(buffer) };
}
