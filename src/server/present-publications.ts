/**
 * The revision fields every published document (publicity notice, naming decision) answers
 * with, in the same places of its JSON: which revision is latest and which is shown, when it was
 * first published and last revised, its permalink, and one link per published revision.
 * `path` is the document's page, `/notices/<slug>` or `/decisions/<slug>`.
 */
interface PublishedSummary {
  revision: number;
  firstPublishedAt: Date;
  latestPublishedAt: Date;
}

interface PublishedDocument {
  latestRevision: number;
  revision: number;
  changeNote: string;
  firstPublishedAt: Date;
  latestPublishedAt: Date;
  revisions: { revision: number; publishedAt: Date; changeNote: string }[];
}

export const absoluteUrl = (path: string, base: string) => new URL(path, base).href;

/** A list row's revision, dates and permalink. */
export function summaryRevisionFields(d: PublishedSummary, path: string, base: string) {
  return {
    revision: d.revision,
    publishedAt: d.firstPublishedAt.toISOString(),
    revisedAt: d.latestPublishedAt.toISOString(),
    permalink: absoluteUrl(path, base),
  };
}

/** The latest and shown revision, the shown one's change note, dates and permalink. */
export function documentRevisionFields(d: PublishedDocument, path: string, base: string) {
  return {
    revision: d.latestRevision,
    shownRevision: d.revision,
    changeNote: d.changeNote,
    publishedAt: d.firstPublishedAt.toISOString(),
    revisedAt: d.latestPublishedAt.toISOString(),
    permalink: absoluteUrl(path, base),
  };
}

/** Every published revision with its date, change note and page. */
export function revisionLinks(d: PublishedDocument, path: string, base: string) {
  return d.revisions.map((r) => ({
    revision: r.revision,
    publishedAt: r.publishedAt.toISOString(),
    changeNote: r.changeNote,
    url: absoluteUrl(`${path}/revisions/${r.revision}`, base),
  }));
}

/** What publishing a revision answers: the verb's result and the document's permalink. */
export function withPermalink<T extends { slug: string }>(
  published: T,
  section: 'notices' | 'decisions',
  base: string,
) {
  return { ...published, permalink: absoluteUrl(`/${section}/${published.slug}`, base) };
}
