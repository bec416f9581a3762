// Preloaded by scripts/bench-import.ts (`node --import`): prints the process's CPU time and
// peak memory (all its threads, the import worker included) on exit, for the benchmark.
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stderr.write(
    `IMPORT_BENCH_USAGE ${JSON.stringify({ cpuSeconds, maxRssBytes: usage.maxRSS * 1024 })}\n`,
  );
});
