import type { Client, InValue, Transaction } from '@libsql/client';
import Database from 'libsql';
import type { TransactionEngine, TransactionQueue } from './transaction-queue.ts';

/**
 * Prepared statements for the hot path (the ballot), through the drivers' public APIs.
 *
 * @libsql/client prepares every statement afresh for a local file, runs it once and drops it;
 * parsing and planning the same few statements on every ballot took more of its time than
 * running them (measured: the ballot write floor doubled when they were kept). So for a
 * database in a local file this module opens connections of its own with the `libsql` engine
 * (the better-sqlite3 API), prepares each statement once per connection and runs it again with
 * new arguments: one connection for write transactions, one for reads outside them (so a read
 * never sees a transaction's uncommitted work). SQLite itself prepares a statement again when the
 * schema changed under it (a migration by this or another process), so a kept statement always
 * runs against the current tables.
 *
 * Write transactions go through the handle's TransactionQueue like every other write of the
 * process, so this connection and the client's never wait for each other's lock, and ballots
 * that arrive together share one commit.
 *
 * For any other database (`libsql://`, `http(s)://`, `:memory:`, where a second connection
 * would be another database) the statements run through the @libsql/client `Client` (remote
 * servers prepare them on their side).
 */

/** A value a statement binds. */
export type Arg = string | number | null;

/** A statement of fixed text with `?` placeholders, and the row it returns. */
export interface Statement<Row> {
  readonly sql: string;
  /** Only carries the row type. */
  readonly row?: Row;
}

/** Declares a statement; its text never changes, so it is prepared once per connection. */
export function statement<Row = Record<string, unknown>>(sql: string): Statement<Row> {
  return { sql };
}

/** Runs statements; every statement of the hot path returns rows (`returning …` for writes). */
export interface StatementRunner {
  all<Row>(s: Statement<Row>, args: readonly Arg[]): Promise<Row[]>;
}

export interface PreparedStatements extends StatementRunner {
  /**
   * Runs `fn` in one write transaction of this process's queue (BEGIN IMMEDIATE: another
   * process waits on the busy timeout), possibly sharing its commit with others queued with it.
   */
  transaction<T>(fn: (tx: StatementRunner) => Promise<T>): Promise<T>;
  close(): void;
}

export interface PreparedOptions {
  /** The database file, or null for anything that is not a local file. */
  path: string | null;
  client: Client;
  queue: TransactionQueue;
  busyTimeoutMs: number;
}

export function openPreparedStatements(options: PreparedOptions): PreparedStatements {
  const statements: Statements =
    options.path !== null && options.path !== ':memory:'
      ? new LocalStatements(options.path, options.busyTimeoutMs)
      : new ClientStatements(options.client);
  return {
    all: (s, args) => statements.read(s, args),
    transaction: (fn) => options.queue.run(statements.engine, fn),
    close: () => statements.close(),
  };
}

/** What both ways of running statements offer. */
interface Statements {
  read<Row>(s: Statement<Row>, args: readonly Arg[]): Promise<Row[]>;
  engine: TransactionEngine<StatementRunner>;
  close(): void;
}

/** Savepoint handling over a connection's `exec`, the same for both ways. */
async function inSavepoint<T>(
  exec: (sql: string) => Promise<unknown>,
  inTransaction: () => boolean,
  fn: () => Promise<T>,
): Promise<T> {
  await exec('SAVEPOINT job');
  try {
    const value = await fn();
    await exec('RELEASE job');
    return value;
  } catch (e) {
    // A failed statement undoes only itself; a few errors (a full disk) end the transaction.
    if (inTransaction()) {
      await exec('ROLLBACK TO job');
      await exec('RELEASE job');
    }
    throw e;
  }
}

/** One `libsql` connection and the statements prepared on it. */
class Connection {
  readonly db: Database.Database;
  readonly #prepared = new Map<string, Database.Statement>();

  constructor(path: string, busyTimeoutMs: number) {
    this.db = new Database(path, { timeout: busyTimeoutMs });
    // As on the client's connections (client.ts): WAL (a no-op once the file is in WAL) and
    // foreign keys, which every `onDelete` rule relies on. A connection that cannot be set up
    // (the file busy in another process's recovery, not a database) is closed, not left open.
    try {
      this.db.exec('PRAGMA journal_mode = WAL');
      this.db.exec('PRAGMA foreign_keys = ON');
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  #prepare(sql: string): Database.Statement {
    let s = this.#prepared.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.#prepared.set(sql, s);
    }
    return s;
  }

  /**
   * Rows as objects. Only `all` and `run` are used: `all` binds every argument anew, while `get`
   * (libsql 0.5) can run a statement again with the arguments of its previous `all`.
   */
  all<Row>(s: Statement<Row>, args: readonly Arg[]): Row[] {
    return this.#prepare(s.sql).all(args) as Row[];
  }

  exec(sql: string): void {
    this.#prepare(sql).run();
  }

  close(): void {
    this.#prepared.clear();
    this.db.close();
  }
}

class LocalStatements implements Statements {
  #reader: Connection | undefined;
  #writer: Connection | undefined;
  #closed = false;
  readonly #path: string;
  readonly #busyTimeoutMs: number;
  readonly engine: TransactionEngine<StatementRunner>;

  constructor(path: string, busyTimeoutMs: number) {
    this.#path = path;
    this.#busyTimeoutMs = busyTimeoutMs;
    const runner: StatementRunner = {
      all: async (s, args) => this.#writerConnection().all(s, args),
    };
    const exec = async (sql: string) => this.#writerConnection().exec(sql);
    const inTransaction = () => this.#writerConnection().db.inTransaction;
    this.engine = {
      async transaction(fn) {
        await exec('BEGIN IMMEDIATE');
        try {
          const value = await fn(runner);
          await exec('COMMIT');
          return value;
        } catch (e) {
          if (inTransaction()) await exec('ROLLBACK');
          throw e;
        }
      },
      savepoint: (_outer, fn) => inSavepoint(exec, inTransaction, () => fn(runner)),
    };
  }

  // Opened on first use: tools that never cast a ballot never open them.
  #readerConnection(): Connection {
    this.#checkOpen();
    return (this.#reader ??= new Connection(this.#path, this.#busyTimeoutMs));
  }

  #writerConnection(): Connection {
    this.#checkOpen();
    return (this.#writer ??= new Connection(this.#path, this.#busyTimeoutMs));
  }

  #checkOpen(): void {
    if (this.#closed) throw new Error('The database handle is closed.');
  }

  async read<Row>(s: Statement<Row>, args: readonly Arg[]): Promise<Row[]> {
    return this.#readerConnection().all(s, args);
  }

  close(): void {
    this.#closed = true;
    this.#reader?.close();
    this.#writer?.close();
    this.#reader = this.#writer = undefined;
  }
}

/** Through @libsql/client: a remote server prepares the statements itself. */
class ClientStatements implements Statements {
  readonly #client: Client;
  readonly engine: TransactionEngine<StatementRunner>;

  constructor(client: Client) {
    this.#client = client;
    const transactions = new WeakMap<StatementRunner, Transaction>();
    this.engine = {
      async transaction(fn) {
        const tx = await client.transaction('write');
        const runner: StatementRunner = {
          all: async <Row>(s: Statement<Row>, args: readonly Arg[]) =>
            (await tx.execute({ sql: s.sql, args: args as InValue[] })).rows as Row[],
        };
        transactions.set(runner, tx);
        try {
          const value = await fn(runner);
          await tx.commit();
          return value;
        } finally {
          // Rolls back what was not committed.
          tx.close();
        }
      },
      savepoint(outer, fn) {
        const tx = transactions.get(outer)!;
        return inSavepoint(
          (sql) => tx.execute(sql),
          () => !tx.closed,
          () => fn(outer),
        );
      },
    };
  }

  async read<Row>(s: Statement<Row>, args: readonly Arg[]): Promise<Row[]> {
    return (await this.#client.execute({ sql: s.sql, args: args as InValue[] })).rows as Row[];
  }

  close(): void {
    // The client is closed by its owner (client.ts).
  }
}
