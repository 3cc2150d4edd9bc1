import { and, eq, max } from 'drizzle-orm';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import type { Db, Tx } from '#src/db/client.ts';
import { candidate, media } from '#src/db/schema/index.ts';
import type { CandidateInput } from '#src/schemas/candidate-input.ts';
import type { CandidateStatus, TrackKind } from '#src/schemas/enums.ts';
import { recordAuditEntry, type AuditActor } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { buildCandidateColumns, personalColumnsCleared } from './build-candidate-columns.ts';
import { checkListedValues } from './check-listed-values.ts';
import { getCampaignTrack } from './get-campaign-track.ts';
import {
  candidateSnapshot,
  toStaffCandidateView,
  type StaffCandidateView,
} from './staff-candidate-view.ts';

export interface CreateCandidateInput {
  campaignSlug: string;
  trackSlug: string;
  candidate: CandidateInput;
  actorId: number | null;
  now: Date;
}

/** The number after the highest one in the track (1 for an empty track). */
async function nextCandidateNumber(tx: Db | Tx, trackId: number): Promise<number> {
  const [row] = await tx
    .select({ top: max(candidate.number) })
    .from(candidate)
    .where(eq(candidate.trackId, trackId));
  return (row?.top ?? 0) + 1;
}

export async function isCandidateNumberTaken(
  tx: Db | Tx,
  trackId: number,
  number: number,
): Promise<boolean> {
  const row = await tx.query.candidate.findFirst({
    columns: { id: true },
    where: and(eq(candidate.trackId, trackId), eq(candidate.number, number)),
  });
  return row !== undefined;
}

/** A portrait must be an uploaded image; the foreign key would refuse it with a bare error. */
export async function assertPortraitExists(tx: Db | Tx, portraitId: unknown): Promise<void> {
  if (typeof portraitId !== 'string' || portraitId === '') return;
  const row = await tx.query.media.findFirst({
    columns: { id: true },
    where: eq(media.id, portraitId),
  });
  if (!row) throw new DomainError('invalid_request', 'portrait_not_found', { portraitId });
}

/**
 * Writes a new candidate of `track` (whose kind's personal columns stay empty) with its
 * `candidate.create` audit entry; `note` adds to the entry what the row came from, e.g. the
 * spreadsheet row of an import.
 */
export async function insertCandidate(
  tx: Tx,
  by: AuditActor,
  values: {
    campaignId: number;
    track: { id: number; kind: TrackKind };
    fields: Record<string, unknown> & { name: string };
    number: number;
    status: CandidateStatus;
  },
  note: Record<string, unknown> = {},
): Promise<typeof candidate.$inferSelect> {
  const [row] = await tx
    .insert(candidate)
    .values({
      ...personalColumnsCleared(values.track.kind),
      ...buildCandidateColumns(values.fields),
      name: values.fields.name,
      number: values.number,
      status: values.status,
      campaignId: values.campaignId,
      trackId: values.track.id,
      createdAt: by.now,
      updatedAt: by.now,
    })
    .returning();
  await recordAuditEntry(tx, by, {
    action: 'candidate.create',
    entityType: 'candidate',
    entityId: row!.id,
    after: { ...candidateSnapshot(row!), ...note },
  });
  return row!;
}

function isNumberClash(e: unknown): boolean {
  return databaseErrorMentions(e, 'UNIQUE constraint failed: candidate.track_id, candidate.number');
}

/**
 * Enters a nominated candidate into a track. The number is the next free one unless staff give
 * one (posters may already be printed); a number is unique within its track.
 */
export async function createCandidate(
  db: Db,
  input: CreateCandidateInput,
): Promise<StaffCandidateView> {
  const { campaign: c, track: t } = await getCampaignTrack(db, input.campaignSlug, input.trackSlug);
  const { kind, ...fields } = input.candidate;
  if (kind !== t.kind) {
    throw new DomainError('invalid_request', 'candidate_kind_mismatch', {
      expected: t.kind,
      given: kind,
    });
  }
  checkListedValues(c, fields);
  const row = await db
    .transaction(async (tx) => {
      await assertPortraitExists(tx, fields.portraitId);
      let number = fields.number;
      if (number === undefined) {
        number = await nextCandidateNumber(tx, t.id);
      } else if (await isCandidateNumberTaken(tx, t.id, number)) {
        throw new DomainError('conflict', 'candidate_number_taken', { number, track: t.slug });
      }
      return insertCandidate(tx, input, {
        campaignId: c.id,
        track: t,
        fields,
        number,
        status: 'nominated',
      });
    })
    .catch((e: unknown) => {
      // Another process may take the same number between the check and the insert; the
      // unique index then refuses it, and staff get the same answer as for a known clash.
      if (isNumberClash(e)) {
        throw new DomainError('conflict', 'candidate_number_taken', { track: t.slug });
      }
      throw e;
    });
  return toStaffCandidateView(
    row,
    { campaign: c.slug, campaignStage: c.stage, track: t.slug, trackKind: t.kind },
    0,
  );
}
