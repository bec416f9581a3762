/**
 * The bench's peak memory columns give each process's own peak, not its parent's: on Linux a
 * child's getrusage maxRSS starts at the parent's high-water mark (scripts/peak-rss.ts). Here
 * the test's own process holds 400 MB while it starts each reporter as a child.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledSteward } from '../../../scripts/bench-steward.ts';
import { repoRoot } from '../../helpers/run-steward.ts';

const held = 400 * 1024 * 1024;
/** Far below what the parent holds; a bare Node process peaks at some 50 MB. */
const ownPeakAtMost = 200 * 1024 * 1024;

let memory: Buffer | undefined;
let dir: string;

beforeAll(async () => {
  // Filled, so that every page is resident in this process.
  memory = Buffer.alloc(held, 1);
  dir = await mkdtemp(join(tmpdir(), 'peak-rss-'));
});

afterAll(async () => {
  memory = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Runs Node with `argv`, resolving to its stderr. */
function runNode(argv: readonly string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { env: { ...process.env, ...env }, cwd: repoRoot },
      (_e, _o, stderr) => resolve(stderr),
    );
  });
}

/** The JSON after `tag` on a line of `text`. */
function statsAfter(tag: string, text: string): { maxRssBytes?: number } {
  const line = text.split('\n').find((l) => l.startsWith(`${tag} `));
  return JSON.parse(line?.slice(tag.length + 1) ?? '{}') as { maxRssBytes?: number };
}

describe("a benchmarked process's peak memory", () => {
  it('is held by this process, as the children would otherwise report it', () => {
    expect(memory?.length).toBe(held);
    expect(process.resourceUsage().maxRSS * 1024).toBeGreaterThan(held);
  });

  it('is its own in the runner of the steward bundle', async () => {
    const bundle = join(dir, 'steward-cli.cjs');
    await writeFile(bundle, 'exports.runPackagedCli = async () => 0;\n');
    const { argv, env } = bundledSteward(bundle, ['--help']);
    const peak = statsAfter('STEWARD_STATS', await runNode(argv, env)).maxRssBytes;
    expect(peak).toBeGreaterThan(1024 * 1024);
    expect(peak).toBeLessThan(ownPeakAtMost);
  });

  it('is its own in the usage printer of the import bench', async () => {
    const stderr = await runNode(['--import', './scripts/print-usage.mjs', '-e', '0']);
    const peak = statsAfter('IMPORT_BENCH_USAGE', stderr).maxRssBytes;
    expect(peak).toBeGreaterThan(1024 * 1024);
    expect(peak).toBeLessThan(ownPeakAtMost);
  });

  it('is its own from peakRssBytes', async () => {
    const stderr = await runNode([
      '--import',
      'tsx',
      '-e',
      "import('./scripts/peak-rss.ts').then((m) => process.stderr.write(`PEAK ${JSON.stringify({ maxRssBytes: m.peakRssBytes() })}\\n`));",
    ]);
    const peak = statsAfter('PEAK', stderr).maxRssBytes;
    expect(peak).toBeGreaterThan(1024 * 1024);
    expect(peak).toBeLessThan(ownPeakAtMost);
  });
});
