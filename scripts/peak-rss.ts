/**
 * A process's own peak resident memory, for the benchmarks' peak columns.
 *
 * On Linux, `process.resourceUsage().maxRSS` (getrusage's ru_maxrss, what Python's `resource`
 * reads too) is not the process's own peak: the kernel carries the parent's high-water mark
 * through fork and exec, so every process `npm run bench` started reported at least the bench's
 * own peak at that moment (the pandas baseline at 300,000 rows: 715 MB in the bench, 377 MB run
 * alone, the same 715 MB as the `steward package` beside it). `/proc/self/status`'s VmHWM counts
 * the memory of the running program only, every thread included. Where there is no /proc
 * (Windows, macOS), maxRSS is the process's own.
 *
 * scripts/print-usage.mjs (preloaded, plain JavaScript: the processes that run no TypeScript)
 * and scripts/pandas-baseline.py read it the same way in their own words.
 */
import { readFileSync } from 'node:fs';

/** The peak resident memory of this process, in bytes. */
export function peakRssBytes(): number {
  let status: string | undefined;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // No /proc: not Linux.
  }
  const match = status === undefined ? null : /^VmHWM:\s*(\d+) kB$/m.exec(status);
  return match === null ? process.resourceUsage().maxRSS * 1024 : Number(match[1]) * 1024;
}
