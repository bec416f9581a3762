// Preloaded by scripts/bench-import.ts (`node --import`): prints the process's CPU time and
// peak memory (all its threads, the import worker included) on exit, for the benchmark. The
// peak is VmHWM where Linux has it: maxRSS there starts at the parent's peak (peak-rss.ts).
import { readFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  let maxRssBytes = usage.maxRSS * 1024;
  try {
    const match = /^VmHWM:\s*(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match !== null) maxRssBytes = Number(match[1]) * 1024;
  } catch {
    // No /proc: not Linux.
  }
  process.stderr.write(`IMPORT_BENCH_USAGE ${JSON.stringify({ cpuSeconds, maxRssBytes })}\n`);
});
