import type { z } from 'zod';
import type { CampaignRow, StageDateRow, TrackRow } from '../domain/campaigns/get-campaign.ts';
import { votingStateOf } from '../domain/campaigns/voting-window.ts';
import type { CandidateRow } from '../domain/candidates/list-public-candidates.ts';
import { personParticulars, pickFields } from '../schemas/candidate-input.ts';
import type {
  campaignDetailSchema,
  campaignSummarySchema,
  publicCandidateSchema,
  trackSchema,
} from '../schemas/api.ts';

/** Maps rows to the documented public shapes; internal columns never reach a response. */
function presentTrack(t: TrackRow): z.infer<typeof trackSchema> {
  return {
    slug: t.slug,
    kind: t.kind,
    name: t.name,
    description: t.description,
    quota: t.quota,
    maxPicks: t.maxPicks,
    minPicks: t.minPicks,
    ballotsPerDay: t.ballotsPerDevicePerDay,
  };
}

export function presentCampaignSummary(
  c: CampaignRow,
  tracks: TrackRow[],
  now: Date,
): z.infer<typeof campaignSummarySchema> {
  return {
    slug: c.slug,
    year: c.year,
    title: c.title,
    organiser: c.organiser,
    stage: c.stage,
    votingState: votingStateOf(c, now),
    voteOpensAt: c.voteOpensAt?.toISOString() ?? null,
    voteClosesAt: c.voteClosesAt?.toISOString() ?? null,
    countsVisibility: c.countsVisibility,
    tracks: tracks.map(presentTrack),
  };
}

export function presentCampaignDetail(
  c: CampaignRow,
  tracks: TrackRow[],
  stageDates: StageDateRow[],
  now: Date,
): z.infer<typeof campaignDetailSchema> {
  return {
    ...presentCampaignSummary(c, tracks, now),
    intro: c.intro,
    timeZone: c.timeZone,
    stageDates: stageDates.map((s) => ({ stage: s.stage, startsOn: s.startsOn, endsOn: s.endsOn })),
  };
}

function mediaPath(id: string | null): string | null {
  return id ? `/api/media/${id}` : null;
}

export function presentCandidate(
  row: CandidateRow,
  t: TrackRow,
): z.infer<typeof publicCandidateSchema> {
  return {
    id: row.id,
    number: row.number,
    track: t.slug,
    kind: t.kind,
    name: row.name,
    organisation: row.organisation,
    district: row.district,
    sector: row.sector,
    summary: row.summary,
    deeds: row.deeds,
    portraitUrl: mediaPath(row.portraitId),
    ...pickFields(row, personParticulars),
    cv: row.cv ? row.cv.split('\n').filter((l) => l.trim() !== '') : [],
    headName: row.headName,
    headTitle: row.headTitle,
  };
}
