import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { candidate, committeeRule, notice, track } from '#src/db/schema/index.ts';
import { campaignStages, type CampaignStage, type CandidateStatus } from '#src/schemas/enums.ts';
import { countCandidatesByStatus } from '../candidates/count-candidates-by-status.ts';
import { localDay } from '../clock.ts';
import { findCampaignNoticeContent } from '../notices/notice-revisions.ts';
import type { CampaignRow } from './get-campaign.ts';

/** One thing still missing before a campaign may enter a stage; `reason` names its message. */
export interface UnmetPrecondition {
  reason: string;
  [param: string]: unknown;
}

export function nextStageOf(stage: CampaignStage): CampaignStage | null {
  const i = campaignStages.indexOf(stage);
  return campaignStages[i + 1] ?? null;
}

/**
 * What must be true before a campaign enters `to` (the stage after its current one). The
 * selection is differential (差额): every round needs more candidates than places, so a vote
 * never opens on a list that is already the result.
 */
export async function checkStagePreconditions(
  db: Db | Tx,
  c: CampaignRow,
  to: CampaignStage,
  now: Date,
): Promise<UnmetPrecondition[]> {
  const missing: UnmetPrecondition[] = [];
  const tracks = await db.select().from(track).where(eq(track.campaignId, c.id));
  if (tracks.length === 0) return [{ reason: 'precondition_no_tracks' }];
  const counts = await countCandidatesByStatus(db, c.id);
  const count = (trackId: number, ...statuses: CandidateStatus[]) =>
    statuses.reduce((sum, s) => sum + (counts.get(trackId)?.[s] ?? 0), 0);
  // The selection is differential (差额): each stage needs more candidates than places.
  const checkDifferential = (
    t: (typeof tracks)[number],
    reason: string,
    ...statuses: CandidateStatus[]
  ) => {
    const have = count(t.id, ...statuses);
    if (have <= t.quota) missing.push({ reason, track: t.name, have, quota: t.quota });
  };

  if (to === 'review') {
    for (const t of tracks) {
      checkDifferential(t, 'precondition_few_nominations', 'nominated', 'shortlisted');
    }
  }
  if (to === 'public_vote') {
    if (!c.voteOpensAt || !c.voteClosesAt) missing.push({ reason: 'precondition_vote_window' });
    else if (c.voteClosesAt.getTime() <= now.getTime()) {
      missing.push({ reason: 'precondition_vote_window_past' });
    }
    // Shortlisted candidates without a summary or deeds, per track, in one query.
    const bare = await db
      .select({ trackId: candidate.trackId, n: sql<number>`count(*)` })
      .from(candidate)
      .where(
        and(
          eq(candidate.campaignId, c.id),
          eq(candidate.status, 'shortlisted'),
          sql`(trim(${candidate.summary}) = '' or trim(${candidate.deeds}) = '')`,
        ),
      )
      .groupBy(candidate.trackId);
    for (const t of tracks) {
      checkDifferential(t, 'precondition_few_public_candidates', 'shortlisted');
      const withoutDeeds = Number(bare.find((b) => b.trackId === t.id)?.n ?? 0);
      if (withoutDeeds > 0) {
        missing.push({ reason: 'precondition_deeds_missing', track: t.name, count: withoutDeeds });
      }
    }
  }
  if (to === 'second_shortlist') {
    if (c.voteClosesAt && c.voteClosesAt.getTime() > now.getTime()) {
      missing.push({
        reason: 'precondition_vote_still_open',
        closesAt: c.voteClosesAt.toISOString(),
      });
    }
  }
  if (to === 'committee_vote') {
    for (const t of tracks) {
      checkDifferential(t, 'precondition_few_second_shortlist', 'second_shortlist');
    }
    const rule = await db.query.committeeRule.findFirst({
      where: eq(committeeRule.campaignId, c.id),
    });
    if (!rule) missing.push({ reason: 'precondition_committee_rule' });
  }
  if (to === 'publicity') {
    for (const t of tracks) {
      const pending = count(t.id, 'second_shortlist');
      if (pending > 0) {
        missing.push({ reason: 'precondition_committee_pending', track: t.name, count: pending });
      }
      const elected = count(t.id, 'elected');
      if (elected === 0) missing.push({ reason: 'precondition_none_elected', track: t.name });
      if (elected > t.quota) {
        missing.push({ reason: 'precondition_over_quota', track: t.name, elected, quota: t.quota });
      }
    }
  }
  if (to === 'concluded') {
    const [published] = await db
      .select({ periodEnd: notice.periodEnd })
      .from(notice)
      .where(and(eq(notice.campaignId, c.id), eq(notice.status, 'published')))
      .orderBy(desc(notice.periodEnd))
      .limit(1);
    if (!published) missing.push({ reason: 'precondition_notice_unpublished' });
    else if (published.periodEnd >= localDay(now, c.timeZone)) {
      missing.push({ reason: 'precondition_notice_running', periodEnd: published.periodEnd });
    } else if (!(await hasStatedOutcome(db, c.id))) {
      // The conclusion rests on the outcome: whose naming is suspended must be said first.
      missing.push({ reason: 'precondition_outcome_unpublished' });
    }
  }
  return missing;
}

/** Whether the campaign's notice states the outcome of its publicity in its latest revision. */
async function hasStatedOutcome(db: Db | Tx, campaignId: number): Promise<boolean> {
  const latest = await findCampaignNoticeContent(db, campaignId);
  return latest?.content.outcome !== undefined;
}
