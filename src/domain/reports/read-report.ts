import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate, notice, report, reportHandling } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { reportViewColumns, toReportView, type ReportView } from './report-view.ts';

/**
 * One report for a supervisor, with its `report.read` audit entry written in the same
 * transaction as the read. Asking for an id that does not exist is recorded too: probing is a
 * read attempt.
 */
export async function readReport(
  db: Db,
  input: { id: number; actorId: number; now: Date },
): Promise<ReportView> {
  // A miss is thrown after the commit: throwing inside would roll the audit entry back.
  const view = await db.transaction(async (tx) => {
    const [row] = await tx
      .select(reportViewColumns)
      .from(report)
      .innerJoin(notice, eq(notice.id, report.noticeId))
      .leftJoin(candidate, eq(candidate.id, report.candidateId))
      .leftJoin(reportHandling, eq(reportHandling.reportId, report.id))
      .where(eq(report.id, input.id));
    await recordAuditEntry(tx, input, {
      action: 'report.read',
      entityType: 'report',
      entityId: input.id,
      after: { ids: row ? [row.id] : [] },
    });
    return row ? toReportView(row) : null;
  });
  if (!view) throw new DomainError('not_found', 'report_not_found', { id: input.id });
  return view;
}
