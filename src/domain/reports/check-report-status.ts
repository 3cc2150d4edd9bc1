import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { notice, report, reportHandling } from '#src/db/schema/index.ts';
import type { ReportFinding, ReportStatus } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';
import { hashReportCheckCode } from './make-report-reference.ts';

/** What a reporter sees of their own report: never the text, the name or the phone. */
export interface ReportStatusView {
  reference: string;
  notice: { slug: string; serial: string; title: string };
  status: ReportStatus;
  receivedAt: Date;
  verifyingSince: Date | null;
  concludedAt: Date | null;
  finding: ReportFinding | null;
  reply: string | null;
}

/**
 * The status of a report for whoever holds both its reference and its check code. A wrong code,
 * an unknown reference and a report without a check code all get the same 404, so the answer
 * says nothing about which references exist.
 */
export async function checkReportStatus(
  db: Db,
  input: { reference: string; checkCode: string },
): Promise<ReportStatusView> {
  const [row] = await db
    .select({
      reference: report.reference,
      checkCodeHash: report.checkCodeHash,
      createdAt: report.createdAt,
      noticeSlug: notice.slug,
      noticeSerial: notice.serial,
      noticeTitle: notice.title,
      status: reportHandling.status,
      verifyingSince: reportHandling.verifyingSince,
      concludedAt: reportHandling.concludedAt,
      finding: reportHandling.finding,
      reply: reportHandling.reply,
    })
    .from(report)
    .innerJoin(notice, eq(notice.id, report.noticeId))
    .leftJoin(reportHandling, eq(reportHandling.reportId, report.id))
    .where(eq(report.reference, input.reference));
  const given = Buffer.from(hashReportCheckCode(input.checkCode));
  const kept = Buffer.from(row?.checkCodeHash ?? hashReportCheckCode(''));
  if (!row || row.checkCodeHash === null || !timingSafeEqual(given, kept)) {
    throw new DomainError('not_found', 'report_status_not_found');
  }
  const concluded = row.status === 'concluded';
  return {
    reference: row.reference,
    notice: { slug: row.noticeSlug, serial: row.noticeSerial, title: row.noticeTitle },
    status: row.status ?? 'received',
    receivedAt: row.createdAt,
    verifyingSince: row.verifyingSince,
    concludedAt: row.concludedAt,
    finding: concluded ? row.finding : null,
    reply: concluded ? row.reply : null,
  };
}
