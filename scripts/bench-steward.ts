/**
 * How `npm run bench` runs `steward` as the installed app ships it: the command line's bundle
 * (out/engine/steward-cli.cjs, written by scripts/write-app-bundles.ts, what main runs for
 * `--steward`) under plain Node, not bin/steward.js, which compiles the TypeScript sources
 * through tsx as they load (seconds of start-up and a slower first pass that no clerk pays).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The bundle's path inside a folder written by `writeAppBundles`. */
export function stewardBundlePath(appDir: string): string {
  return join(appDir, 'engine/steward-cli.cjs');
}

/**
 * The Node script (for `node -e`) that runs the bundle's `runPackagedCli` with the arguments
 * after `--` and exits with its code. The line the bench reads, `STEWARD_STATS` with the peak
 * memory and the CPU time (user + system, every thread) of the process, comes from
 * print-usage.mjs, preloaded.
 */
export const stewardBundleRunner = [
  'require(process.env.STEWARD_BUNDLE).runPackagedCli(process.argv.slice(1)).then(',
  '  (code) => { process.exitCode = code; },',
  ');',
].join('\n');

/** The usage printer the runner is started with (`node --import`). */
const printUsage = pathToFileURL(join(import.meta.dirname, 'print-usage.mjs')).href;

/** The argv (after the Node executable) and environment that run `steward <args>` from a bundle. */
export function bundledSteward(
  bundle: string,
  args: readonly string[],
): { argv: string[]; env: Record<string, string> } {
  return {
    argv: ['--import', printUsage, '-e', stewardBundleRunner, '--', ...args],
    env: { STEWARD_BUNDLE: bundle, USAGE_TAG: 'STEWARD_STATS' },
  };
}
