import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { notice, report } from '#src/db/schema/index.ts';

export interface ReportNoticeOption {
  slug: string;
  serial: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  reports: number;
}

/**
 * Published notices with how many reports each has, for the supervisors' filter. Counts only:
 * no report is read here, so nothing is audited.
 */
export async function listReportNotices(db: Db): Promise<ReportNoticeOption[]> {
  const rows = await db
    .select({
      slug: notice.slug,
      serial: notice.serial,
      title: notice.title,
      periodStart: notice.periodStart,
      periodEnd: notice.periodEnd,
      reports: count(report.id),
    })
    .from(notice)
    .leftJoin(report, eq(report.noticeId, notice.id))
    .where(eq(notice.status, 'published'))
    .groupBy(notice.id)
    .orderBy(desc(notice.periodStart), desc(notice.id));
  return rows.map((r) => ({ ...r, reports: Number(r.reports) }));
}
