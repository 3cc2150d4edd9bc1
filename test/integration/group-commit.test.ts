import { eq, sql } from 'drizzle-orm';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { auditLog } from '#src/db/schema/index.ts';
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
    const proto = Database.prototype;
    const prepare = proto.prepare;
    let commits = 0;
    proto.prepare = function countingPrepare(this: Database.Database, source: string) {
      if (source === 'COMMIT') commits++;
      return prepare.call(this, source);
    } as typeof prepare;
    try {
      // Ten immediates queued together run as ten callbacks of one turn of the event loop, as
      // requests arriving together do (timers due at once may straddle a millisecond under load).
      const done = await Promise.all(
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
      expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(commits).toBe(1);
    } finally {
      proto.prepare = prepare;
    }
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
