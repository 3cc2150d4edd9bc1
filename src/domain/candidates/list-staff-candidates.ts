import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, candidate, tally, track } from '#src/db/schema/index.ts';
import type { CampaignStage, CandidateStatus } from '#src/schemas/enums.ts';
import { DomainError } from '../errors.ts';
import type { StaffCandidateView } from './staff-candidate-view.ts';

export interface ListStaffCandidatesInput {
  campaignSlug: string;
  track?: string | undefined;
  status?: CandidateStatus | undefined;
  /** Matched against name, organisation, post and the unit head, ignoring case and spaces. */
  q?: string | undefined;
}

/** A row of the staff table: the long texts (deeds, CV) are left to the detail view. */
export type StaffCandidateListItem = Pick<
  StaffCandidateView,
  | 'id'
  | 'track'
  | 'trackKind'
  | 'number'
  | 'status'
  | 'name'
  | 'organisation'
  | 'district'
  | 'sector'
  | 'currentPost'
  | 'headName'
  | 'summary'
  | 'portraitId'
  | 'votes'
  | 'updatedAt'
>;

export interface StaffCandidateList {
  campaign: { slug: string; stage: CampaignStage };
  candidates: StaffCandidateListItem[];
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');

/**
 * Every candidate of a campaign whatever its status, with its vote count: staff always see
 * counts (the public may not while the vote runs; this list never reaches a public page).
 * Ordered by track, then ballot number.
 */
export async function listStaffCandidates(
  db: Db,
  input: ListStaffCandidatesInput,
): Promise<StaffCandidateList> {
  const c = await db.query.campaign.findFirst({ where: eq(campaign.slug, input.campaignSlug) });
  if (!c) throw new DomainError('not_found', 'campaign_not_found', { slug: input.campaignSlug });
  const conditions: SQL[] = [eq(candidate.campaignId, c.id)];
  if (input.track) {
    const t = await db.query.track.findFirst({
      where: and(eq(track.campaignId, c.id), eq(track.slug, input.track)),
    });
    if (!t) throw new DomainError('not_found', 'track_not_found', { slug: input.track });
    conditions.push(eq(candidate.trackId, t.id));
  }
  if (input.status) conditions.push(eq(candidate.status, input.status));
  const rows = await db
    .select({
      id: candidate.id,
      track: track.slug,
      trackKind: track.kind,
      number: candidate.number,
      status: candidate.status,
      name: candidate.name,
      organisation: candidate.organisation,
      district: candidate.district,
      sector: candidate.sector,
      currentPost: candidate.currentPost,
      headName: candidate.headName,
      summary: candidate.summary,
      portraitId: candidate.portraitId,
      votes: tally.votes,
      updatedAt: candidate.updatedAt,
    })
    .from(candidate)
    .innerJoin(track, eq(track.id, candidate.trackId))
    .leftJoin(tally, eq(tally.candidateId, candidate.id))
    .where(and(...conditions))
    .orderBy(asc(track.position), asc(track.id), asc(candidate.number));
  const q = squash(input.q ?? '');
  const matching =
    q === ''
      ? rows
      : rows.filter((r) =>
          [r.name, r.organisation, r.currentPost ?? '', r.headName ?? ''].some((f) =>
            squash(f).includes(q),
          ),
        );
  return {
    campaign: { slug: c.slug, stage: c.stage },
    candidates: matching.map((r) => ({
      ...r,
      votes: r.votes ?? 0,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}
