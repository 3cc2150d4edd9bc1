import { asc, eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { ballot, ballotPick, campaign, candidate, track } from '#src/db/schema/index.ts';
import { startOfNextLocalDay } from '../clock.ts';
import { DomainError } from '../errors.ts';
import { votingStateOf } from '../campaigns/voting-window.ts';
import { normaliseReceiptCode } from './receipt-code.ts';

export interface ReceiptStatus {
  receipt: string;
  status: 'counted' | 'invalidated';
  /** Category of the reason a ballot was voided; never the evidence itself. */
  reasonCategory: string | null;
  castAt: Date;
  campaign: { slug: string; title: string; titleEn: string };
  track: { slug: string; name: string; nameEn: string };
  /** What the ballot picked, by number: the same to whoever holds the code. */
  picks: { id: number; number: number; name: string }[];
  /**
   * When the device that cast it could vote again in the track (the next local day, or the
   * moment of this ballot while that day had ballots left), or null once voting has closed.
   */
  nextBallotAt: Date | null;
}

export async function getReceipt(db: Db, code: string, now: Date): Promise<ReceiptStatus> {
  const receipt = normaliseReceiptCode(code);
  if (!receipt) throw new DomainError('invalid_request', 'receipt_malformed');
  const [row] = await db
    .select({
      id: ballot.id,
      receipt: ballot.receipt,
      status: ballot.status,
      invalidReason: ballot.invalidReason,
      castAt: ballot.castAt,
      deviceSeq: ballot.deviceSeq,
      campaignSlug: campaign.slug,
      campaignTitle: campaign.title,
      campaignTitleEn: campaign.titleEn,
      stage: campaign.stage,
      voteOpensAt: campaign.voteOpensAt,
      voteClosesAt: campaign.voteClosesAt,
      timeZone: campaign.timeZone,
      trackSlug: track.slug,
      trackName: track.name,
      trackNameEn: track.nameEn,
      perDevice: track.ballotsPerDevicePerDay,
    })
    .from(ballot)
    .innerJoin(campaign, eq(campaign.id, ballot.campaignId))
    .innerJoin(track, eq(track.id, ballot.trackId))
    .where(eq(ballot.receipt, receipt))
    .limit(1);
  if (!row) throw new DomainError('not_found', 'receipt_not_found');
  const picks = await db
    .select({ id: candidate.id, number: candidate.number, name: candidate.name })
    .from(ballotPick)
    .innerJoin(candidate, eq(candidate.id, ballotPick.candidateId))
    .where(eq(ballotPick.ballotId, row.id))
    .orderBy(asc(candidate.number));
  const next =
    row.deviceSeq < row.perDevice ? row.castAt : startOfNextLocalDay(row.castAt, row.timeZone);
  const window = { stage: row.stage, voteOpensAt: row.voteOpensAt, voteClosesAt: row.voteClosesAt };
  const open = votingStateOf(window, now) === 'open' && votingStateOf(window, next) === 'open';
  return {
    receipt: row.receipt,
    status: row.status,
    reasonCategory: row.status === 'invalidated' ? (row.invalidReason ?? 'other') : null,
    castAt: row.castAt,
    campaign: { slug: row.campaignSlug, title: row.campaignTitle, titleEn: row.campaignTitleEn },
    track: { slug: row.trackSlug, name: row.trackName, nameEn: row.trackNameEn },
    picks,
    nextBallotAt: open ? (next > now ? next : now) : null,
  };
}
