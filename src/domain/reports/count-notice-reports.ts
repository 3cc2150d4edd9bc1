import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { report, reportHandling } from '#src/db/schema/index.ts';

/**
 * How many reports a notice received, and how many of them are not concluded yet (received or
 * being verified). Only numbers: the outcome of the publicity states the count, never a report.
 */
export async function countNoticeReports(
  db: Db | Tx,
  noticeId: number,
): Promise<{ received: number; open: number }> {
  const [row] = await db
    .select({
      received: sql<number>`count(*)`,
      open: sql<number>`sum(case when ${reportHandling.status} = 'concluded' then 0 else 1 end)`,
    })
    .from(report)
    .leftJoin(reportHandling, eq(reportHandling.reportId, report.id))
    .where(eq(report.noticeId, noticeId));
  return { received: Number(row?.received ?? 0), open: Number(row?.open ?? 0) };
}
