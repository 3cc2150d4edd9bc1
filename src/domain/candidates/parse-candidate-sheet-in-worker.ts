import { Worker } from 'node:worker_threads';
import type { TrackKind } from '#src/schemas/enums.ts';
import { DomainError, type DomainErrorCode } from '../errors.ts';
import type { ParsedSheet, SheetFormat } from './parse-candidate-sheet.ts';
import type { SheetJob } from './parse-sheet-worker.ts';

/**
 * What one import check may cost its thread. The largest spreadsheet the archive checks admit
 * (48 MB of XML) parses in well under this heap; a file that needs more, or longer, is refused
 * as too complex rather than allowed to grow the process.
 */
const sheetWorkerLimits = {
  maxOldGenerationSizeMb: 384,
  maxYoungGenerationSizeMb: 32,
  stackSizeMb: 4,
} as const;
const sheetWorkerTimeoutMs = 60_000;

/** Named in a variable so that no bundler mistakes the worker's source for an asset. */
const workerFile = './parse-sheet-worker.ts';

let busy = false;

/**
 * Reads an upload into checked rows on a worker thread, one upload at a time per process.
 *
 * A fresh thread per file: whatever memory a file took is handed back when the thread ends,
 * instead of staying in the process's heap. While one file is being read, another is refused
 * at once with `429 import_busy` rather than queued: imports are rare staff work, and a queue
 * of large files would hold their bytes in memory for as long as it lasted.
 */
export async function parseCandidateSheetInWorker(
  bytes: Uint8Array,
  format: SheetFormat,
  kind: TrackKind,
): Promise<ParsedSheet> {
  if (busy) throw new DomainError('rate_limited', 'import_busy', { retryAfterSeconds: 5 });
  busy = true;
  try {
    return await runWorker({ bytes, format, kind });
  } finally {
    busy = false;
  }
}

type WorkerReply =
  | { ok: true; sheet: ParsedSheet }
  | {
      ok: false;
      code: DomainErrorCode;
      reason: string;
      details: Record<string, unknown>;
      /** The class of an error that was not a domain error (a bug, or a parser's surprise). */
      unexpected?: string;
    };

function runWorker(job: SheetJob): Promise<ParsedSheet> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(workerFile, import.meta.url), {
      workerData: job,
      resourceLimits: sheetWorkerLimits,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const tooComplex = () => new DomainError('invalid_request', 'import_too_complex');
    const timer = setTimeout(() => settle(() => reject(tooComplex())), sheetWorkerTimeoutMs);
    worker.once('message', (reply: WorkerReply) =>
      settle(() => {
        if (reply.ok) return resolve(reply.sheet);
        if (reply.unexpected) console.error(`[import] the sheet reader threw ${reply.unexpected}`);
        reject(new DomainError(reply.code, reply.reason, reply.details));
      }),
    );
    // Running out of its heap ends the thread with ERR_WORKER_OUT_OF_MEMORY, not the process.
    worker.once('error', (e: NodeJS.ErrnoException) =>
      settle(() => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(tooComplex());
        else {
          console.error('[import] the sheet reader failed:', e.code ?? e.name);
          reject(new DomainError('invalid_request', 'import_malformed'));
        }
      }),
    );
    worker.once('exit', () => settle(() => reject(tooComplex())));
  });
}
