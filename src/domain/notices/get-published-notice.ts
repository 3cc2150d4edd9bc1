import type { Db } from '#src/db/client.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';
import type { NoticePeriodStatus } from '#src/schemas/notice-input.ts';
import {
  findPublishedDocument,
  noticeDocument,
  readPublishedRevision,
  type PublishedRevisionFields,
} from '../documents/document-revisions.ts';
import { listImageCopies } from '../media/list-image-copies.ts';
import { computeNoticeStatus } from './compute-notice-status.ts';
import { diffNoticeRevisions, type NoticeDiff } from './diff-notice-revisions.ts';

export interface PublishedNotice extends PublishedRevisionFields<NoticeContent> {
  slug: string;
  campaign: { id: number; slug: string; title: string; year: number; organiser: string };
  /** The period of the latest revision against `now`: a correction may have moved it. */
  status: NoticePeriodStatus;
  latestPeriod: { periodStart: string; periodEnd: string; workingDays: number };
  /** The latest revision's title, for links from an earlier one. */
  latestTitle: string;
  /** What the revision shown changed from the one before; null for revision 1. */
  changes: NoticeDiff | null;
}

/**
 * A published notice as the public reads it: the latest revision, or revision `n`, with the
 * list of revisions and what the shown one changed. Never the draft: a notice with no
 * published revision does not exist for the public.
 */
export async function getPublishedNotice(
  db: Db,
  input: { slug: string; revision?: number | undefined; now: Date },
): Promise<PublishedNotice> {
  const found = await readPublishedRevision(db, noticeDocument, {
    slug: input.slug,
    wanted: input.revision,
    reasons: { document: 'notice_not_found', revision: 'notice_revision_not_found' },
  });
  const { view, latestContent, earlier } = found;
  return {
    slug: input.slug,
    campaign: {
      id: found.campaign.id,
      slug: found.campaign.slug,
      title: found.campaign.title,
      year: found.campaign.year,
      organiser: found.campaign.organiser,
    },
    ...view,
    status: computeNoticeStatus(latestContent, input.now),
    latestPeriod: {
      periodStart: latestContent.periodStart,
      periodEnd: latestContent.periodEnd,
      workingDays: latestContent.workingDays,
    },
    latestTitle: latestContent.title,
    changes: earlier ? diffNoticeRevisions(earlier, view.content) : null,
  };
}

/**
 * getPublishedNotice for pages, from their raw path parameters: null for anything that is not a
 * published notice, a malformed slug or revision number included, which they answer with their
 * 404 page.
 */
export async function findPublishedNotice(
  db: Db,
  input: { slug: string | undefined; revision?: string | undefined; now: Date },
): Promise<PublishedNotice | null> {
  return findPublishedDocument(input, (path) =>
    getPublishedNotice(db, { ...path, now: input.now }),
  );
}

/** The portraits a notice shows: none (and no query) when it shows no photos. */
export function listNoticePortraits(
  db: Db,
  content: Pick<NoticeContent, 'showPhotos' | 'entries'>,
): ReturnType<typeof listImageCopies> {
  return listImageCopies(db, content.showPhotos ? content.entries.map((e) => e.portraitId) : []);
}
