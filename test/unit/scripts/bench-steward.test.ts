import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledSteward, stewardBundlePath } from '../../../scripts/bench-steward.ts';

/** Runs a command, resolving to its exit code and output. */
function runNode(
  argv: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

describe('the bench runs steward as the app ships it', () => {
  it('runs the bundle written beside the engine, not the TypeScript sources', () => {
    expect(stewardBundlePath('/app/out')).toBe(join('/app/out', 'engine/steward-cli.cjs'));
  });

  it("passes the arguments to the bundle's command line, exits with its code, and prints the peak memory and CPU time", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-steward-'));
    try {
      const bundle = join(dir, 'steward-cli.cjs');
      // A stand-in bundle: prints its arguments and says "data problems found" (exit 1).
      await writeFile(
        bundle,
        'exports.runPackagedCli = async (argv) => { process.stdout.write(JSON.stringify(argv)); return 1; };\n',
      );
      const { argv, env } = bundledSteward(bundle, ['package', 'a b.csv', '--kind', 'share']);
      const run = await runNode(argv, env);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toEqual(['package', 'a b.csv', '--kind', 'share']);
      const line = run.stderr.split('\n').find((l) => l.startsWith('STEWARD_STATS '));
      const stats = JSON.parse(line?.slice('STEWARD_STATS '.length) ?? '{}') as {
        maxRssBytes?: number;
        cpuSeconds?: number;
      };
      expect(stats.maxRssBytes).toBeGreaterThan(1024 * 1024);
      expect(stats.cpuSeconds).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
