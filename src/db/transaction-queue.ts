/**
 * One way of running write transactions: the drizzle client's (client.ts) or the prepared
 * statements' own connection (prepared.ts).
 */
export interface TransactionEngine<Tx> {
  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE … COMMIT), rolled back if it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` inside `outer` in a savepoint of its own: if it throws, only its work is undone. */
  savepoint<T>(outer: Tx, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Most transactions one commit carries; bounds the latency a batch adds. */
const maxBatch = 64;

interface QueuedTransaction {
  engine: TransactionEngine<unknown>;
  fn: (tx: unknown) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Runs a process's write transactions one after another, committing those that queue up
 * together. There is one queue per database handle, shared by every engine that writes to it.
 *
 * One after another: the libSQL driver is synchronous underneath, so a connection that waits for
 * SQLite's write lock sleeps on the event loop's own thread. Were a second connection of this
 * process to wait for the lock held by a first, the first could never reach its COMMIT and both
 * would stall until the busy timeout. Every write of the app therefore goes through this queue;
 * other processes still wait on the busy timeout, which stays short because no transaction here
 * waits on anything but the database.
 *
 * Together (group commit): each COMMIT costs an fsync, which on ordinary disks caps a database
 * at a few hundred commits a second. A batch starts on the event loop's next turn, not at once,
 * so the transactions asked for by the requests of one turn (HTTP requests, answers from
 * siteverify) queue up first. Transactions that queue together on the same engine are run in one
 * outer transaction, each inside its own savepoint: a transaction that fails rolls back only its
 * own savepoint and rejects only its own caller, the others see exactly what serial execution
 * would have shown them, and none is acknowledged before the shared COMMIT is durable. If that
 * COMMIT fails, every transaction in the batch is rejected. Transactions of different engines
 * (different connections) never share a commit; they keep their order.
 */
export class TransactionQueue {
  #queue: QueuedTransaction[] = [];
  #running = false;

  run<Tx, T>(engine: TransactionEngine<Tx>, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        engine: engine as TransactionEngine<unknown>,
        fn: fn as (tx: unknown) => Promise<unknown>,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.#running) {
        // Not at once: callbacks of the same turn of the event loop (answers that arrived
        // together) queue their transactions first, and then share one commit.
        this.#running = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  /** The next batch: the first transaction and those after it on the same engine. */
  #nextBatch(): QueuedTransaction[] {
    const engine = this.#queue[0]!.engine;
    let n = 1;
    while (n < this.#queue.length && n < maxBatch && this.#queue[n]!.engine === engine) n++;
    return this.#queue.splice(0, n);
  }

  async #drain(): Promise<void> {
    this.#running = true;
    while (this.#queue.length > 0) {
      const batch = this.#nextBatch();
      const engine = batch[0]!.engine;
      const outcomes: Outcome[] = [];
      try {
        if (batch.length === 1) {
          // Nothing to share a commit with: no savepoint needed.
          outcomes.push({ ok: true, value: await engine.transaction(batch[0]!.fn) });
        } else {
          await engine.transaction(async (outer) => {
            for (const job of batch) {
              try {
                outcomes.push({ ok: true, value: await engine.savepoint(outer, job.fn) });
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
    this.#running = false;
  }
}
