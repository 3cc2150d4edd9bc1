import type { candidate } from '#src/db/schema/index.ts';
import type { CampaignStage, CandidateStatus, TrackKind } from '#src/schemas/enums.ts';
import { editableColumns } from './build-candidate-columns.ts';

type CandidateRow = typeof candidate.$inferSelect;

/** A candidate as staff see it: every field, any status, and its public vote count. */
export interface StaffCandidateView {
  id: number;
  campaign: string;
  campaignStage: CampaignStage;
  track: string;
  trackKind: TrackKind;
  number: number;
  status: CandidateStatus;
  name: string;
  organisation: string;
  district: string;
  sector: string;
  sex: string | null;
  ethnicity: string | null;
  birth: string | null;
  nativePlace: string | null;
  politicalAffiliation: string | null;
  partyJoined: string | null;
  workStarted: string | null;
  education: string | null;
  degree: string | null;
  currentPost: string | null;
  cv: string | null;
  headName: string | null;
  headTitle: string | null;
  summary: string;
  deeds: string;
  portraitId: string | null;
  votes: number;
  createdAt: string;
  updatedAt: string;
}

export interface CandidateContext {
  campaign: string;
  campaignStage: CampaignStage;
  track: string;
  trackKind: TrackKind;
}

export function toStaffCandidateView(
  row: CandidateRow,
  context: CandidateContext,
  votes: number,
): StaffCandidateView {
  return {
    id: row.id,
    ...context,
    number: row.number,
    status: row.status,
    name: row.name,
    organisation: row.organisation,
    district: row.district,
    sector: row.sector,
    sex: row.sex,
    ethnicity: row.ethnicity,
    birth: row.birth,
    nativePlace: row.nativePlace,
    politicalAffiliation: row.politicalAffiliation,
    partyJoined: row.partyJoined,
    workStarted: row.workStarted,
    education: row.education,
    degree: row.degree,
    currentPost: row.currentPost,
    cv: row.cv,
    headName: row.headName,
    headTitle: row.headTitle,
    summary: row.summary,
    deeds: row.deeds,
    portraitId: row.portraitId,
    votes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The audit log's picture of a candidate: the editable fields and the status, picked one by
 * one so that a column added later is a decision, not an accident.
 */
export function candidateSnapshot(row: CandidateRow): Record<string, unknown> {
  const out: Record<string, unknown> = { status: row.status };
  for (const key of editableColumns) out[key] = row[key];
  return out;
}
