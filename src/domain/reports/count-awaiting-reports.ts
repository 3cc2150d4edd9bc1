import { sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { auditLog, report } from '#src/db/schema/index.ts';

/**
 * Reports no supervisor has seen yet. Every showing of reports is audit-logged with the ids
 * shown (list-reports.ts: `after.ids`; read-report.ts: the report's own id), so a report in no
 * `report.read` entry is one nobody has read. Only the number: other roles see that reports
 * wait, never what they say.
 */
export async function countAwaitingReports(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(report)
    .where(
      sql`not exists (
        select 1 from ${auditLog}
        where ${auditLog.action} = 'report.read' and ${auditLog.entityType} = 'report'
          and (${auditLog.entityId} = cast(${report.id} as text)
            or exists (select 1 from json_each(${auditLog.after}, '$.ids') as shown
                       where shown.value = ${report.id}))
      )`,
    );
  return Number(row?.n ?? 0);
}
