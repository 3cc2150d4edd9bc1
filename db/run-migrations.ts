/** `npm run db:migrate`: applies pending migrations, e.g. once before starting several servers. */
import { createDb } from '#src/db/client.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { loadConfigOrExit } from '#src/server/bootstrap.ts';

const config = loadConfigOrExit(process.env);
const handle = await createDb({ url: config.databaseUrl, authToken: config.databaseAuthToken });
await applyMigrations(handle.db);
console.log(`Migrations applied to ${config.databaseUrl}.`);
handle.close();
