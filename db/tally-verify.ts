/** `npm run tally:verify`: recomputes every tally from the counted picks; exit 1 on any mismatch. */
import { createDb } from '#src/db/client.ts';
import { verifyTallies } from '#src/domain/integrity/verify-tallies.ts';
import { loadConfigOrExit } from '#src/server/bootstrap.ts';

const config = loadConfigOrExit(process.env);
const handle = await createDb({ url: config.databaseUrl, authToken: config.databaseAuthToken });
const { candidates, mismatches } = await verifyTallies(handle.db);
for (const m of mismatches) {
  console.log(`candidate ${m.candidateId}: stored ${m.stored}, recomputed ${m.recomputed}`);
}
console.log(`${candidates} candidates checked, ${mismatches.length} mismatches`);
handle.close();
process.exit(mismatches.length === 0 ? 0 : 1);
