import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { notice } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { findLatestNoticeContent } from '../notices/notice-revisions.ts';

export interface ReportableNotice {
  id: number;
  slug: string;
  /** Local dates, both inclusive, as the public read them. */
  periodStart: string;
  periodEnd: string;
  /** The entries a report may concern. */
  entries: { candidateId: number; name: string }[];
}

/**
 * The published notice a report is about, as the public read it: its current revision's period
 * and entries (a correction may have moved the period or changed the entries). A notice without
 * a published revision does not exist for the public, so it is answered exactly like an unknown
 * slug: a report form cannot be used to find out which notices are being prepared.
 */
export async function getReportableNotice(db: Db, slug: string): Promise<ReportableNotice> {
  const notFound = () => new DomainError('not_found', 'report_notice_not_found', { notice: slug });
  const found = await db.query.notice.findFirst({ where: eq(notice.slug, slug) });
  if (!found || found.status !== 'published' || found.currentRevision < 1) throw notFound();
  const content = await findLatestNoticeContent(db, found);
  if (!content) throw notFound();
  return {
    id: found.id,
    slug: found.slug,
    periodStart: content.periodStart,
    periodEnd: content.periodEnd,
    entries: content.entries.map((e) => ({ candidateId: e.candidateId, name: e.name })),
  };
}
