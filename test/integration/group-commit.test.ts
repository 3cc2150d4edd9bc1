import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '#src/db/schema/index.ts';
import { TransactionQueue, type TransactionEngine } from '#src/db/transaction-queue.ts';
import { useTestDb } from '../helpers/harness.ts';

const db = useTestDb();

const entry = (action: string) => ({ at: new Date(), action, entityType: 'test', entityId: 'g' });

/** Transactions that queue together share one commit but stay atomic and isolated one by one. */
describe('group commit of queued transactions', () => {
  it('rolls back only the failing transaction of a batch and rejects only its caller', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.db.transaction(async (tx) => {
          await tx.insert(auditLog).values(entry(`batch-${i}`));
          if (i % 5 === 3) throw new Error(`refused ${i}`);
          return i;
        }),
      ),
    );
    const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(rejected).toEqual([3, 8, 13, 18]);
    expect(results[4]).toEqual({ status: 'fulfilled', value: 4 });
    const rows = await db.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(sql`${auditLog.action} like 'batch-%'`);
    expect(rows.map((r) => r.action).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `batch-${i}`)
        .filter((_, i) => i % 5 !== 3)
        .sort(),
    );
  });

  it('lets transactions asked for in separate callbacks of one turn share a commit', async () => {
    // The handle's queue (transaction-queue.ts) over an engine that records its commits, and
    // over a second engine, as the prepared statements' connection is one.
    let commits = 0;
    const engine: TransactionEngine<null> = {
      async transaction(fn) {
        const value = await fn(null);
        commits++;
        return value;
      },
      savepoint: (outer, fn) => fn(outer),
    };
    const queue = new TransactionQueue();
    // Ten immediates queued together run as ten callbacks of one turn of the event loop, as
    // requests arriving together do (timers due at once may straddle a millisecond under load).
    const done = await Promise.all(
      Array.from(
        { length: 10 },
        (_, i) =>
          new Promise<number>((resolve, reject) =>
            setImmediate(() => {
              queue.run(engine, async () => i).then(resolve, reject);
            }),
          ),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(commits).toBe(1);
    // And on the database: ten transactions of one turn, all committed.
    const turn = await Promise.all(
      Array.from(
        { length: 10 },
        (_, i) =>
          new Promise<number>((resolve, reject) =>
            setImmediate(() => {
              db.db
                .transaction(async (tx) => {
                  await tx.insert(auditLog).values(entry(`turn-${i}`));
                  return i;
                })
                .then(resolve, reject);
            }),
          ),
      ),
    );
    expect(turn).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('never lets transactions of two engines share a commit, and keeps their order', async () => {
    const order: string[] = [];
    const engineOf = (name: string): TransactionEngine<null> => ({
      async transaction(fn) {
        order.push(`begin ${name}`);
        const value = await fn(null);
        order.push(`commit ${name}`);
        return value;
      },
      savepoint: (outer, fn) => fn(outer),
    });
    const a = engineOf('a');
    const b = engineOf('b');
    const queue = new TransactionQueue();
    const jobs = [a, a, b, a].map((engine, i) =>
      queue.run(engine, async () => {
        order.push(`job ${i}`);
        return i;
      }),
    );
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3]);
    expect(order).toEqual([
      'begin a',
      'job 0',
      'job 1',
      'commit a',
      'begin b',
      'job 2',
      'commit b',
      'begin a',
      'job 3',
      'commit a',
    ]);
  });

  it('shows each transaction the writes of those before it, as serial execution would', async () => {
    const seen = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.db.transaction(async (tx) => {
          const [row] = await tx
            .select({ n: sql<number>`count(*)` })
            .from(auditLog)
            .where(eq(auditLog.action, 'counter'));
          await tx.insert(auditLog).values(entry('counter'));
          return Number(row!.n);
        }),
      ),
    );
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
