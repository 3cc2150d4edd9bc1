import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign } from '#src/db/schema/index.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { checkStagePreconditions, nextStageOf } from './check-stage-preconditions.ts';

/**
 * Moves a campaign to its next stage, only forward and one stage at a time, once the stage's
 * preconditions hold; otherwise 422 `stage_preconditions_unmet` lists what is missing. `from`
 * must be the current stage, so two staff members pressing the button at once move it once.
 */
export async function advanceCampaignStage(
  db: Db,
  input: { slug: string; from: CampaignStage; to: CampaignStage; actorId: number; now: Date },
): Promise<{ stage: CampaignStage }> {
  return db.transaction(async (tx) => {
    const c = await tx.query.campaign.findFirst({ where: eq(campaign.slug, input.slug) });
    if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.slug });
    if (c.stage !== input.from) {
      throw new DomainError('conflict', 'stage_changed', { stage: c.stage });
    }
    if (nextStageOf(c.stage) !== input.to) {
      throw new DomainError('rule_violation', 'stage_not_next', { from: c.stage, to: input.to });
    }
    const missing = await checkStagePreconditions(tx, c, input.to, input.now);
    if (missing.length > 0) {
      throw new DomainError('rule_violation', 'stage_preconditions_unmet', { missing });
    }
    await tx
      .update(campaign)
      .set({ stage: input.to, updatedAt: input.now })
      .where(and(eq(campaign.id, c.id), eq(campaign.stage, input.from)));
    await recordAuditEntry(tx, input, {
      action: 'campaign.advance_stage',
      entityType: 'campaign',
      entityId: c.id,
      before: { stage: c.stage },
      after: { stage: input.to },
    });
    return { stage: input.to };
  });
}
