/**
 * How `npm run bench` runs `steward` as the installed app ships it: the command line's bundle
 * (out/engine/steward-cli.cjs, written by scripts/write-app-bundles.ts, what main runs for
 * `--steward`) under plain Node, not bin/steward.js, which compiles the TypeScript sources
 * through tsx as they load (seconds of start-up and a slower first pass that no clerk pays).
 */
import { join } from 'node:path';

/** The bundle's path inside a folder written by `writeAppBundles`. */
export function stewardBundlePath(appDir: string): string {
  return join(appDir, 'engine/steward-cli.cjs');
}

/**
 * The Node script (for `node -e`) that runs the bundle's `runPackagedCli` with the arguments
 * after `--`, exits with its code, and prints the line the bench reads: `STEWARD_STATS` with the
 * peak memory and the CPU time (user + system, every thread) of the process. The peak is VmHWM
 * where Linux has it: maxRSS there starts at the bench's own peak (peak-rss.ts).
 */
export const stewardBundleRunner = [
  'process.on("exit", () => {',
  '  const usage = process.resourceUsage();',
  '  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;',
  '  let maxRssBytes = usage.maxRSS * 1024;',
  '  try {',
  '    const match = /^VmHWM:\\s*(\\d+) kB$/m.exec(require("fs").readFileSync("/proc/self/status", "utf8"));',
  '    if (match !== null) maxRssBytes = Number(match[1]) * 1024;',
  '  } catch {}',
  '  process.stderr.write(`STEWARD_STATS ${JSON.stringify({ maxRssBytes, cpuSeconds })}\\n`);',
  '});',
  'require(process.env.STEWARD_BUNDLE).runPackagedCli(process.argv.slice(1)).then(',
  '  (code) => { process.exitCode = code; },',
  ');',
].join('\n');

/** The argv (after the Node executable) and environment that run `steward <args>` from a bundle. */
export function bundledSteward(
  bundle: string,
  args: readonly string[],
): { argv: string[]; env: Record<string, string> } {
  return { argv: ['-e', stewardBundleRunner, '--', ...args], env: { STEWARD_BUNDLE: bundle } };
}
