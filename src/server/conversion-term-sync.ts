import type { Db } from '../db/client.ts';
import { listConversionTerms } from '../domain/conversion/list-conversion-terms.ts';
import { setConversionTerms } from '../i18n/convert-chinese.ts';
import { describeError } from './error-log.ts';

/** How often a process re-reads the corrections another process may have changed. */
const conversionTermRefreshMs = 60_000;

/** Loads the staff corrections of the Traditional conversion into this process. */
export async function loadConversionTerms(db: Db): Promise<void> {
  setConversionTerms(await listConversionTerms(db));
}

/**
 * Keeps this process's corrections current: loaded at start, then re-read every minute, so a
 * change made through another app process takes effect everywhere within a minute (the process
 * that made it applies it at once). A failed read keeps the terms it has.
 */
export function startConversionTermSync(db: Db): () => void {
  const refresh = () =>
    loadConversionTerms(db).catch((e: unknown) => {
      console.error(`[conversion] could not load the conversion terms: ${describeError(e)}`);
    });
  void refresh();
  const timer = setInterval(() => void refresh(), conversionTermRefreshMs);
  timer.unref();
  return () => clearInterval(timer);
}
