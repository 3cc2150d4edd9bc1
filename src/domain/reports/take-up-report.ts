import type { Db } from '#src/db/client.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { reportHandling } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { getReportHandling } from './get-report-handling.ts';

/**
 * A supervisor takes a received report up: its status becomes 验证中 (verifying), for the
 * reporter too. Audited as `report.verify`. A report already taken up or concluded is refused
 * (409); the database holds the order as well (migration 0018).
 */
export async function takeUpReport(
  db: Db,
  input: { id: number; actorId: number; now: Date },
): Promise<{ id: number; status: 'verifying'; verifyingSince: Date }> {
  try {
    return await takeUp(db, input);
  } catch (e) {
    // Two supervisors at once, in two processes: the second finds the row the first wrote.
    if (databaseErrorMentions(e, 'a report is taken up once', 'report_handling.report_id')) {
      throw new DomainError('conflict', 'report_already_taken_up', { status: 'verifying' });
    }
    throw e;
  }
}

function takeUp(db: Db, input: { id: number; actorId: number; now: Date }) {
  return db.transaction(async (tx) => {
    const row = await getReportHandling(tx, input.id);
    if (row.status !== null) {
      throw new DomainError('conflict', 'report_already_taken_up', { status: row.status });
    }
    await tx.insert(reportHandling).values({
      reportId: input.id,
      status: 'verifying',
      verifyingSince: input.now,
    });
    await recordAuditEntry(tx, input, {
      action: 'report.verify',
      entityType: 'report',
      entityId: input.id,
      before: { status: 'received' },
      after: { status: 'verifying', reference: row.reference },
    });
    return { id: input.id, status: 'verifying' as const, verifyingSince: input.now };
  });
}
