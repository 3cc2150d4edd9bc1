import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { campaign, namingDecision } from '#src/db/schema/index.ts';
import type { DecisionUpdateRequest } from '#src/schemas/decision-input.ts';
import { changedFields } from '../audit/changed-fields.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import type { DecisionRow } from './build-decision-content.ts';

/**
 * Edits the decision's draft. Published revisions never change: after publication an edit
 * prepares the next revision, which reaches the public only when published with a note.
 */
export async function updateDecisionDraft(
  db: Db,
  input: {
    campaignSlug: string;
    changes: DecisionUpdateRequest;
    actorId: number | null;
    now: Date;
  },
): Promise<DecisionRow> {
  return db.transaction(async (tx) => {
    const before = await getDecisionDraft(tx, input.campaignSlug);
    const change = changedFields(before, input.changes);
    if (!change) return before;
    const [row] = await tx
      .update(namingDecision)
      .set({ ...input.changes, updatedAt: input.now })
      .where(eq(namingDecision.id, before.id))
      .returning();
    await recordAuditEntry(tx, input, {
      action: 'decision.update',
      entityType: 'naming_decision',
      entityId: before.id,
      ...change,
    });
    return row!;
  });
}

/** The campaign's decision draft; `campaign_not_found` or `decision_not_found`. */
export async function getDecisionDraft(db: Db | Tx, campaignSlug: string): Promise<DecisionRow> {
  const [found] = await db
    .select({ d: namingDecision })
    .from(namingDecision)
    .innerJoin(campaign, eq(campaign.id, namingDecision.campaignId))
    .where(eq(campaign.slug, campaignSlug));
  if (found) return found.d;
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: campaignSlug });
  throw new DomainError('not_found', 'decision_not_found', { campaign: campaignSlug });
}
