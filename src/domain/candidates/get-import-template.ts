import writeXlsxFile from 'write-excel-file/node';
import type { Db } from '../../db/client.ts';
import {
  candidateFieldsFor,
  fieldLabel,
  importStatusColumn,
  isFieldRequired,
} from '../../schemas/candidate-input.ts';
import type { TrackKind } from '../../schemas/enums.ts';
import { findCampaignTrack } from './find-candidate-track.ts';
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

/** An empty import sheet for one track, as XLSX or as CSV. */
export async function getImportTemplate(
  db: Db,
  input: { campaignSlug: string; trackSlug: string; format: SheetFormat },
): Promise<ImportTemplate> {
  const { campaign: c, track: t } = await findCampaignTrack(
    db,
    input.campaignSlug,
    input.trackSlug,
  );
  const header = importTemplateHeader(t.kind);
  const filename = `candidates-${c.slug}-${t.slug}.${input.format}`;
  if (input.format === 'csv') {
    // The BOM makes Excel on Windows open the file as UTF-8 instead of the local code page.
    const text = '\uFEFF' + header.map(csvCell).join(',') + '\r\n';
    return {
      filename,
      contentType: 'text/csv; charset=utf-8',
      bytes: new TextEncoder().encode(text),
    };
  }
  const buffer = await writeXlsxFile(
    [header.map((value) => ({ value, fontWeight: 'bold' as const }))],
    {
      columns: header.map((h) => ({ width: Math.max(10, h.length * 2 + 2) })),
      stickyRowsCount: 1,
    },
  ).toBuffer();
  return { filename, contentType: xlsxContentType, bytes: Uint8Array.from(buffer) };
}
