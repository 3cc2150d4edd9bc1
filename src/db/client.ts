import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.ts';
import { startBackgroundCheckpoint } from './background-checkpoint.ts';
import { installStatementCache } from './statement-cache.ts';

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
 * Opens the database. For a local file it creates the directory, keeps prepared statements
 * (statement-cache.ts), turns on WAL (so readers never wait for the single writer) and sets a
 * busy timeout on every pooled connection; foreign keys are on by default in libSQL and checked
 * here because every `onDelete` rule relies on them.
 */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  const path = localPathOf(options.url);
  if (path !== null && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  if (path !== null) installStatementCache();
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
  const checkpoint =
    options.backgroundCheckpoint && path !== null && path !== ':memory:'
      ? await startBackgroundCheckpoint(path)
      : undefined;
  return {
    db,
    client,
    close: async () => {
      await checkpoint?.stop();
      client.close();
    },
  };
}

/** Most transactions one commit carries; bounds the latency a batch adds. */
const maxBatch = 64;

interface QueuedTransaction {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Runs this process's transactions one after another, committing those that queue up together.
 *
 * One after another: the libSQL driver is synchronous underneath, so a pooled connection that
 * waits for SQLite's write lock sleeps on the event loop's own thread. Were a second connection
 * of this process to wait for the lock held by a first, the first could never reach its COMMIT
 * and both would stall until the busy timeout. Every write of the app therefore goes through
 * `db.transaction()`; other processes still wait on the busy timeout, which stays short because
 * no transaction here waits on anything but the database.
 *
 * Together (group commit): each COMMIT costs an fsync, which on ordinary disks caps a database
 * at a few hundred commits a second. A batch starts on the event loop's next turn, not at once,
 * so the transactions asked for by the requests of one turn (HTTP requests, answers from
 * siteverify) queue up first. Transactions that queue together are run in one
 * outer transaction, each inside its own savepoint: a transaction that fails rolls back only
 * its own savepoint and rejects only its own caller, the others see exactly what serial
 * execution would have shown them, and none is acknowledged before the shared COMMIT is
 * durable. If that COMMIT fails, every transaction in the batch is rejected.
 */
function serialiseTransactions(db: Db): void {
  const run = db.transaction.bind(db);
  const queue: QueuedTransaction[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        if (batch.length === 1) {
          // Nothing to share a commit with: no savepoint needed.
          outcomes.push({ ok: true, value: await run(batch[0]!.fn) });
        } else {
          await run(async (outer) => {
            for (const job of batch) {
              try {
                outcomes.push({
                  ok: true,
                  value: await outer.transaction((tx) => job.fn(tx as Tx)),
                });
              } catch (error) {
                outcomes.push({ ok: false, error });
              }
            }
          });
        }
      } catch (error) {
        // The transaction (or the shared commit) failed: nothing of this batch is durable.
        batch.forEach((job) => job.reject(error));
        continue;
      }
      batch.forEach((job, i) => {
        const o = outcomes[i]!;
        if (o.ok) job.resolve(o.value);
        else job.reject(o.error);
      });
    }
    running = false;
  }

  db.transaction = ((fn: (tx: Tx) => Promise<unknown>) =>
    new Promise((resolve, reject) => {
      queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!running) {
        // Not at once: callbacks of the same turn of the event loop (answers that arrived
        // together) queue their transactions first, and then share one commit.
        running = true;
        setImmediate(() => void drain());
      }
    })) as Db['transaction'];
}
