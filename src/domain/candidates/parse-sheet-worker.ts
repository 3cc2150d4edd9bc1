/**
 * Worker-thread entry of parseCandidateSheetInWorker: reads one upload into checked rows and
 * posts the outcome back. It runs on a thread of its own with a heap limit, so a spreadsheet
 * that takes seconds or hundreds of megabytes costs that thread and never the event loop that
 * answers ballots and pages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TrackKind } from '#src/schemas/enums.ts';
import { isDomainError } from '../errors.ts';
import { parseCandidateSheet, type SheetFormat } from './parse-candidate-sheet.ts';

export interface SheetJob {
  bytes: Uint8Array;
  format: SheetFormat;
  kind: TrackKind;
}

const job = workerData as SheetJob;
try {
  const sheet = await parseCandidateSheet(job.bytes, job.format, job.kind);
  parentPort!.postMessage({ ok: true, sheet });
} catch (e) {
  // Only a domain error's code, reason and details cross back. Anything else is answered as a
  // malformed file, and only the error's class is logged: a parser's message may quote the file.
  parentPort!.postMessage(
    isDomainError(e)
      ? { ok: false, code: e.code, reason: e.reason, details: e.details }
      : {
          ok: false,
          code: 'invalid_request',
          reason: 'import_malformed',
          details: {},
          unexpected: e instanceof Error ? e.name : typeof e,
        },
  );
}
