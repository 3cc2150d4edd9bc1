import type { Db } from '#src/db/client.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { paperResolution } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import type { PaperResolutionInput } from '#src/schemas/paper.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { formatSerial, parseSerial } from './compute-check-digit.ts';
import { judgePaperPicks, readMarkedPicks } from './judge-paper-picks.ts';
import { checkResolverRole, openBatchForResolution } from './open-batch-for-resolution.ts';

/**
 * Settles one ballot on which the two passes differ: an admin or a monitor (never one of the
 * batch's tellers) reads the paper and records what counts, judged by the rule like any entry,
 * or that there is no such ballot. Only once both passes are finished, only where they differ,
 * once per ballot, never after certification. Audited with both readings.
 */
export async function resolvePaperDifference(
  db: Db,
  input: {
    batchId: number;
    resolution: PaperResolutionInput;
    actorId: number;
    role: StaffRole;
    now: Date;
  },
): Promise<{ serial: string; picks: number[] | null; invalidReason: string | null }> {
  checkResolverRole(input.role);
  const r = input.resolution;
  const parsed = parseSerial(r.serial);
  if (!parsed.ok) throw new DomainError('invalid_request', parsed.reason);
  const serial = parsed.body;
  try {
    return await db.transaction(async (tx) => {
      const { batch: b, comparison } = await openBatchForResolution(tx, input);
      const difference = comparison.differences.find((d) => d.serial === serial);
      if (!difference) {
        throw new DomainError('conflict', 'no_difference', { serial: formatSerial(serial) });
      }
      if (difference.resolution) {
        throw new DomainError('conflict', 'already_resolved', { serial: formatSerial(serial) });
      }
      const picks = readMarkedPicks(r.picks, b.candidates);
      const kept = r.absent || r.unreadable ? [] : picks;
      const invalidReason = r.absent ? null : judgePaperPicks(kept, b.track, r.unreadable);
      await tx.insert(paperResolution).values({
        batchId: input.batchId,
        serial,
        picks: r.absent ? null : JSON.stringify(kept),
        invalidReason,
        note: r.note,
        resolvedBy: input.actorId,
        resolvedAt: input.now,
      });
      await recordAuditEntry(tx, input, {
        action: 'paper_resolution.resolve',
        entityType: 'ballot_batch',
        entityId: input.batchId,
        before: {
          ballotSerial: formatSerial(serial),
          pass1: difference.pass1,
          pass2: difference.pass2,
        },
        after: {
          ballotSerial: formatSerial(serial),
          picks: r.absent ? null : kept,
          invalidReason,
          absent: r.absent,
          note: r.note,
        },
      });
      return {
        serial: formatSerial(serial),
        picks: r.absent ? null : kept,
        invalidReason,
      };
    });
  } catch (e) {
    if (databaseErrorMentions(e, 'paper_resolution.batch_id', 'paper_resolution_serial_unique')) {
      throw new DomainError('conflict', 'already_resolved', { serial: formatSerial(serial) });
    }
    throw e;
  }
}
