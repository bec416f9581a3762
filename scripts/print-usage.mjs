// Preloaded by scripts/bench-import.ts and scripts/bench-steward.ts (`node --import`): prints
// the process's CPU time and peak memory (all its threads, the import worker included) on exit,
// for the benchmark, on a line tagged `USAGE_TAG` (default IMPORT_BENCH_USAGE). The peak is
// VmHWM where Linux has it: maxRSS there starts at the parent's peak (peak-rss.ts).
import { readFileSync } from 'node:fs';

const tag = process.env.USAGE_TAG ?? 'IMPORT_BENCH_USAGE';

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
  process.stderr.write(`${tag} ${JSON.stringify({ cpuSeconds, maxRssBytes })}\n`);
});
