import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballot, ballotCount } from '#src/db/schema/index.ts';
import type { CampaignSummary } from '../campaigns/list-campaigns.ts';
import { localDay } from '../clock.ts';
import { analyseVoteIntegrity } from './analyse-vote-integrity.ts';

export interface VoteSummary {
  campaign: { slug: string; title: string };
  /** The local day "today" counts, `YYYY-MM-DD` in the campaign's time zone. */
  today: string;
  tracks: {
    slug: string;
    name: string;
    /** Counted ballots cast today. */
    today: number;
    /** Counted ballots since the vote opened. */
    total: number;
    /** Counted ballots in the last 60 minutes: the current rate per hour. */
    lastHour: number;
  }[];
  /** Minutes flagged by the stuffing signals in the last 24 hours (see the monitor page). */
  openFlags: number;
}

/**
 * "How is the vote going", in one look: ballots today and in all per track, the last hour's
 * rate, and how many minutes of the last day the stuffing signals flag. Counted ballots only
 * (voided ones are out of the figures, as in the tallies).
 */
export async function summariseVote(
  db: Db,
  input: { campaign: CampaignSummary; now: Date },
): Promise<VoteSummary> {
  const { campaign: c, tracks } = input.campaign;
  const today = localDay(input.now, c.timeZone);
  const hourAgo = new Date(input.now.getTime() - 3600_000);
  // Today's and the last hour's ballots lie within the last 26 hours (a local day with a clock
  // change lasts 25): the campaign's time index reads only those, not the whole vote.
  const recentFrom = new Date(input.now.getTime() - 26 * 3600_000);
  const [rows, totals, integrity] = await Promise.all([
    db
      .select({
        trackId: ballot.trackId,
        today: sql<number>`sum(case when ${ballot.day} = ${today} then 1 else 0 end)`,
        lastHour: sql<number>`sum(case when ${ballot.castAt} >= ${hourAgo.getTime()} then 1 else 0 end)`,
      })
      .from(ballot)
      .where(
        and(
          eq(ballot.campaignId, c.id),
          gte(ballot.castAt, recentFrom),
          eq(ballot.status, 'counted'),
        ),
      )
      .groupBy(ballot.trackId),
    // Kept by triggers as ballots are cast and voided (as the results page reads them).
    db
      .select({ trackId: ballotCount.trackId, n: ballotCount.ballots })
      .from(ballotCount)
      .where(
        and(
          inArray(
            ballotCount.trackId,
            tracks.map((t) => t.id),
          ),
          eq(ballotCount.status, 'counted'),
        ),
      ),
    analyseVoteIntegrity(db, {
      campaignSlug: c.slug,
      from: new Date(input.now.getTime() - 24 * 3600_000),
      to: input.now,
      now: input.now,
    }),
  ]);
  return {
    campaign: { slug: c.slug, title: c.title },
    today,
    tracks: [...tracks]
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((t) => {
        const r = rows.find((x) => x.trackId === t.id);
        return {
          slug: t.slug,
          name: t.name,
          today: Number(r?.today ?? 0),
          total: Number(totals.find((x) => x.trackId === t.id)?.n ?? 0),
          lastHour: Number(r?.lastHour ?? 0),
        };
      }),
    openFlags: integrity.flaggedWindows.length,
  };
}
