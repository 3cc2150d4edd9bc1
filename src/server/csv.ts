/**
 * CSV downloads (the audit log, a notice's entries, a campaign's results): UTF-8 with a BOM, so
 * that spreadsheet programs in Chinese locales read them as UTF-8, and CRLF line ends.
 */

/**
 * A spreadsheet cell: quoted, and a leading = + - @ defused so that opening the export in a
 * spreadsheet never runs a formula somebody typed into a form (CSV injection).
 */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** The file: the column names as they are, then one line of cells per row. */
export function csvFile(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.join(','), ...rows.map((cells) => cells.map(csvCell).join(','))];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Response headers for a CSV download named `filename`. */
export function csvHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  };
}
