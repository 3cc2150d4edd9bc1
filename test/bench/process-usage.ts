/**
 * What a child process uses, read from Linux's /proc: CPU time (all threads) and memory. The
 * benchmarks read their server's figures here rather than asking the server, so measuring costs
 * the server nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 a second for userland. */
const msPerTick = 10;

/** User plus system CPU time the process has used so far, in ms (10 ms resolution). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count from its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) * msPerTick;
}

export interface MemoryUsage {
  /** Resident set size now, in bytes. */
  rssBytes: number;
  /** The highest resident set size since the process started ("high water mark"), in bytes. */
  peakRssBytes: number;
}

export function memoryOf(pid: number): MemoryUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  // Its "kB" are KiB.
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}.`);
    return Number(match[1]);
  };
  return { rssBytes: kib('VmRSS') * 1024, peakRssBytes: kib('VmHWM') * 1024 };
}

/**
 * Sets the process's VmHWM back to its current resident set (Linux ≥ 4.0), so that from now on
 * it records the peak of what follows rather than of start-up. False if the kernel refused.
 */
export function resetPeakOf(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
