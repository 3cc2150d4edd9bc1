/**
 * How a drill reports: one line per check, `ok` or `FAIL`, and an exit status that is non-zero
 * as soon as one promise broke.
 */
export class DrillReport {
  readonly failures: string[] = [];

  section(title: string): void {
    console.log(`\n${title}`);
  }

  figure(label: string, value: string | number): void {
    console.log(`  ${label.padEnd(58)} ${value}`);
  }

  check(ok: boolean, what: string, detail?: string): boolean {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail ? `\n       ${detail}` : ''}`);
    if (!ok) this.failures.push(what);
    return ok;
  }

  /** Prints the verdict; the exit status for the process. */
  finish(name: string): number {
    if (this.failures.length === 0) {
      console.log(`\n${name}: every check passed.`);
      return 0;
    }
    console.error(`\n${name}: ${this.failures.length} check(s) FAILED:`);
    for (const f of this.failures) console.error(`  - ${f}`);
    return 1;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves with the promise's value, or with `undefined` after `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
