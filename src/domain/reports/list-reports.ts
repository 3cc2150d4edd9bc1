import { and, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate, notice, report, reportHandling } from '#src/db/schema/index.ts';
import type { ReportQuery } from '#src/schemas/report.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { reportViewColumns, toReportView, type ReportView } from './report-view.ts';

export interface ListReportsInput extends Omit<ReportQuery, 'limit'> {
  limit: number;
  /** The supervisor reading; every read is attributed. */
  actorId: number;
  now: Date;
}

/**
 * Reports, newest first, a page at a time (keyset on the id). Reporters' names, phones and
 * words are personal data: the read and its audit entry (`report.read`, with every id listed)
 * happen in one transaction, so nothing is shown that the log does not record.
 */
export async function listReports(
  db: Db,
  input: ListReportsInput,
): Promise<{ reports: ReportView[]; nextBefore: number | null }> {
  return db.transaction(async (tx) => {
    const where: SQL[] = [];
    if (input.notice) {
      const found = await tx.query.notice.findFirst({
        where: eq(notice.slug, input.notice),
        columns: { id: true },
      });
      if (!found)
        throw new DomainError('not_found', 'report_notice_not_found', {
          notice: input.notice,
        });
      where.push(eq(report.noticeId, found.id));
    }
    if (input.from) where.push(gte(report.createdAt, new Date(input.from)));
    if (input.to) where.push(lt(report.createdAt, new Date(input.to)));
    if (input.before) where.push(lt(report.id, input.before));
    if (input.status === 'received') where.push(isNull(reportHandling.status));
    else if (input.status) where.push(eq(reportHandling.status, input.status));
    const rows = await tx
      .select(reportViewColumns)
      .from(report)
      .innerJoin(notice, eq(notice.id, report.noticeId))
      .leftJoin(candidate, eq(candidate.id, report.candidateId))
      .leftJoin(reportHandling, eq(reportHandling.reportId, report.id))
      .where(and(...where))
      .orderBy(desc(report.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const ids = page.map((r) => r.id);
    await recordAuditEntry(tx, input, {
      action: 'report.read',
      entityType: 'report',
      entityId: input.notice ?? 'all',
      after: {
        ids,
        filter: {
          notice: input.notice ?? null,
          status: input.status ?? null,
          from: input.from ?? null,
          to: input.to ?? null,
          before: input.before ?? null,
        },
      },
    });
    return {
      reports: page.map(toReportView),
      nextBefore: rows.length > input.limit ? page[page.length - 1]!.id : null,
    };
  });
}
