import { eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { campaign, notice } from '#src/db/schema/index.ts';
import type { CampaignStage } from '#src/schemas/enums.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';
import { DomainError } from '../errors.ts';
import { findLatestNoticeContent } from '../notices/notice-revisions.ts';

export interface ConcludingNotice {
  campaign: typeof campaign.$inferSelect;
  stage: CampaignStage;
  notice: typeof notice.$inferSelect;
  /** The notice's latest published revision, or null while it is only a draft. */
  latest: { revision: number; content: NoticeContent } | null;
}

/** A campaign with its notice and the notice's latest published revision. */
export async function getConcludingNotice(
  db: Db | Tx,
  campaignSlug: string,
): Promise<ConcludingNotice> {
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: campaignSlug });
  const n = await db.query.notice.findFirst({ where: eq(notice.campaignId, c.id) });
  if (!n) throw new DomainError('not_found', 'notice_not_found', { campaign: campaignSlug });
  const content = await findLatestNoticeContent(db, n);
  return {
    campaign: c,
    stage: c.stage,
    notice: n,
    latest: content ? { revision: n.currentRevision, content } : null,
  };
}

/**
 * The notice's latest revision once its outcome is published: a decision can only follow a
 * publicity whose outcome is stated. Refuses with `decision_outcome_missing`.
 */
export function requireStatedOutcome(found: ConcludingNotice): {
  revision: number;
  content: NoticeContent;
} {
  if (!found.latest?.content.outcome) {
    throw new DomainError('rule_violation', 'decision_outcome_missing', {
      notice: found.notice.slug,
    });
  }
  return found.latest;
}
