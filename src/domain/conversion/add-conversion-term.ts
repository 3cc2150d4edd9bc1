import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { conversionTerm } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';
import type { ConversionTermRow } from './list-conversion-terms.ts';

/** Adds a correction, or changes the one for the same Simplified term; audit-logged. */
export async function addConversionTerm(
  db: Db,
  input: { simplified: string; traditional: string; note: string; actorId: number; now: Date },
): Promise<ConversionTermRow> {
  return db.transaction(async (tx) => {
    const before = await tx.query.conversionTerm.findFirst({
      where: eq(conversionTerm.simplified, input.simplified),
    });
    const values = {
      simplified: input.simplified,
      traditional: input.traditional,
      note: input.note,
      createdAt: input.now,
      createdBy: input.actorId,
    };
    const [row] = before
      ? await tx
          .update(conversionTerm)
          .set(values)
          .where(eq(conversionTerm.id, before.id))
          .returning()
      : await tx.insert(conversionTerm).values(values).returning();
    if (!row) throw new DomainError('conflict');
    await recordAuditEntry(tx, input, {
      action: before ? 'conversion.update' : 'conversion.add',
      entityType: 'conversion_term',
      entityId: row.id,
      before: before
        ? { simplified: before.simplified, traditional: before.traditional }
        : undefined,
      after: { simplified: row.simplified, traditional: row.traditional, note: row.note },
    });
    return row;
  });
}
