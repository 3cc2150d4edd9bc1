import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { batchPass, paperEntry } from '#src/db/schema/index.ts';
import type { PaperInvalidReason } from '#src/schemas/enums.ts';
import { formatSerial } from './compute-check-digit.ts';

export interface PassEntry {
  serial: string;
  picks: number[];
  invalidReason: PaperInvalidReason | null;
  enteredAt: Date;
}

/**
 * What a teller has entered so far in their pass of a batch, the latest first (the entry page
 * shows them to check against the sheets in hand). Null when the teller has not begun a pass.
 */
export async function listPassEntries(
  db: Db,
  input: { batchId: number; tellerId: number; limit?: number },
): Promise<{ pass: number; finished: boolean; total: number; entries: PassEntry[] } | null> {
  const [mine] = await db
    .select({ pass: batchPass.pass, finishedAt: batchPass.finishedAt })
    .from(batchPass)
    .where(and(eq(batchPass.batchId, input.batchId), eq(batchPass.tellerId, input.tellerId)));
  if (!mine) return null;
  const current = and(
    eq(paperEntry.batchId, input.batchId),
    eq(paperEntry.pass, mine.pass),
    isNull(paperEntry.replacedAt),
  );
  const [rows, all] = await Promise.all([
    db
      .select()
      .from(paperEntry)
      .where(current)
      .orderBy(desc(paperEntry.id))
      .limit(input.limit ?? 20),
    db.$count(paperEntry, current),
  ]);
  return {
    pass: mine.pass,
    finished: mine.finishedAt !== null,
    total: all,
    entries: rows.map((r) => ({
      serial: formatSerial(r.serial),
      picks: JSON.parse(r.picks) as number[],
      invalidReason: r.invalidReason,
      enteredAt: r.enteredAt,
    })),
  };
}
