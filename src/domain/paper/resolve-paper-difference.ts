import type { Db } from '#src/db/client.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { paperResolution } from '#src/db/schema/index.ts';
import type { StaffRole } from '#src/schemas/enums.ts';
import type { PaperResolutionInput } from '#src/schemas/paper.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import { compareBatchPasses } from './compare-batch-passes.ts';
import { formatSerial, parseSerial } from './compute-check-digit.ts';
import { getEntryBatch } from './get-entry-batch.ts';
import { judgePaperPicks } from './judge-paper-picks.ts';

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
  if (input.role !== 'admin' && input.role !== 'monitor') {
    throw new DomainError('forbidden', 'forbidden');
  }
  const r = input.resolution;
  const parsed = parseSerial(r.serial);
  if (!parsed.ok) throw new DomainError('invalid_request', parsed.reason);
  const serial = parsed.body;
  try {
    return await db.transaction(async (tx) => {
      const b = await getEntryBatch(tx, input.batchId);
      if (b.certified) throw new DomainError('conflict', 'paper_after_certification');
      const comparison = await compareBatchPasses(tx, input.batchId);
      if (comparison.state === 'entering') throw new DomainError('conflict', 'batch_not_ready');
      if (comparison.passes.some((p) => p.tellerId === input.actorId)) {
        throw new DomainError('forbidden', 'resolver_entered_batch');
      }
      const difference = comparison.differences.find((d) => d.serial === serial);
      if (!difference) {
        throw new DomainError('conflict', 'no_difference', { serial: formatSerial(serial) });
      }
      if (difference.resolution) {
        throw new DomainError('conflict', 'already_resolved', { serial: formatSerial(serial) });
      }
      const picks = [...r.picks].sort((x, y) => x - y);
      if (new Set(picks).size !== picks.length) {
        throw new DomainError('invalid_request', 'pick_repeated');
      }
      const printed = new Set(b.candidates.map((c) => c.number));
      const stray = picks.find((n) => !printed.has(n));
      if (stray !== undefined) {
        throw new DomainError('invalid_request', 'pick_not_on_ballot', { number: stray });
      }
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
