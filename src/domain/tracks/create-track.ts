import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, track } from '#src/db/schema/index.ts';
import type { TrackInput } from '#src/schemas/campaign-input.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { isBeforeVote } from '../campaigns/voting-window.ts';

/** A new track. Only before the vote opens: after that the ballot's tracks are frozen too. */
export async function createTrack(
  db: Db,
  input: { campaignSlug: string; track: TrackInput; actorId: number; now: Date },
): Promise<{ id: number; slug: string }> {
  return db.transaction(async (tx) => {
    const c = await tx.query.campaign.findFirst({ where: eq(campaign.slug, input.campaignSlug) });
    if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
    if (!isBeforeVote(c.stage)) {
      throw new DomainError('conflict', 'rules_frozen', { slug: input.campaignSlug });
    }
    const taken = await tx.query.track.findFirst({
      where: and(eq(track.campaignId, c.id), eq(track.slug, input.track.slug)),
    });
    if (taken) throw new DomainError('conflict', 'track_slug_taken', { slug: input.track.slug });
    const [row] = await tx
      .insert(track)
      .values({ ...input.track, campaignId: c.id })
      .returning({ id: track.id, slug: track.slug });
    await recordAuditEntry(tx, input, {
      action: 'track.create',
      entityType: 'track',
      entityId: row!.id,
      after: input.track,
    });
    return row!;
  });
}
