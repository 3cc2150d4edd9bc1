import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { reportHandling } from '#src/db/schema/index.ts';
import type { ReportFinding } from '#src/schemas/enums.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { getReportHandling } from './get-report-handling.ts';

export interface ConcludeReportInput {
  id: number;
  finding: ReportFinding;
  /** What was done about it; for the record, never shown to the reporter. */
  actionTaken: string;
  /** The answer the reporter reads. */
  reply: string;
  actorId: number;
  now: Date;
}

/**
 * Concludes a report being verified: the finding (属实 / 部分属实 / 不属实 / 无法核实), what was
 * done, and the reply the reporter reads with the reference and check code. Final: a concluded
 * report is refused (409), and the database refuses any change to it (migration 0018). A report
 * not yet taken up is refused too: it is verified before it is concluded. Audited as
 * `report.conclude` with the finding and the texts' lengths, never the texts themselves.
 */
export async function concludeReport(
  db: Db,
  input: ConcludeReportInput,
): Promise<{ id: number; status: 'concluded'; concludedAt: Date }> {
  return db.transaction(async (tx) => {
    const row = await getReportHandling(tx, input.id);
    if (row.status === null) throw new DomainError('conflict', 'report_not_taken_up');
    if (row.status === 'concluded') throw new DomainError('conflict', 'report_already_concluded');
    const updated = await tx
      .update(reportHandling)
      .set({
        status: 'concluded',
        finding: input.finding,
        actionTaken: input.actionTaken,
        reply: input.reply,
        concludedAt: input.now,
      })
      .where(and(eq(reportHandling.reportId, input.id), eq(reportHandling.status, 'verifying')))
      .returning({ id: reportHandling.reportId });
    // Another supervisor concluded it in the meantime (another process).
    if (updated.length === 0) throw new DomainError('conflict', 'report_already_concluded');
    await recordAuditEntry(tx, input, {
      action: 'report.conclude',
      entityType: 'report',
      entityId: input.id,
      before: { status: 'verifying' },
      // The texts stay with the report, for supervisors: the log, which admins and auditors
      // read, records that they were written and how long they are.
      after: {
        status: 'concluded',
        reference: row.reference,
        finding: input.finding,
        actionTakenChars: [...input.actionTaken].length,
        replyChars: [...input.reply].length,
      },
    });
    return { id: input.id, status: 'concluded', concludedAt: input.now };
  });
}
