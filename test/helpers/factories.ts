import type { Db } from '#src/db/client.ts';
import { sql } from 'drizzle-orm';
import { newReceiptCode } from '#src/domain/ballots/receipt-code.ts';
import { localDay } from '#src/domain/clock.ts';
import {
  ballot,
  ballotPick,
  campaign,
  candidate,
  notice,
  noticeRevision,
  tally,
  track,
} from '#src/db/schema/index.ts';
import type { NoticeContent } from '#src/schemas/notice-content.ts';

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

type CampaignInsert = typeof campaign.$inferInsert;
type TrackInsert = typeof track.$inferInsert;
type CandidateInsert = typeof candidate.$inferInsert;

const hour = 3600_000;

/** A campaign in its public vote, open from an hour before `now` until a day after. */
export async function makeCampaign(db: Db, now: Date, overrides: Partial<CampaignInsert> = {}) {
  const slug = overrides.slug ?? `c-${unique()}`;
  const [row] = await db
    .insert(campaign)
    .values({
      slug,
      year: 2026,
      title: `测试评选 ${slug}`,
      organiser: '测试组织部',
      stage: 'public_vote',
      voteOpensAt: new Date(now.getTime() - hour),
      voteClosesAt: new Date(now.getTime() + 24 * hour),
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeTrack(db: Db, campaignId: number, overrides: Partial<TrackInsert> = {}) {
  const [row] = await db
    .insert(track)
    .values({
      campaignId,
      slug: `t-${unique()}`,
      kind: 'individual',
      name: '测试类别',
      quota: 5,
      maxPicks: 3,
      minPicks: 1,
      ...overrides,
    })
    .returning();
  return row!;
}

let number = 0;
export async function makeCandidate(
  db: Db,
  t: { id: number; campaignId: number },
  overrides: Partial<CandidateInsert> = {},
) {
  const [row] = await db
    .insert(candidate)
    .values({
      campaignId: t.campaignId,
      trackId: t.id,
      number: ++number,
      status: 'shortlisted',
      name: `候选人${number}`,
      summary: '测试摘要',
      deeds: '测试事迹',
      ...overrides,
    })
    .returning();
  return row!;
}

/** A campaign with one open track and `n` shortlisted candidates. */
export async function makeOpenBallot(
  db: Db,
  now: Date,
  n = 5,
  trackOverrides: Partial<TrackInsert> = {},
) {
  const c = await makeCampaign(db, now);
  const t = await makeTrack(db, c.id, trackOverrides);
  const candidates = [];
  for (let i = 0; i < n; i++) candidates.push(await makeCandidate(db, t));
  return { campaign: c, track: t, candidates };
}

let ballotSeq = 0;

/**
 * A counted ballot cast at a given time (the API always casts "now"), with its picks and tally
 * increments, as castBallot would write them. For background traffic in integrity tests.
 */
export async function makeCountedBallot(
  db: Db,
  input: {
    campaignId: number;
    trackId: number;
    candidateIds: number[];
    castAt: Date;
    /** Keyed hashes as the site writes them (43 characters) when a test needs to void by them. */
    addressHash?: string;
    networkHash?: string;
    /** The ballot's number among its address's ballots of the day (unique per address). */
    addressSeq?: number;
  },
) {
  const n = ++ballotSeq;
  const tag = `${unique()}${n}`.padEnd(22, 'x');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ballot)
      .values({
        receipt: newReceiptCode(),
        campaignId: input.campaignId,
        trackId: input.trackId,
        deviceHash: `device-${tag}`,
        addressHash: input.addressHash ?? `address-${tag}`,
        networkHash: input.networkHash ?? `network-${tag}`,
        day: localDay(input.castAt, 'Asia/Shanghai'),
        deviceSeq: 1,
        addressSeq: input.addressSeq ?? 1,
        castAt: input.castAt,
      })
      .returning({ id: ballot.id });
    for (const candidateId of input.candidateIds) {
      await tx.insert(ballotPick).values({ ballotId: row!.id, candidateId });
      await tx
        .insert(tally)
        .values({ candidateId, votes: 1 })
        .onConflictDoUpdate({ target: tally.candidateId, set: { votes: sql`${tally.votes} + 1` } });
    }
  });
}

/** The framing fields of a notice, as both the notice row and its revision carry them. */
export type NoticeFields = Pick<
  NoticeContent,
  | 'serial'
  | 'title'
  | 'lead'
  | 'periodStart'
  | 'periodEnd'
  | 'reportPhone'
  | 'reportAddress'
  | 'reportPostcode'
  | 'reportVisit'
  | 'reportWeb'
  | 'reportRules'
  | 'signature'
  | 'signedOn'
>;

/**
 * A published notice with its revision 1, written as publishNotice writes them (five working
 * days, no photos or summaries), for tests that need a notice the demo does not have.
 */
export async function makePublishedNotice(
  db: Db,
  options: {
    campaignId: number;
    slug: string;
    fields: NoticeFields;
    entries: NoticeContent['entries'];
    publishedAt: Date;
  },
) {
  const [row] = await db
    .insert(notice)
    .values({
      campaignId: options.campaignId,
      slug: options.slug,
      status: 'published',
      publishedAt: options.publishedAt,
      currentRevision: 1,
      ...options.fields,
    })
    .returning();
  const content: NoticeContent = {
    ...options.fields,
    entryOrder: 'number',
    workingDays: 5,
    showPhotos: false,
    showSummaries: false,
    entries: options.entries,
  };
  await db
    .insert(noticeRevision)
    .values({ noticeId: row!.id, revision: 1, content, publishedAt: options.publishedAt });
  return row!;
}
