import { sql } from 'drizzle-orm';
import type { Db } from '#src/db/client.ts';

/** True when the database answers a trivial query within `timeoutMs`. */
async function checkDatabase(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      db.run(sql`select 1`).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A database probe for health checks that load balancers call many times a second: concurrent
 * callers share one query, and an answer is reused for `maxAgeMs`. A failure is never reused,
 * so the first check after the database comes back reports it at once.
 */
export function createDatabaseProbe(
  db: Db,
  now: () => number = Date.now,
  maxAgeMs = 1000,
): () => Promise<boolean> {
  let inFlight: Promise<boolean> | null = null;
  let lastOkAt = -Infinity;
  return () => {
    if (now() - lastOkAt < maxAgeMs) return Promise.resolve(true);
    inFlight ??= checkDatabase(db).then((ok) => {
      inFlight = null;
      if (ok) lastOkAt = now();
      return ok;
    });
    return inFlight;
  };
}
