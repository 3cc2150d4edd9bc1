import { and, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, track } from '#src/db/schema/index.ts';
import type { TrackUpdate } from '#src/schemas/campaign-input.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { isBeforeVote } from '../campaigns/voting-window.ts';

const ruleKeys = [
  'kind',
  'quota',
  'maxPicks',
  'minPicks',
  'ballotsPerDevicePerDay',
  'ballotsPerAddressPerDay',
  'paperChannel',
  'onsiteChannel',
  'weightOnline',
  'weightPaper',
  'weightOnsite',
] as const;

/**
 * Edits a track. Its name, description and order stay editable; its rules (kind, quota, pick
 * bounds, daily limits, channels and their weights) freeze when the vote opens, and an attempt to change them then is
 * refused with `conflict` and audit-logged (a trigger holds the same rule for other writers).
 */
export async function updateTrack(
  db: Db,
  input: {
    campaignSlug: string;
    trackSlug: string;
    track: TrackUpdate;
    actorId: number;
    now: Date;
  },
): Promise<void> {
  const next = input.track;
  const refused = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ track, stage: campaign.stage })
      .from(track)
      .innerJoin(campaign, eq(campaign.id, track.campaignId))
      .where(and(eq(campaign.slug, input.campaignSlug), eq(track.slug, input.trackSlug)));
    if (!row) throw new DomainError('not_found', 'track_not_found', { slug: input.trackSlug });
    const { id, campaignId: _c, slug: _s, ...before } = row.track;
    const rulesChanged = ruleKeys.some((k) => before[k] !== next[k]);
    const frozen = !isBeforeVote(row.stage);
    if (frozen && rulesChanged) {
      await recordAuditEntry(tx, input, {
        action: 'track.rules_change_refused',
        entityType: 'track',
        entityId: id,
        before,
        after: next,
      });
      return true;
    }
    await tx.update(track).set(next).where(eq(track.id, id));
    await recordAuditEntry(tx, input, {
      action: 'track.update',
      entityType: 'track',
      entityId: id,
      before,
      after: next,
    });
    return false;
  });
  if (refused) throw new DomainError('conflict', 'rules_frozen', { track: input.trackSlug });
}
