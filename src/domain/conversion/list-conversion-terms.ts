import { asc } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';
import { conversionTerm } from '#src/db/schema/index.ts';

export type ConversionTermRow = typeof conversionTerm.$inferSelect;

/** Every staff correction of the Traditional conversion, by its Simplified term. */
export async function listConversionTerms(db: Db): Promise<ConversionTermRow[]> {
  return db.select().from(conversionTerm).orderBy(asc(conversionTerm.simplified));
}
