import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.ts';
import { startBackgroundCheckpoint } from './background-checkpoint.ts';
import { openPreparedStatements, type PreparedStatements } from './prepared.ts';
import { TransactionQueue, type TransactionEngine } from './transaction-queue.ts';

export type Db = LibSQLDatabase<typeof schema>;
/** A transaction handle; domain verbs that take part in a caller's transaction accept `Db | Tx`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DbHandle {
  db: Db;
  client: Client;
  /**
   * Closes the connections, after the background checkpoint's thread (if any) has stopped: a
   * process must not exit while that thread is inside the database engine.
   */
  close(): Promise<void>;
}

export interface DbOptions {
  url: string;
  authToken?: string | undefined;
  /** How long a writer waits for the file lock before giving up, in ms. */
  busyTimeoutMs?: number;
  /**
   * For the server: WAL checkpoints of a local file run on a thread of their own
   * (background-checkpoint.ts) instead of inside the commits of the event loop.
   */
  backgroundCheckpoint?: boolean;
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
 * Every write transaction of the handle, through drizzle or through the hot path's prepared
 * statements (prepared.ts), runs in one queue (transaction-queue.ts).
 */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  const path = localPathOf(options.url);
  if (path !== null && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const client = createClient({
    url: options.url,
    authToken: options.authToken,
    timeout: busyTimeoutMs,
  });
  if (path !== null) {
    await client.execute('PRAGMA journal_mode = WAL');
  }
  const fk = await client.execute('PRAGMA foreign_keys');
  if (path !== null && Number(fk.rows[0]?.[0]) !== 1) {
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle(client, { schema, casing: 'snake_case' });
  const queue = new TransactionQueue();
  serialiseTransactions(db, queue);
  const statements = openPreparedStatements({ path, client, queue, busyTimeoutMs });
  prepared.set(db, statements);
  const checkpoint =
    options.backgroundCheckpoint && path !== null && path !== ':memory:'
      ? await startBackgroundCheckpoint(path)
      : undefined;
  return {
    db,
    client,
    close: async () => {
      await checkpoint?.stop();
      statements.close();
      client.close();
    },
  };
}

const prepared = new WeakMap<Db, PreparedStatements>();

/** The hot path's prepared statements on this database (prepared.ts), sharing its queue. */
export function preparedStatementsOf(db: Db): PreparedStatements {
  const statements = prepared.get(db);
  if (!statements) throw new Error('This database handle was not opened by createDb.');
  return statements;
}

/**
 * Runs drizzle's transactions in the handle's queue (transaction-queue.ts): one after another,
 * and those that queue up together in one commit, each in a savepoint of its own. Every write of
 * the app goes through `db.transaction()`.
 */
function serialiseTransactions(db: Db, queue: TransactionQueue): void {
  const run = db.transaction.bind(db);
  const engine: TransactionEngine<Tx> = {
    transaction: (fn) => run(fn),
    savepoint: (outer, fn) => outer.transaction((tx) => fn(tx as Tx)),
  };
  db.transaction = ((fn: (tx: Tx) => Promise<unknown>) =>
    queue.run(engine, fn)) as Db['transaction'];
}
