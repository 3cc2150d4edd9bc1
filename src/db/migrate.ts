import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client.ts';

/** Scripts and servers run from the project root (npm sets the working directory). */
const migrationsFolder = resolve('db/migrations');

/** Applies pending migrations; safe to run from several processes, each waits for the lock. */
export async function applyMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}
