import type { Db } from '#src/db/client.ts';
import { decisionDocument, findCampaignLatestRevision } from '../documents/document-revisions.ts';
import { findCampaignNoticeContent } from '../notices/notice-revisions.ts';

export interface NamingOutcome {
  /** Candidates whose naming the published outcome of the publicity suspended. */
  suspended: ReadonlySet<number>;
  /** Those the published decision names; null before it is published. */
  named: ReadonlySet<number> | null;
  decision: { slug: string; title: string; units: number; people: number } | null;
  /** The notice once the outcome of its publicity is published; null before. */
  notice: { slug: string } | null;
}

/**
 * How a campaign ended for its candidates, as the public documents say: named by the decision,
 * or naming suspended by the outcome of the publicity. Empty while neither is published.
 */
export async function getNamingOutcome(db: Db, campaignId: number): Promise<NamingOutcome> {
  const n = await findCampaignNoticeContent(db, campaignId);
  const d = await findCampaignLatestRevision(db, decisionDocument, campaignId);
  const outcome = n?.content.outcome;
  const decision = d?.content ?? null;
  return {
    suspended: new Set(outcome?.suspended ?? []),
    named: decision ? new Set(decision.entries.map((e) => e.candidateId)) : null,
    decision:
      decision && d
        ? {
            slug: d.slug,
            title: decision.title,
            units: decision.entries.filter((e) => e.kind === 'unit').length,
            people: decision.entries.filter((e) => e.kind === 'individual').length,
          }
        : null,
    notice: n && outcome ? { slug: n.slug } : null,
  };
}
