import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { candidate } from '#src/db/schema/index.ts';
import type { ImportableStatus } from '#src/schemas/candidate-input.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { insertCandidate } from './create-candidate.ts';
import { unlistedValues } from './check-listed-values.ts';
import { getCampaignTrack } from './get-campaign-track.ts';
import { candidateIdentity, type SheetFormat, type SheetIssue } from './parse-candidate-sheet.ts';
import { parseCandidateSheetInWorker } from './parse-candidate-sheet-in-worker.ts';
import { isBeforeVote } from '../campaigns/voting-window.ts';

export interface ImportCandidatesInput {
  campaignSlug: string;
  trackSlug: string;
  bytes: Uint8Array;
  format: SheetFormat;
  dryRun: boolean;
  actorId: number | null;
  now: Date;
  /** Turns a problem's reason into the reader's language (the domain does not know it). */
  describe: (reason: string, params: Record<string, unknown>) => string;
}

export interface ImportIssue {
  row: number | null;
  field: string | null;
  reason: string;
  message: string;
}

export interface ImportedCandidate {
  row: number;
  /** Null in a dry run: nothing was written. */
  id: number | null;
  number: number;
  name: string;
  status: ImportableStatus;
}

export interface ImportCandidatesResult {
  dryRun: boolean;
  rows: number;
  created: ImportedCandidate[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/**
 * Imports a spreadsheet of candidates into a track. A dry run only reports. A real run is all
 * or nothing: one problem in any row and nothing is written (`import_has_errors`, with the same
 * list as the dry run); otherwise every row is created in one transaction, each with its own
 * audit entry, plus one `candidate.import` entry for the file as a whole.
 */
export async function importCandidates(
  db: Db,
  input: ImportCandidatesInput,
): Promise<ImportCandidatesResult> {
  const { campaign: c, track: t } = await getCampaignTrack(db, input.campaignSlug, input.trackSlug);
  // Off the event loop: a hostile or merely huge file must not hold up ballots and pages.
  const sheet = await parseCandidateSheetInWorker(input.bytes, input.format, t.kind);
  const describe = (issues: SheetIssue[]): ImportIssue[] =>
    issues.map((i) => ({
      row: i.row,
      field: i.field,
      reason: i.reason,
      message: input.describe(i.reason, { row: i.row, ...i.params }),
    }));

  // Checked and written in one transaction, so the track cannot change between the check and
  // the writes; a dry run rolls nothing back because it writes nothing.
  const outcome = await db.transaction(async (tx) => {
    const existing = await tx
      .select({ number: candidate.number, name: candidate.name, org: candidate.organisation })
      .from(candidate)
      .where(eq(candidate.trackId, t.id));
    const takenNumbers = new Set(existing.map((e) => e.number));
    const takenNames = new Set(existing.map((e) => candidateIdentity(e.name, e.org)));
    const errors = [...sheet.errors];
    // The public list is settled before the vote (see change-candidate-status.ts): an import
    // may then only add nominations.
    const listSettled = !isBeforeVote(c.stage);
    for (const r of sheet.valid) {
      if (listSettled && r.status !== 'nominated') {
        errors.push({
          row: r.row,
          field: 'status',
          reason: 'import_status_after_review',
          params: {},
        });
      }
      if (r.input.number !== undefined && takenNumbers.has(r.input.number)) {
        errors.push({
          row: r.row,
          field: 'number',
          reason: 'import_number_taken',
          params: { number: r.input.number },
        });
      }
      for (const { field, label, value, allowed } of unlistedValues(c, {
        district: r.input.district,
        sector: r.input.sector,
      })) {
        errors.push({
          row: r.row,
          field,
          reason: 'import_not_listed',
          params: { label, value, allowed },
        });
      }
      const org = typeof r.input.organisation === 'string' ? r.input.organisation : '';
      if (takenNames.has(candidateIdentity(r.input.name, org))) {
        errors.push({
          row: r.row,
          field: 'name',
          reason: 'import_already_in_track',
          params: { name: r.input.name },
        });
      }
    }
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));

    // Rows without a number take the next free ones after everything already used.
    const used = new Set([...takenNumbers, ...sheet.valid.map((r) => r.input.number ?? 0)]);
    let next = Math.max(0, ...used) + 1;
    const planned = sheet.valid.map((r) => {
      let number = r.input.number;
      if (number === undefined) {
        while (used.has(next)) next++;
        number = next;
        used.add(number);
      }
      return { ...r, number };
    });

    if (errors.length > 0 || input.dryRun) {
      return { errors, created: planned.map((p) => ({ ...p, id: null })) };
    }
    const created = [];
    for (const p of planned) {
      const row = await insertCandidate(
        tx,
        input,
        { campaignId: c.id, track: t, fields: p.input, number: p.number, status: p.status },
        { importRow: p.row },
      );
      created.push({ ...p, id: row.id });
    }
    await recordAuditEntry(tx, input, {
      action: 'candidate.import',
      entityType: 'track',
      entityId: t.id,
      before: null,
      after: {
        campaign: c.slug,
        track: t.slug,
        format: input.format,
        rows: sheet.rows,
        candidateIds: created.map((x) => x.id),
      },
    });
    return { errors, created };
  });

  const errors = describe(outcome.errors);
  const created = outcome.created.map((p) => ({
    row: p.row,
    id: p.id,
    number: p.number,
    name: p.input.name,
    status: p.status,
  }));
  if (!input.dryRun && errors.length > 0) {
    throw new DomainError('rule_violation', 'import_has_errors', {
      rows: sheet.rows,
      errors,
      warnings: describe(sheet.warnings),
    });
  }
  return {
    dryRun: input.dryRun,
    rows: sheet.rows,
    created,
    errors,
    warnings: describe(sheet.warnings),
  };
}
