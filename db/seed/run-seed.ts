/**
 * `npm run db:seed`: empties the database (every table, including the migration journal) and
 * loads the fictional demo afresh. Refuses to touch a remote database unless --force is given.
 */
import { sql } from 'drizzle-orm';
import { createDb } from '#src/db/client.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { loadConfigOrExit } from '#src/server/bootstrap.ts';
import { seedDemo } from './seed-demo.ts';

const config = loadConfigOrExit(process.env);
if (!config.databaseUrl.startsWith('file:') && !process.argv.includes('--force')) {
  console.error(
    `Refusing to reset the remote database ${config.databaseUrl}; pass --force to do it.`,
  );
  process.exit(1);
}
const handle = await createDb({ url: config.databaseUrl, authToken: config.databaseAuthToken });
const { db, client } = handle;
const objects = await client.execute(
  "select type, name from sqlite_master where type in ('table', 'trigger') and name not like 'sqlite_%'",
);
await client.execute('PRAGMA foreign_keys = OFF');
for (const row of objects.rows.filter((r) => r.type === 'trigger')) {
  await db.run(sql.raw(`drop trigger if exists "${String(row.name)}"`));
}
for (const row of objects.rows.filter((r) => r.type === 'table')) {
  await db.run(sql.raw(`drop table if exists "${String(row.name)}"`));
}
await client.execute('PRAGMA foreign_keys = ON');
await applyMigrations(db);
await seedDemo(db, new Date(), config.publicBaseUrl);
console.log(`Demo data loaded into ${config.databaseUrl}.`);
handle.close();
