import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { campaign, candidate } from '#src/db/schema/index.ts';
import { fieldIssueOf } from '#src/i18n/validation-messages.ts';
import { candidatePatchSchemaFor, type CandidatePatch } from '#src/schemas/candidate-input.ts';
import type { CandidateStatus } from '#src/schemas/enums.ts';
import { isResultPublished } from '../campaigns/voting-window.ts';
import { changedFields } from '../audit/changed-fields.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { buildCandidateColumns } from './build-candidate-columns.ts';
import { checkListedValues } from './check-listed-values.ts';
import { assertPortraitExists, isCandidateNumberTaken } from './create-candidate.ts';
import { loadCandidate } from './get-staff-candidate.ts';
import { toStaffCandidateView, type StaffCandidateView } from './staff-candidate-view.ts';

export interface UpdateCandidateInput {
  id: number;
  patch: CandidatePatch;
  actorId: number | null;
  now: Date;
}

const decided: readonly CandidateStatus[] = ['elected', 'not_elected'];

/**
 * Changes some fields of a candidate. Once the result is being published (publicity) or final
 * (concluded), an elected or not-elected candidate's record is what the notice says: it is
 * refused with `candidate_locked`. Only the fields that really change are written and audited.
 */
export async function updateCandidate(
  db: Db,
  input: UpdateCandidateInput,
): Promise<StaffCandidateView> {
  return db.transaction(async (tx) => {
    const { row, context, votes } = await loadCandidate(tx, input.id);
    if (decided.includes(row.status) && isResultPublished(context.campaignStage)) {
      throw new DomainError('conflict', 'candidate_locked', {
        id: row.id,
        status: row.status,
        stage: context.campaignStage,
      });
    }
    // The route checked the shape for any kind; only now is the candidate's kind known.
    const parsed = candidatePatchSchemaFor(context.trackKind).safeParse(input.patch);
    if (!parsed.success) {
      throw new DomainError('invalid_request', 'candidate_fields_invalid', {
        kind: context.trackKind,
        issues: parsed.error.issues.map(fieldIssueOf),
      });
    }
    const wanted = buildCandidateColumns(parsed.data);
    const change = changedFields(row, wanted);
    if (!change) return toStaffCandidateView(row, context, votes);
    const { after } = change;
    if ('district' in after || 'sector' in after) {
      // Only a changed value is held to the lists: an older one stays until someone edits it.
      const lists = await tx.query.campaign.findFirst({
        columns: { districts: true, sectors: true },
        where: eq(campaign.id, row.campaignId),
      });
      checkListedValues(lists!, {
        district: after.district as string | null | undefined,
        sector: after.sector as string | null | undefined,
      });
    }
    if (
      'number' in after &&
      (await isCandidateNumberTaken(tx, row.trackId, after.number as number))
    ) {
      throw new DomainError('conflict', 'candidate_number_taken', {
        number: after.number,
        track: context.track,
      });
    }
    if ('portraitId' in after) await assertPortraitExists(tx, after.portraitId);
    const [updated] = await tx
      .update(candidate)
      .set({ ...after, updatedAt: input.now })
      .where(eq(candidate.id, row.id))
      .returning();
    await recordAuditEntry(tx, input, {
      action: 'candidate.update',
      entityType: 'candidate',
      entityId: row.id,
      ...change,
    });
    return toStaffCandidateView(updated!, context, votes);
  });
}
