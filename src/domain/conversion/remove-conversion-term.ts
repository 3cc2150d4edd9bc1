import { eq } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { conversionTerm } from '#src/db/schema/index.ts';
import { recordAuditEntry } from '../audit/record-audit-entry.ts';
import { DomainError } from '../errors.ts';

/** Removes a correction; the audit log keeps what it was. */
export async function removeConversionTerm(
  db: Db,
  input: { id: number; actorId: number; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await tx.query.conversionTerm.findFirst({ where: eq(conversionTerm.id, input.id) });
    if (!row) throw new DomainError('not_found', 'conversion_term_not_found', { id: input.id });
    await tx.delete(conversionTerm).where(eq(conversionTerm.id, input.id));
    await recordAuditEntry(tx, input, {
      action: 'conversion.remove',
      entityType: 'conversion_term',
      entityId: row.id,
      before: { simplified: row.simplified, traditional: row.traditional, note: row.note },
    });
  });
}
