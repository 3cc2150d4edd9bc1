import { candidate, notice, report, reportHandling } from '#src/db/schema/index.ts';
import type { ReportFinding, ReportStatus } from '#src/schemas/enums.ts';

/** What a supervisor sees of one report. Device and address hashes stay in the database. */
export interface ReportView {
  id: number;
  reference: string;
  notice: { slug: string; serial: string; title: string };
  /** The entry concerned; null for the notice as a whole. */
  candidate: { id: number; name: string } | null;
  content: string;
  reporterName: string | null;
  reporterPhone: string | null;
  receivedAt: Date;
  status: ReportStatus;
  /** Set once a supervisor takes the report up. */
  verifyingSince: Date | null;
  finding: ReportFinding | null;
  actionTaken: string | null;
  reply: string | null;
  concludedAt: Date | null;
}

/** The columns a ReportView is built from; shared by the list and the single read. */
export const reportViewColumns = {
  id: report.id,
  reference: report.reference,
  noticeSlug: notice.slug,
  noticeSerial: notice.serial,
  noticeTitle: notice.title,
  candidateId: candidate.id,
  candidateName: candidate.name,
  content: report.content,
  reporterName: report.reporterName,
  reporterPhone: report.reporterPhone,
  createdAt: report.createdAt,
  handlingStatus: reportHandling.status,
  verifyingSince: reportHandling.verifyingSince,
  finding: reportHandling.finding,
  actionTaken: reportHandling.actionTaken,
  reply: reportHandling.reply,
  concludedAt: reportHandling.concludedAt,
};

type ReportViewRow = {
  id: number;
  reference: string;
  noticeSlug: string;
  noticeSerial: string;
  noticeTitle: string;
  candidateId: number | null;
  candidateName: string | null;
  content: string;
  reporterName: string | null;
  reporterPhone: string | null;
  createdAt: Date;
  handlingStatus: 'verifying' | 'concluded' | null;
  verifyingSince: Date | null;
  finding: ReportFinding | null;
  actionTaken: string | null;
  reply: string | null;
  concludedAt: Date | null;
};

export function toReportView(row: ReportViewRow): ReportView {
  return {
    id: row.id,
    reference: row.reference,
    notice: { slug: row.noticeSlug, serial: row.noticeSerial, title: row.noticeTitle },
    candidate:
      row.candidateId === null ? null : { id: row.candidateId, name: row.candidateName ?? '' },
    content: row.content,
    reporterName: row.reporterName,
    reporterPhone: row.reporterPhone,
    receivedAt: row.createdAt,
    status: row.handlingStatus ?? 'received',
    verifyingSince: row.verifyingSince,
    finding: row.finding,
    actionTaken: row.actionTaken,
    reply: row.reply,
    concludedAt: row.concludedAt,
  };
}
