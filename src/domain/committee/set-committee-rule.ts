import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, committeeRule, committeeSession } from '#src/db/schema/index.ts';
import type { CommitteeRuleRequest } from '#src/schemas/committee.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';

export interface CommitteeRuleView {
  membersDue: number;
  quorum: CommitteeRuleRequest['quorum'];
  threshold: CommitteeRuleRequest['threshold'];
  tieBreak: CommitteeRuleRequest['tieBreak'];
}

/**
 * Sets a campaign's committee rule (size, quorum, threshold, tie-break). Once any sitting of the
 * campaign is confirmed the rule is what that vote was decided by, so it can no longer change:
 * refused with `conflict`.
 */
export async function setCommitteeRule(
  db: Db,
  input: { campaignSlug: string; rule: CommitteeRuleRequest; actorId: number; now: Date },
): Promise<CommitteeRuleView> {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(campaign).where(eq(campaign.slug, input.campaignSlug));
    if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
    const [confirmed] = await tx
      .select({ id: committeeSession.id })
      .from(committeeSession)
      .where(and(eq(committeeSession.campaignId, c.id), eq(committeeSession.status, 'confirmed')))
      .limit(1);
    if (confirmed) {
      throw new DomainError('conflict', 'committee_rule_locked', { sessionId: confirmed.id });
    }
    const [existing] = await tx
      .select()
      .from(committeeRule)
      .where(eq(committeeRule.campaignId, c.id));
    const rule: CommitteeRuleView = {
      membersDue: input.rule.membersDue,
      quorum: input.rule.quorum,
      threshold: input.rule.threshold,
      tieBreak: input.rule.tieBreak,
    };
    await tx
      .insert(committeeRule)
      .values({ campaignId: c.id, ...rule })
      .onConflictDoUpdate({ target: committeeRule.campaignId, set: rule });
    await recordAuditEntry(tx, input, {
      action: 'committee.set_rule',
      entityType: 'campaign',
      entityId: c.slug,
      before: existing
        ? {
            membersDue: existing.membersDue,
            quorum: existing.quorum,
            threshold: existing.threshold,
            tieBreak: existing.tieBreak,
          }
        : null,
      after: rule,
    });
    return rule;
  });
}
