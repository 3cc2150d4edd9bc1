import { sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';

/**
 * The version of everything public pages show, moved by trigger with every change to it
 * (db/migrations/0014_content_version.sql). A page rendered at an older version is stale.
 */
export async function getContentVersion(db: Db): Promise<number> {
  const [row] = await db.all<{ version: number }>(
    sql`select version from content_version where id = 1`,
  );
  if (!row) throw new Error('content_version has no row: the migrations have not run');
  return Number(row.version);
}
