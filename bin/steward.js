#!/usr/bin/env node
// The `steward` command line. It runs the TypeScript sources through tsx's loader, so that
// `npx steward ...` works right after `npm ci` with no build step to remember.
import { register } from 'tsx/esm/api';

register();

// `steward validate x.csv | head` closes stdout early: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

if (process.env.STEWARD_STATS) {
  // For `npm run bench`: the peak memory of this process, read by scripts/bench.ts.
  process.on('exit', () => {
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    process.stderr.write(`STEWARD_STATS ${JSON.stringify({ maxRssBytes })}\n`);
  });
}

const { main } = await import('../electron/cli/main.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // A bug, not bad input: say so plainly, keep the details for the report, exit 3.
  process.stderr.write('内部错误，请把以下信息报告给维护人员 / internal error, please report:\n');
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 3;
}
