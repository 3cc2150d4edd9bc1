import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ballot, campaign, track } from '../../db/schema/index.ts';
import { localDay } from '../clock.ts';
import { DomainError } from '../errors.ts';
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
  input: { campaignSlug: string; now: Date },
): Promise<VoteSummary> {
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, input.campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
  const today = localDay(input.now, c.timeZone);
  const hourAgo = new Date(input.now.getTime() - 3600_000);
  const counted = and(eq(ballot.campaignId, c.id), eq(ballot.status, 'counted'));
  const [tracks, rows, integrity] = await Promise.all([
    db.select().from(track).where(eq(track.campaignId, c.id)),
    db
      .select({
        trackId: ballot.trackId,
        total: sql<number>`count(*)`,
        today: sql<number>`sum(case when ${ballot.day} = ${today} then 1 else 0 end)`,
        lastHour: sql<number>`sum(case when ${ballot.castAt} >= ${hourAgo.getTime()} then 1 else 0 end)`,
      })
      .from(ballot)
      .where(counted)
      .groupBy(ballot.trackId),
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
    tracks: tracks
      .sort((a, b) => a.position - b.position || a.id - b.id)
      .map((t) => {
        const r = rows.find((x) => x.trackId === t.id);
        return {
          slug: t.slug,
          name: t.name,
          today: Number(r?.today ?? 0),
          total: Number(r?.total ?? 0),
          lastHour: Number(r?.lastHour ?? 0),
        };
      }),
    openFlags: integrity.flaggedWindows.length,
  };
}
