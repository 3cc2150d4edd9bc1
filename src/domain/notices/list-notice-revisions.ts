import { desc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { notice, noticeRevision } from '#src/db/schema/index.ts';
import { noticeContentSchema, type NoticeContent } from '#src/schemas/notice-content.ts';

export interface NoticeRevisionItem {
  slug: string;
  revision: number;
  publishedAt: Date;
  changeNote: string;
  content: NoticeContent;
}

/**
 * Published revisions of every notice, newest first, for the feed: a correction is news to
 * whoever follows the notices, so each revision is its own entry.
 */
export async function listNoticeRevisions(
  db: Db,
  input: { limit: number },
): Promise<NoticeRevisionItem[]> {
  const rows = await db
    .select({ slug: notice.slug, r: noticeRevision })
    .from(noticeRevision)
    .innerJoin(notice, eq(notice.id, noticeRevision.noticeId))
    .orderBy(desc(noticeRevision.publishedAt), desc(noticeRevision.id))
    .limit(input.limit);
  return rows.map(({ slug, r }) => ({
    slug,
    revision: r.revision,
    publishedAt: r.publishedAt,
    changeNote: r.changeNote,
    content: noticeContentSchema.parse(r.content),
  }));
}
