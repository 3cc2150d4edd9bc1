import type { Db } from '#src/db/client.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';
import {
  listRevisionFeed,
  noticeDocument,
  type RevisionFeedItem,
} from '../documents/document-revisions.ts';

export type NoticeRevisionItem = RevisionFeedItem<NoticeContent>;

/**
 * Published revisions of every notice, newest first, for the feed: a correction is news to
 * whoever follows the notices, so each revision is its own entry.
 */
export function listNoticeRevisions(
  db: Db,
  input: { limit: number },
): Promise<NoticeRevisionItem[]> {
  return listRevisionFeed(db, noticeDocument, input);
}
