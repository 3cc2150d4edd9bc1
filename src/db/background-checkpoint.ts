import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own, for a database in a local file.
 *
 * SQLite copies the write-ahead log back into the database file when it reaches
 * `wal_autocheckpoint` pages, inside the COMMIT that crossed the mark. The libSQL driver is
 * synchronous, so that COMMIT held the event loop for the whole copy and its fsync: 30–70 ms
 * every few seconds under ballot load, which every request in flight waited out (README,
 * "Performance"). Here a worker thread with its own connection runs a PASSIVE checkpoint every
 * `intervalMs`; a passive checkpoint never waits for readers or writers and writers keep
 * appending meanwhile, so the event loop no longer pays for it. The connections of the process
 * keep SQLite's automatic checkpoint (at its default mark), in case the worker falls behind or
 * dies.
 *
 * Every process sharing a file may run one; checkpoints take a lock of their own and simply
 * find less to do when another process has just run one.
 */
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const { default: Database } = await import(workerData.libsqlUrl);
  const db = new Database(workerData.path, { timeout: 1000 });
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const timer = setInterval(() => {
    try {
      checkpoint.all();
    } catch {
      // Busy or locked: the next turn tries again; the automatic checkpoint is the fallback.
    }
  }, workerData.intervalMs);
  parentPort.on('message', (message) => {
    if (message === 'stop') {
      clearInterval(timer);
      try { checkpoint.all(); } catch {}
      db.close();
      parentPort.postMessage('stopped');
    }
  });
  parentPort.postMessage('started');
})().catch((e) => parentPort.postMessage('failed: ' + (e && e.message)));
`;

export interface BackgroundCheckpoint {
  stop(): Promise<void>;
}

export async function startBackgroundCheckpoint(
  path: string,
  intervalMs = 200,
): Promise<BackgroundCheckpoint> {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { path, intervalMs, libsqlUrl: import.meta.resolve('libsql') },
  });
  worker.unref();
  const first = await new Promise<unknown>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (first !== 'started') {
    await worker.terminate();
    throw new Error(`background checkpoint did not start: ${String(first)}`);
  }
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage('stop');
      await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}
