/**
 * What the drills ask of a database file directly, with the app's own client: SQLite's
 * integrity check, the tally check of `npm run tally:verify`, and which receipts it holds.
 */
import { ballot } from '#src/db/schema/index.ts';
import { createDb } from '#src/db/client.ts';
import { verifyTallies } from '#src/domain/integrity/verify-tallies.ts';

export interface DatabaseReport {
  /** `ok`, or the first problems SQLite lists. */
  integrity: string;
  candidates: number;
  tallyMismatches: number;
  ballots: number;
  receipts: Set<string>;
}

export async function inspectDatabase(url: string): Promise<DatabaseReport> {
  const handle = await createDb({ url });
  try {
    const integrity = (await handle.client.execute('PRAGMA integrity_check')).rows
      .map((r) => String(r[0]))
      .slice(0, 10)
      .join('; ');
    const { candidates, mismatches } = await verifyTallies(handle.db);
    const rows = await handle.db.select({ receipt: ballot.receipt }).from(ballot);
    return {
      integrity,
      candidates,
      tallyMismatches: mismatches.length,
      ballots: rows.length,
      receipts: new Set(rows.map((r) => r.receipt)),
    };
  } finally {
    handle.close();
  }
}
