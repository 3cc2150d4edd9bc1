import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { committeeRule, type campaign } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';
import type { CommitteeRuleRow } from './read-committee-track.ts';

/**
 * The checks every committee vote write makes, in the caller's transaction: the campaign is at
 * its committee vote (not before the second shortlist is settled, not after publicity began),
 * and its rule is set. Returns the rule.
 */
export async function requireCommitteeRule(
  tx: Db | Tx,
  c: typeof campaign.$inferSelect,
): Promise<CommitteeRuleRow> {
  if (c.stage !== 'committee_vote') {
    throw new DomainError('conflict', 'committee_wrong_stage', { stage: c.stage });
  }
  const [rule] = await tx.select().from(committeeRule).where(eq(committeeRule.campaignId, c.id));
  if (!rule) throw new DomainError('rule_violation', 'committee_rule_missing', { slug: c.slug });
  return rule;
}
