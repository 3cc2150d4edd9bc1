import { pickRevision } from './pick-revision.ts';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, notice, noticeRevision } from '#src/db/schema/index.ts';
import { noticeContentSchema, type NoticeContent } from '#src/schemas/notice-content.ts';
import type { NoticePeriodStatus } from '#src/schemas/notice-input.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { listImageCopies } from '../media/list-image-copies.ts';
import { computeNoticeStatus } from './compute-notice-status.ts';
import { diffNoticeRevisions, type NoticeDiff } from './diff-notice-revisions.ts';

export interface NoticeRevisionSummary {
  revision: number;
  publishedAt: Date;
  changeNote: string;
}

export interface PublishedNotice {
  slug: string;
  campaign: { id: number; slug: string; title: string; year: number; organiser: string };
  /** The revision this view holds. */
  revision: number;
  latestRevision: number;
  isLatest: boolean;
  content: NoticeContent;
  changeNote: string;
  /** When the revision shown was published. */
  revisionPublishedAt: Date;
  /** When revision 1 was published (the notice's date), and when the latest one was. */
  firstPublishedAt: Date;
  latestPublishedAt: Date;
  revisions: NoticeRevisionSummary[];
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
  const [found] = await db
    .select({ n: notice, c: campaign })
    .from(notice)
    .innerJoin(campaign, eq(campaign.id, notice.campaignId))
    .where(eq(notice.slug, input.slug));
  if (!found || found.n.currentRevision < 1) {
    throw new DomainError('not_found', 'notice_not_found', { slug: input.slug });
  }
  const rows = await db
    .select()
    .from(noticeRevision)
    .where(eq(noticeRevision.noticeId, found.n.id))
    .orderBy(asc(noticeRevision.revision));
  const { shown, latest, previous } = pickRevision(
    rows,
    input.revision,
    'notice_revision_not_found',
    input.slug,
  );
  const content = noticeContentSchema.parse(shown.content);
  const latestContent = shown === latest ? content : noticeContentSchema.parse(latest.content);
  const earlier = previous ? noticeContentSchema.parse(previous.content) : null;
  return {
    slug: found.n.slug,
    campaign: {
      id: found.c.id,
      slug: found.c.slug,
      title: found.c.title,
      year: found.c.year,
      organiser: found.c.organiser,
    },
    revision: shown.revision,
    latestRevision: latest.revision,
    isLatest: shown === latest,
    content,
    changeNote: shown.changeNote,
    revisionPublishedAt: shown.publishedAt,
    firstPublishedAt: rows[0]!.publishedAt,
    latestPublishedAt: latest.publishedAt,
    revisions: rows.map((r) => ({
      revision: r.revision,
      publishedAt: r.publishedAt,
      changeNote: r.changeNote,
    })),
    status: computeNoticeStatus(latestContent, input.now),
    latestPeriod: {
      periodStart: latestContent.periodStart,
      periodEnd: latestContent.periodEnd,
      workingDays: latestContent.workingDays,
    },
    latestTitle: latestContent.title,
    changes: earlier ? diffNoticeRevisions(earlier, content) : null,
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
  const slug = input.slug ?? '';
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const revision = input.revision === undefined ? undefined : Number(input.revision);
  if (revision !== undefined && !(Number.isSafeInteger(revision) && revision >= 1)) return null;
  try {
    return await getPublishedNotice(db, { slug, revision, now: input.now });
  } catch (e) {
    if (isDomainError(e) && e.code === 'not_found') return null;
    throw e;
  }
}

/** The portraits a notice shows: none (and no query) when it shows no photos. */
export function listNoticePortraits(
  db: Db,
  content: Pick<NoticeContent, 'showPhotos' | 'entries'>,
): ReturnType<typeof listImageCopies> {
  return listImageCopies(db, content.showPhotos ? content.entries.map((e) => e.portraitId) : []);
}
