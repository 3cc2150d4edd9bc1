import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, committeeRule, track } from '#src/db/schema/index.ts';
import type { CampaignStage, TrackKind } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';
import { readCommitteeTrack, type CommitteeTrackState } from './read-committee-track.ts';
import type { CommitteeRuleView } from './set-committee-rule.ts';

export interface CommitteeOverview {
  campaign: { slug: string; title: string; stage: CampaignStage };
  rule: CommitteeRuleView | null;
  /** True once a sitting is confirmed: the rule can no longer change. */
  ruleLocked: boolean;
  tracks: (CommitteeTrackState & { slug: string; name: string; kind: TrackKind })[];
}

/** A campaign's committee vote as staff see it: the rule and, per track, every round so far. */
export async function getCommitteeOverview(
  db: Db,
  input: { campaignSlug: string },
): Promise<CommitteeOverview> {
  const [c] = await db.select().from(campaign).where(eq(campaign.slug, input.campaignSlug));
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
  const [rule] = await db.select().from(committeeRule).where(eq(committeeRule.campaignId, c.id));
  const tracks = await db
    .select()
    .from(track)
    .where(eq(track.campaignId, c.id))
    .orderBy(asc(track.position), asc(track.id));
  const states = [];
  for (const t of tracks) {
    states.push({
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      ...(await readCommitteeTrack(db, { track: t, rule: rule ?? null })),
    });
  }
  return {
    campaign: { slug: c.slug, title: c.title, stage: c.stage },
    rule: rule
      ? {
          membersDue: rule.membersDue,
          quorum: rule.quorum,
          threshold: rule.threshold,
          tieBreak: rule.tieBreak,
        }
      : null,
    // Every sitting belongs to a track, so the tracks' rounds tell whether one is confirmed.
    ruleLocked: states.some((t) => t.sessions.some((s) => s.status === 'confirmed')),
    tracks: states,
  };
}
