import type { Db } from '#src/db/client.ts';
import type { DecisionContent } from '#src/schemas/decision-content.ts';
import {
  decisionDocument,
  findPublishedDocument,
  readPublishedRevision,
  type PublishedRevisionFields,
} from '../documents/document-revisions.ts';
import { diffDecisionRevisions, type DecisionDiff } from './diff-decision-revisions.ts';

export interface PublishedDecision extends PublishedRevisionFields<DecisionContent> {
  slug: string;
  campaign: { slug: string; title: string; year: number; organiser: string };
  latestTitle: string;
  /** What the revision shown changed from the one before; null for revision 1. */
  changes: DecisionDiff | null;
}

/** A published naming decision as the public reads it: the latest revision, or revision `n`. */
export async function getPublishedDecision(
  db: Db,
  input: { slug: string; revision?: number | undefined },
): Promise<PublishedDecision> {
  const { campaign, view, latestContent, earlier } = await readPublishedRevision(
    db,
    decisionDocument,
    {
      slug: input.slug,
      wanted: input.revision,
      reasons: { document: 'decision_not_found', revision: 'decision_revision_not_found' },
    },
  );
  return {
    slug: input.slug,
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      year: campaign.year,
      organiser: campaign.organiser,
    },
    ...view,
    latestTitle: latestContent.title,
    changes: earlier ? diffDecisionRevisions(earlier, view.content) : null,
  };
}

/** getPublishedDecision for pages, from raw path parameters: null for anything not published. */
export async function findPublishedDecision(
  db: Db,
  input: { slug: string | undefined; revision?: string | undefined },
): Promise<PublishedDecision | null> {
  return findPublishedDocument(input, (path) => getPublishedDecision(db, path));
}
