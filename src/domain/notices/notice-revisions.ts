import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { notice, noticeRevision } from '#src/db/schema/index.ts';
import { noticeContentSchema, type NoticeContent } from '#src/schemas/notice-content.ts';
import { findCampaignLatestRevision, noticeDocument } from '../documents/document-revisions.ts';

/**
 * A notice's latest published revision as read from the database: null while only a draft
 * exists. Revisions are written from `noticeContentSchema`; one that does not parse is a bug to
 * hear about, so it throws.
 */
export async function findLatestNoticeContent(
  db: Db | Tx,
  n: { id: number; currentRevision: number },
): Promise<NoticeContent | null> {
  if (n.currentRevision < 1) return null;
  const [row] = await db
    .select({ content: noticeRevision.content })
    .from(noticeRevision)
    .where(and(eq(noticeRevision.noticeId, n.id), eq(noticeRevision.revision, n.currentRevision)));
  return row ? noticeContentSchema.parse(row.content) : null;
}

/** A campaign's notice (its slug) with its latest published revision; null before one is. */
export function findCampaignNoticeContent(
  db: Db | Tx,
  campaignId: number,
): Promise<{ slug: string; content: NoticeContent } | null> {
  return findCampaignLatestRevision(db, noticeDocument, campaignId);
}

/**
 * Publishes `content` as the notice's next revision (never changed afterwards) and moves the
 * notice's head to it, with `head` for whatever else the publishing verb sets on the notice.
 * Returns the new revision's number.
 */
export async function appendNoticeRevision(
  tx: Tx,
  n: { id: number; currentRevision: number },
  input: {
    content: NoticeContent;
    changeNote: string;
    actorId: number | null;
    now: Date;
    head?: Partial<typeof notice.$inferInsert>;
  },
): Promise<number> {
  const revision = n.currentRevision + 1;
  await tx.insert(noticeRevision).values({
    noticeId: n.id,
    revision,
    content: input.content,
    changeNote: input.changeNote,
    publishedAt: input.now,
    publishedBy: input.actorId,
  });
  await tx
    .update(notice)
    .set({ ...input.head, currentRevision: revision, updatedAt: input.now })
    .where(eq(notice.id, n.id));
  return revision;
}
