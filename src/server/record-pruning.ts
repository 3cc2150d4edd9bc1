import type { Db } from '../db/client.ts';
import type { Clock } from '../domain/clock.ts';
import { pruneExpiredRecords } from '../domain/privacy/prune-expired-records.ts';
import { describeError } from './error-log.ts';

/** How often each process deletes what has outlived its retention. */
const pruneIntervalMs = 60 * 60_000;

/**
 * Prunes expired records (address keys, login attempts, spent proofs) at start and then every
 * hour, in every process: the deletes are idempotent, so processes need not agree on who does
 * it. A failed run is logged and tried again an hour later.
 */
export function startRecordPruning(db: Db, clock: Clock): () => void {
  const prune = () =>
    pruneExpiredRecords(db, clock.now()).catch((e: unknown) => {
      console.error(`[prune] could not delete expired records: ${describeError(e)}`);
    });
  void prune();
  const timer = setInterval(() => void prune(), pruneIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
