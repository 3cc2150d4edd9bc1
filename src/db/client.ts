import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.ts';

export type Db = LibSQLDatabase<typeof schema>;
/** A transaction handle; domain verbs that take part in a caller's transaction accept `Db | Tx`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DbHandle {
  db: Db;
  client: Client;
  close(): void;
}

export interface DbOptions {
  url: string;
  authToken?: string | undefined;
  /** How long a writer waits for the file lock before giving up, in ms. */
  busyTimeoutMs?: number;
}

/** Local file path of a `file:` URL, or null for a remote libSQL server. */
export function localPathOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  if (url.startsWith('file://')) return fileURLToPath(url);
  return url.slice('file:'.length).split('?')[0] ?? null;
}

/**
 * Opens the database. For a local file it creates the directory, turns on WAL (so readers never
 * wait for the single writer) and sets a busy timeout on every pooled connection; foreign keys
 * are on by default in libSQL and checked here because every `onDelete` rule relies on them.
 */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  const path = localPathOf(options.url);
  if (path !== null && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    timeout: options.busyTimeoutMs ?? 5000,
  });
  if (path !== null) {
    await client.execute('PRAGMA journal_mode = WAL');
  }
  const fk = await client.execute('PRAGMA foreign_keys');
  if (path !== null && Number(fk.rows[0]?.[0]) !== 1) {
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle(client, { schema, casing: 'snake_case' });
  serialiseTransactions(db);
  return { db, client, close: () => client.close() };
}

/**
 * Runs this process's transactions one after another.
 *
 * The libSQL driver is synchronous underneath: a connection that waits for SQLite's write lock
 * sleeps on the event loop's own thread. If a second pooled connection of the same process
 * waited for the lock held by a first one, the first could never reach its COMMIT, and both
 * would stall until the busy timeout. Queuing transactions in-process avoids that; other
 * processes still wait on the busy timeout, which is short because no transaction here waits
 * on anything but the database. Every write of the app therefore goes through
 * `db.transaction()`.
 */
function serialiseTransactions(db: Db): void {
  const run = db.transaction.bind(db);
  let tail: Promise<unknown> = Promise.resolve();
  db.transaction = ((fn, config) => {
    const result = tail.then(() => run(fn, config));
    tail = result.catch(() => undefined);
    return result;
  }) as Db['transaction'];
}
