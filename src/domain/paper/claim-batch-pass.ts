import { eq } from 'drizzle-orm';
import type { Tx } from '#src/db/client.ts';
import { databaseErrorMentions } from '#src/db/database-error.ts';
import { batchPass } from '#src/db/schema/index.ts';
import { DomainError } from '../errors.ts';

/**
 * The teller's pass of a batch: the one they already hold, else the first free of the two. A
 * finished pass takes nothing more (differences are settled by a third person), and a
 * third teller is refused: every batch is entered exactly twice, by two different people (the
 * database's unique indexes hold it under concurrent claims too).
 */
export async function claimBatchPass(
  tx: Tx,
  input: { batchId: number; tellerId: number; now: Date },
): Promise<number> {
  const passes = await tx.select().from(batchPass).where(eq(batchPass.batchId, input.batchId));
  const mine = passes.find((p) => p.tellerId === input.tellerId);
  if (mine?.finishedAt) throw new DomainError('conflict', 'pass_finished', { pass: mine.pass });
  if (mine) return mine.pass;
  const free = [1, 2].find((n) => !passes.some((p) => p.pass === n));
  if (free === undefined) throw new DomainError('conflict', 'batch_passes_taken');
  await tx
    .insert(batchPass)
    .values({ batchId: input.batchId, pass: free, tellerId: input.tellerId, startedAt: input.now });
  return free;
}

/**
 * What a verb that claims a pass throws for error `e`: the database's refusal of a third pass
 * (two tellers claiming the last one at once) as `batch_passes_taken`, anything else as it is.
 */
export function passClaimError(e: unknown): unknown {
  return databaseErrorMentions(e, 'batch_pass.batch_id')
    ? new DomainError('conflict', 'batch_passes_taken')
    : e;
}
