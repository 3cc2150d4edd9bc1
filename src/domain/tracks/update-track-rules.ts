import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog, campaign, track } from '../../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { isBeforeVote } from '../campaigns/voting-window.ts';

export interface TrackRules {
  quota: number;
  maxPicks: number;
  minPicks: number;
  ballotsPerDevicePerDay: number;
  ballotsPerAddressPerDay: number;
}

/**
 * Changes a track's ballot rules. Once the campaign has left review, what voters were shown is
 * frozen: the attempt is refused with `conflict` and recorded in the audit log (a trigger
 * refuses it too, for any other writer).
 */
export async function updateTrackRules(
  db: Db,
  input: { trackId: number; rules: TrackRules; actorId: number | null; now: Date },
): Promise<void> {
  const { rules } = input;
  if (!(rules.minPicks >= 1 && rules.minPicks <= rules.maxPicks && rules.maxPicks <= rules.quota)) {
    throw new DomainError('invalid_request', 'picks_out_of_bounds');
  }
  if (rules.ballotsPerDevicePerDay < 1 || rules.ballotsPerAddressPerDay < 1) {
    throw new DomainError('invalid_request', 'limit_below_one');
  }
  const frozen = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ track, stage: campaign.stage })
      .from(track)
      .innerJoin(campaign, eq(campaign.id, track.campaignId))
      .where(eq(track.id, input.trackId));
    if (!row) throw new DomainError('not_found', 'track_not_found', { id: input.trackId });
    const before = {
      quota: row.track.quota,
      maxPicks: row.track.maxPicks,
      minPicks: row.track.minPicks,
      ballotsPerDevicePerDay: row.track.ballotsPerDevicePerDay,
      ballotsPerAddressPerDay: row.track.ballotsPerAddressPerDay,
    };
    const isFrozen = !isBeforeVote(row.stage);
    await tx.insert(auditLog).values({
      at: input.now,
      actorId: input.actorId,
      action: isFrozen ? 'track.rules_change_refused' : 'track.rules_change',
      entityType: 'track',
      entityId: String(input.trackId),
      before,
      after: rules,
    });
    if (!isFrozen) await tx.update(track).set(rules).where(eq(track.id, input.trackId));
    return isFrozen;
  });
  if (frozen) throw new DomainError('conflict', 'rules_frozen', { trackId: input.trackId });
}
