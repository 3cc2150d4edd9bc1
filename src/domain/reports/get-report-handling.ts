import { eq } from 'drizzle-orm';
import type { Tx } from '#src/db/client.ts';
import { report, reportHandling } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';

/**
 * A report's reference and where its handling stands (null: received, not yet taken up), read
 * inside the transaction that moves it on; an unknown id is a 404.
 */
export async function getReportHandling(
  tx: Tx,
  id: number,
): Promise<{ reference: string; status: 'verifying' | 'concluded' | null }> {
  const [row] = await tx
    .select({ reference: report.reference, status: reportHandling.status })
    .from(report)
    .leftJoin(reportHandling, eq(reportHandling.reportId, report.id))
    .where(eq(report.id, id));
  if (!row) throw new DomainError('not_found', 'report_not_found', { id });
  return row;
}
