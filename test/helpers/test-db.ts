import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '#src/db/client.ts';
import { applyMigrations } from '#src/db/migrate.ts';

export interface TestDb extends DbHandle {
  url: string;
  dir: string;
  /** Closes the database and removes its directory. */
  destroy(): void;
}

/**
 * A fresh database file with every migration applied. A file, not `:memory:`: an in-memory
 * libSQL database is lost to the connection a transaction takes.
 */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'honour-roll-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const handle = await createDb({ url });
  await applyMigrations(handle.db);
  return {
    ...handle,
    url,
    dir,
    destroy() {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
