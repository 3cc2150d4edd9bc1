import { createHash, randomInt } from 'node:crypto';

/**
 * Symbols a reporter can read out over the phone or copy by hand without doubt: no 0/O, 1/I/L,
 * and no U (which reads as V in some hands).
 */
const alphabet = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `JB-2026-7K3Q9M`: 举报, the year of the report's local day, six random symbols (~29 bits). */
export function makeReportReference(year: string): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += alphabet[randomInt(alphabet.length)];
  return `JB-${year}-${code}`;
}

export const reportReferencePattern = /^JB-\d{4}-[2-9A-HJKMNP-TV-Z]{6}$/;

/**
 * The check code handed out with the reference: eight symbols (~39 bits) that the reporter keeps
 * apart from it. The reference alone opens nothing; the two together show the status and reply.
 */
export function makeReportCheckCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

export const reportCheckCodePattern = /^[2-9A-HJKMNP-TV-Z]{8}$/;

/** What the database keeps of a check code. */
export function hashReportCheckCode(code: string): string {
  return createHash('sha256').update(`report-check-code:${code}`).digest('hex');
}
