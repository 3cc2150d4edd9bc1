import type { Db } from '#src/db/client.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { paperResolution } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import type { TallyResolutionInput } from '#src/schemas/paper.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { checkResolverRole, openBatchForResolution } from './open-batch-for-resolution.ts';

/**
 * Settles an on-site batch whose two tally sheets differ: an admin or a monitor checks the
 * paper sheet and adopts the pass that entered it right. Once, audited, never after
 * certification.
 */
export async function resolveTallyDifference(
  db: Db,
  input: {
    batchId: number;
    resolution: TallyResolutionInput;
    actorId: number;
    role: StaffRole;
    now: Date;
  },
): Promise<{ sheetId: number }> {
  checkResolverRole(input.role);
  try {
    return await db.transaction(async (tx) => {
      const { comparison } = await openBatchForResolution(tx, input);
      const tally = comparison.tally;
      if (!tally || !tally.differ) throw new DomainError('conflict', 'tally_no_difference');
      if (tally.adopted) throw new DomainError('conflict', 'tally_already_resolved');
      const sheet = input.resolution.pass === 1 ? tally.pass1 : tally.pass2;
      if (!sheet) {
        throw new DomainError('conflict', 'tally_pass_missing', { pass: input.resolution.pass });
      }
      await tx.insert(paperResolution).values({
        batchId: input.batchId,
        serial: null,
        tallySheetId: sheet.id,
        note: input.resolution.note,
        resolvedBy: input.actorId,
        resolvedAt: input.now,
      });
      await recordAuditEntry(tx, input, {
        action: 'paper_resolution.adopt_tally',
        entityType: 'ballot_batch',
        entityId: input.batchId,
        before: { pass1: tally.pass1, pass2: tally.pass2 },
        after: { pass: input.resolution.pass, note: input.resolution.note },
      });
      return { sheetId: sheet.id };
    });
  } catch (e) {
    if (databaseErrorMentions(e, 'paper_resolution_tally_unique', 'paper_resolution.batch_id')) {
      throw new DomainError('conflict', 'tally_already_resolved');
    }
    throw e;
  }
}
