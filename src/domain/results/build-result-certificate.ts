import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '#src/db/client.ts';
import { ballot, ballotPick, candidate } from '#src/db/schema/index.ts';
import type { VoidReasonCategory } from '#src/schemas/integrity.ts';
import { voidReasonCategories } from '#src/schemas/integrity.ts';
import type { CertificateTrack, ResultCertificate } from '#src/schemas/result-certificate.ts';
import type { CampaignDetail } from '../campaigns/get-campaign.ts';
import { publicCandidateCondition } from '../candidates/public-candidate-condition.ts';
import { countPaperChannels, type PaperCount } from '../paper/count-paper-channels.ts';
import { joinTrackChannels } from './join-track-channels.ts';

/**
 * `votes ÷ counted` rounded half up to four decimals, as text: integer arithmetic only, so every
 * language gets the same digits (a float's rounding would not).
 */
export function certificateShare(votes: number, counted: number): string {
  if (counted <= 0) return '0.0000';
  const tenThousandths = Math.floor((2 * votes * 10_000 + counted) / (2 * counted));
  return `${Math.floor(tenThousandths / 10_000)}.${String(tenThousandths % 10_000).padStart(4, '0')}`;
}

const byReason = (counts: Map<VoidReasonCategory, number>) =>
  voidReasonCategories
    .filter((r) => (counts.get(r) ?? 0) > 0)
    .map((r) => ({ reason: r, ballots: counts.get(r)! }));

/**
 * The figures a certificate freezes, worked out from the ballots themselves (not from the
 * trigger-kept counts): per track the ballots received, voided per day and reason, counted; per
 * public candidate the votes on counted ballots and those lost with voided ones. Read in the
 * caller's transaction when certifying, so the figures are those of the moment the row is written.
 */
export async function buildResultCertificate(
  db: Db | Tx,
  detail: CampaignDetail,
  signed: { certifiedAt: Date; role: 'admin' | 'monitor' },
): Promise<ResultCertificate> {
  const c = detail.campaign;
  const [days, picks, listed, paper] = await Promise.all([
    db
      .select({
        trackId: ballot.trackId,
        day: ballot.day,
        status: ballot.status,
        reason: ballot.invalidReason,
        n: sql<number>`count(*)`,
      })
      .from(ballot)
      .where(eq(ballot.campaignId, c.id))
      .groupBy(ballot.trackId, ballot.day, ballot.status, ballot.invalidReason),
    db
      .select({
        candidateId: ballotPick.candidateId,
        status: ballot.status,
        n: sql<number>`count(*)`,
      })
      .from(ballotPick)
      .innerJoin(ballot, eq(ballot.id, ballotPick.ballotId))
      .where(eq(ballot.campaignId, c.id))
      .groupBy(ballotPick.candidateId, ballot.status),
    db
      .select({
        id: candidate.id,
        trackId: candidate.trackId,
        number: candidate.number,
        name: candidate.name,
      })
      .from(candidate)
      .where(and(eq(candidate.campaignId, c.id), publicCandidateCondition())),
    countPaperChannels(db, c.id),
  ]);
  const votesOf = (id: number, status: 'counted' | 'invalidated') =>
    Number(picks.find((p) => p.candidateId === id && p.status === status)?.n ?? 0);

  const tracks: CertificateTrack[] = detail.tracks.map((t) => withChannels(t, paper, online(t)));
  return {
    format: 'result-certificate/1',
    campaign: { slug: c.slug, title: c.title, organiser: c.organiser },
    vote: {
      opensAt: c.voteOpensAt?.toISOString() ?? null,
      closesAt: c.voteClosesAt?.toISOString() ?? null,
      timeZone: c.timeZone,
    },
    certifiedAt: signed.certifiedAt.toISOString(),
    certifiedByRole: signed.role,
    tracks,
  };

  function online(t: CampaignDetail['tracks'][number]): CertificateTrack {
    const rows = days.filter((d) => d.trackId === t.id);
    const dayNames = [...new Set(rows.map((r) => r.day))].sort();
    const reasonsAll = new Map<VoidReasonCategory, number>();
    const perDay = dayNames.map((day) => {
      const ofDay = rows.filter((r) => r.day === day);
      const reasons = new Map<VoidReasonCategory, number>();
      let received = 0;
      let counted = 0;
      for (const r of ofDay) {
        const n = Number(r.n);
        received += n;
        if (r.status === 'counted') counted += n;
        else {
          // A ballot voided before categories were required reads as "other".
          const reason = (voidReasonCategories as readonly string[]).includes(r.reason ?? '')
            ? (r.reason as VoidReasonCategory)
            : 'other';
          reasons.set(reason, (reasons.get(reason) ?? 0) + n);
          reasonsAll.set(reason, (reasonsAll.get(reason) ?? 0) + n);
        }
      }
      return { day, received, voided: byReason(reasons), counted };
    });
    const ballotsReceived = perDay.reduce((a, d) => a + d.received, 0);
    const ballotsCounted = perDay.reduce((a, d) => a + d.counted, 0);
    return {
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      quota: t.quota,
      ballotsReceived,
      ballotsVoided: ballotsReceived - ballotsCounted,
      ballotsCounted,
      voidedByReason: byReason(reasonsAll),
      days: perDay,
      candidates: listed
        .filter((x) => x.trackId === t.id)
        .sort((a, b) => a.number - b.number)
        .map((x) => {
          const votes = votesOf(x.id, 'counted');
          return {
            id: x.id,
            number: x.number,
            name: x.name,
            votes,
            votesVoided: votesOf(x.id, 'invalidated'),
            share: certificateShare(votes, ballotsCounted),
          };
        }),
    };
  }
}

/**
 * A track's certificate with its paper and on-site channels, when it runs any: each channel's
 * ballots, each candidate's votes per channel and in all, and the weighted score where the track
 * has weights. An online-only track's entry is left exactly as before (same canonical JSON).
 */
function withChannels(
  t: CampaignDetail['tracks'][number],
  paper: PaperCount,
  track: CertificateTrack,
): CertificateTrack {
  const joined = joinTrackChannels(t, paper, {
    received: track.ballotsReceived,
    voided: track.ballotsVoided,
    counted: track.ballotsCounted,
  });
  if (!joined) return track;
  return {
    ...track,
    channels: joined.channels,
    ballotsCountedAllChannels: joined.countedAllChannels,
    ...(joined.weights ? { weights: joined.weights } : {}),
    candidates: track.candidates.map((x) => ({ ...x, ...joined.votesOf(x.id, x.votes) })),
  };
}
