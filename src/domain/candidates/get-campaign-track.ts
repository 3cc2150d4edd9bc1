import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { campaign, track } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';

/** A campaign and one of its tracks by their slugs; `not_found` names which one is missing. */
export async function getCampaignTrack(
  db: Db | Tx,
  campaignSlug: string,
  trackSlug: string,
): Promise<{
  campaign: typeof campaign.$inferSelect;
  track: typeof track.$inferSelect;
}> {
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: campaignSlug });
  const t = await db.query.track.findFirst({
    where: and(eq(track.campaignId, c.id), eq(track.slug, trackSlug)),
  });
  if (!t) throw new DomainError('not_found', 'track_not_found', { slug: trackSlug });
  return { campaign: c, track: t };
}
