import { pickRevision } from '../notices/pick-revision.ts';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, namingDecision, namingDecisionRevision } from '#src/db/schema/index.ts';
import { decisionContentSchema, type DecisionContent } from '#src/schemas/decision-content.ts';
import { DomainError, isDomainError } from '../errors.ts';
import { diffDecisionRevisions, type DecisionDiff } from './diff-decision-revisions.ts';

export interface PublishedDecision {
  slug: string;
  campaign: { slug: string; title: string; year: number; organiser: string };
  revision: number;
  latestRevision: number;
  isLatest: boolean;
  content: DecisionContent;
  changeNote: string;
  revisionPublishedAt: Date;
  firstPublishedAt: Date;
  latestPublishedAt: Date;
  latestTitle: string;
  revisions: { revision: number; publishedAt: Date; changeNote: string }[];
  /** What the revision shown changed from the one before; null for revision 1. */
  changes: DecisionDiff | null;
}

/** A published naming decision as the public reads it: the latest revision, or revision `n`. */
export async function getPublishedDecision(
  db: Db,
  input: { slug: string; revision?: number | undefined },
): Promise<PublishedDecision> {
  const [found] = await db
    .select({ d: namingDecision, c: campaign })
    .from(namingDecision)
    .innerJoin(campaign, eq(campaign.id, namingDecision.campaignId))
    .where(eq(namingDecision.slug, input.slug));
  if (!found || found.d.currentRevision < 1) {
    throw new DomainError('not_found', 'decision_not_found', { slug: input.slug });
  }
  const rows = await db
    .select()
    .from(namingDecisionRevision)
    .where(eq(namingDecisionRevision.decisionId, found.d.id))
    .orderBy(asc(namingDecisionRevision.revision));
  const { shown, latest, previous } = pickRevision(
    rows,
    input.revision,
    'decision_revision_not_found',
    input.slug,
  );
  const content = decisionContentSchema.parse(shown.content);
  const earlier = previous ? decisionContentSchema.parse(previous.content) : null;
  return {
    slug: found.d.slug,
    campaign: {
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
    latestTitle: decisionContentSchema.parse(latest.content).title,
    revisions: rows.map((r) => ({
      revision: r.revision,
      publishedAt: r.publishedAt,
      changeNote: r.changeNote,
    })),
    changes: earlier ? diffDecisionRevisions(earlier, content) : null,
  };
}

/** getPublishedDecision for pages, from raw path parameters: null for anything not published. */
export async function findPublishedDecision(
  db: Db,
  input: { slug: string | undefined; revision?: string | undefined },
): Promise<PublishedDecision | null> {
  const slug = input.slug ?? '';
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const revision = input.revision === undefined ? undefined : Number(input.revision);
  if (revision !== undefined && !(Number.isSafeInteger(revision) && revision >= 1)) return null;
  try {
    return await getPublishedDecision(db, { slug, revision });
  } catch (e) {
    if (isDomainError(e) && e.code === 'not_found') return null;
    throw e;
  }
}
