import { and, asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Tx } from '#src/db/client.ts';
import {
  campaign,
  namingDecision,
  namingDecisionRevision,
  notice,
  noticeRevision,
  staffUser,
} from '#src/db/schema/index.ts';
import { decisionContentSchema } from '#src/schemas/decision-content.ts';
import { noticeContentSchema } from '#src/schemas/notice-content.ts';
import { DomainError, nullIfNotFound } from '../errors.ts';
import { pickRevision } from './pick-revision.ts';

/**
 * A document published in revisions: the publicity notice and the naming decision. Each has a
 * head row (the draft, its slug and `currentRevision`) and write-once revision rows holding the
 * whole published content as JSON, read back through the document's content schema. The verbs
 * stay the document's own (`getPublishedNotice`, `getStaffDecision`); what they share in
 * reading revisions lives here, always told which document it reads.
 */
export type RevisionDocument = typeof noticeDocument | typeof decisionDocument;

export const noticeDocument = {
  head: notice,
  revisions: noticeRevision,
  /** The revision's column naming its head row. */
  headId: noticeRevision.noticeId,
  content: noticeContentSchema,
};

export const decisionDocument = {
  head: namingDecision,
  revisions: namingDecisionRevision,
  headId: namingDecisionRevision.decisionId,
  content: decisionContentSchema,
};

type ContentOf<D extends RevisionDocument> = z.infer<D['content']>;

export interface RevisionSummary {
  revision: number;
  publishedAt: Date;
  changeNote: string;
}

/** The revision fields of a published document as the public reads it at one revision. */
export interface PublishedRevisionFields<C> {
  /** The revision this view holds. */
  revision: number;
  latestRevision: number;
  isLatest: boolean;
  content: C;
  changeNote: string;
  /** When the revision shown was published. */
  revisionPublishedAt: Date;
  /** When revision 1 was published (the document's date), and when the latest one was. */
  firstPublishedAt: Date;
  latestPublishedAt: Date;
  revisions: RevisionSummary[];
}

/**
 * A published document read by its slug at revision `wanted` (the latest when none is asked
 * for): its campaign, the public view's revision fields, the latest revision's content and the
 * one before the shown one, which the document's verb compares with. Never the draft: a document
 * with no published revision is `not_found` with `reasons.document`, as is a revision that does
 * not exist with `reasons.revision` (the document's own messages).
 */
export async function readPublishedRevision<D extends RevisionDocument>(
  db: Db,
  doc: D,
  input: {
    slug: string;
    wanted: number | undefined;
    reasons: { document: string; revision: string };
  },
): Promise<{
  campaign: typeof campaign.$inferSelect;
  view: PublishedRevisionFields<ContentOf<D>>;
  latestContent: ContentOf<D>;
  earlier: ContentOf<D> | null;
}> {
  const [found] = await db
    .select({ id: doc.head.id, currentRevision: doc.head.currentRevision, campaign })
    .from(doc.head)
    .innerJoin(campaign, eq(campaign.id, doc.head.campaignId))
    .where(eq(doc.head.slug, input.slug));
  if (!found || found.currentRevision < 1) {
    throw new DomainError('not_found', input.reasons.document, { slug: input.slug });
  }
  const rows = await db
    .select({
      revision: doc.revisions.revision,
      content: doc.revisions.content,
      changeNote: doc.revisions.changeNote,
      publishedAt: doc.revisions.publishedAt,
    })
    .from(doc.revisions)
    .where(eq(doc.headId, found.id))
    .orderBy(asc(doc.revisions.revision));
  const { shown, latest, previous } = pickRevision(
    rows,
    input.wanted,
    input.reasons.revision,
    input.slug,
  );
  const parse = (content: unknown) => doc.content.parse(content) as ContentOf<D>;
  const content = parse(shown.content);
  return {
    campaign: found.campaign,
    view: {
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
    },
    latestContent: shown === latest ? content : parse(latest.content),
    earlier: previous ? parse(previous.content) : null,
  };
}

/**
 * A published document's verb for pages, from their raw path parameters: null for anything that
 * is not a published document, a malformed slug or revision number included, which they answer
 * with their 404 page.
 */
export async function findPublishedDocument<T>(
  input: { slug: string | undefined; revision?: string | undefined },
  get: (path: { slug: string; revision: number | undefined }) => Promise<T>,
): Promise<T | null> {
  const slug = input.slug ?? '';
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const revision = input.revision === undefined ? undefined : Number(input.revision);
  if (revision !== undefined && !(Number.isSafeInteger(revision) && revision >= 1)) return null;
  return nullIfNotFound(get({ slug, revision }));
}

/** A published revision as staff list it: who published it too. */
export interface RevisionHistoryItem extends RevisionSummary {
  publishedBy: string | null;
}

/**
 * A document's published revisions for staff, oldest first, each with who published it, and the
 * latest one's content; empty and null while only a draft exists.
 */
export async function readRevisionHistory<D extends RevisionDocument>(
  db: Db,
  doc: D,
  headId: number,
): Promise<{
  revisions: RevisionHistoryItem[];
  latest: ContentOf<D> | null;
}> {
  const rows = await db
    .select({
      revision: doc.revisions.revision,
      publishedAt: doc.revisions.publishedAt,
      changeNote: doc.revisions.changeNote,
      publishedBy: staffUser.displayName,
      content: doc.revisions.content,
    })
    .from(doc.revisions)
    .leftJoin(staffUser, eq(staffUser.id, doc.revisions.publishedBy))
    .where(eq(doc.headId, headId))
    .orderBy(asc(doc.revisions.revision));
  const last = rows[rows.length - 1];
  return {
    revisions: rows.map(({ content: _content, ...r }) => r),
    latest: last ? (doc.content.parse(last.content) as ContentOf<D>) : null,
  };
}

/** A published revision as the feed lists it. */
export interface RevisionFeedItem<C> extends RevisionSummary {
  slug: string;
  content: C;
}

/**
 * Published revisions of every notice, or every naming decision, newest first, for the feed: a
 * correction is news to whoever follows them, so each revision is its own entry.
 */
export async function listRevisionFeed<D extends RevisionDocument>(
  db: Db,
  doc: D,
  input: { limit: number },
): Promise<RevisionFeedItem<ContentOf<D>>[]> {
  const rows = await db
    .select({
      slug: doc.head.slug,
      revision: doc.revisions.revision,
      publishedAt: doc.revisions.publishedAt,
      changeNote: doc.revisions.changeNote,
      content: doc.revisions.content,
    })
    .from(doc.revisions)
    .innerJoin(doc.head, eq(doc.head.id, doc.headId))
    .orderBy(desc(doc.revisions.publishedAt), desc(doc.revisions.id))
    .limit(input.limit);
  return rows.map((r) => ({ ...r, content: doc.content.parse(r.content) as ContentOf<D> }));
}

/** A campaign's document of a kind (its slug) at its latest published revision; null before one is. */
export async function findCampaignLatestRevision<D extends RevisionDocument>(
  db: Db | Tx,
  doc: D,
  campaignId: number,
): Promise<{ slug: string; content: ContentOf<D> } | null> {
  const [latest] = await db
    .select({ slug: doc.head.slug, content: doc.revisions.content })
    .from(doc.head)
    .innerJoin(
      doc.revisions,
      and(eq(doc.headId, doc.head.id), eq(doc.revisions.revision, doc.head.currentRevision)),
    )
    .where(eq(doc.head.campaignId, campaignId));
  return latest
    ? { slug: latest.slug, content: doc.content.parse(latest.content) as ContentOf<D> }
    : null;
}
