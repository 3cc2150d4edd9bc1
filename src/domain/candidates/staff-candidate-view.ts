import type { candidate } from '#src/db/schema/index.ts';
import { pickFields } from '#src/schemas/candidate-input.ts';
import type { CampaignStage, TrackKind } from '#src/schemas/enums.ts';
import { editableColumns, type EditableColumn } from './build-candidate-columns.ts';

type CandidateRow = typeof candidate.$inferSelect;

export interface CandidateContext {
  campaign: string;
  campaignStage: CampaignStage;
  track: string;
  trackKind: TrackKind;
}

/** A candidate as staff see it: every field, any status, and its public vote count. */
export type StaffCandidateView = Pick<CandidateRow, 'id' | 'status' | EditableColumn> &
  CandidateContext & {
    votes: number;
    createdAt: string;
    updatedAt: string;
  };

export function toStaffCandidateView(
  row: CandidateRow,
  context: CandidateContext,
  votes: number,
): StaffCandidateView {
  return {
    id: row.id,
    ...context,
    status: row.status,
    ...pickFields(row, editableColumns),
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
  return { status: row.status, ...pickFields(row, editableColumns) };
}
