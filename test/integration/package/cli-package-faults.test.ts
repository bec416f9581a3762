/**
 * `steward package` on a full disk and after a kill: a full output folder (a real one, a small
 * tmpfs) is refused with 磁盘空间不足 and exit 2, leaving nothing partial; a run killed mid-way
 * leaves its temp folder, and the next run removes it.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountSmallDisk, type SmallDisk } from '../../helpers/mount-small-disk.ts';
import { createTempDir, repoRoot, runSteward } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let disk: SmallDisk;
const csvs: Record<number, string> = {};

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  disk = await mountSmallDisk(join(dir, 'disk'), 8);
  for (const rows of [300, 20_000]) {
    csvs[rows] = join(dir, `demo-${rows}.csv`);
    const demo = await runSteward([
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      String(rows),
      '--seed',
      '4',
      '--error-rate',
      '0.05',
      '--today',
      '2026-11-26',
      '--out',
      csvs[rows],
    ]);
    expect(demo.code).toBe(0);
  }
}, 180_000);

afterAll(async () => {
  await disk.unmount();
  await cleanup();
});

const packageArgs = (csv: string, out: string): string[] => [
  'package',
  csv,
  '--kind',
  'share',
  '--pack',
  'pop-base',
  '--department',
  '牡丹区公安分局',
  '--period',
  '2026Q4',
  '--on-error',
  'exclude',
  '--no-auto-template',
  '--created',
  '2026-11-26T10:00:00+08:00',
  '--out',
  out,
];

describe('steward package on a full disk', () => {
  // No room at all, room for part of the package. (A file is packaged with no project on
  // disk now: 1,500,000 bytes, once room for a project but not its package, hold the package.)
  for (const leaveBytes of [0, 300_000, 600_000]) {
    it(`exits 2 with 磁盘空间不足 and leaves nothing partial (${leaveBytes} bytes free)`, async () => {
      await disk.fill(leaveBytes);
      try {
        const run = await runSteward(packageArgs(csvs[20_000] ?? '', disk.dir));
        expect(run.stderr).toContain('磁盘空间不足');
        expect(run.stderr).not.toContain('内部错误');
        expect(run.code).toBe(2);
        expect(await readdir(disk.dir)).toEqual(['filler.bin']);
      } finally {
        await disk.free();
      }
    });
  }
});

describe('a package run that was killed', () => {
  it('leaves its temp folder, which the next run removes', async () => {
    const out = join(dir, 'killed');
    await mkdir(out);
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin/steward.js'), ...packageArgs(csvs[20_000] ?? '', out)],
      { cwd: repoRoot, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => {
      child.on('exit', (_code, signal) => resolve(signal));
    });
    let leftovers: string[] = [];
    for (let i = 0; i < 3000 && leftovers.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      leftovers = (await readdir(out)).filter((name) => name.startsWith('.steward-tmp-'));
    }
    // Let it get into its work (the project in the temp folder), then kill it outright.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(leftovers).toEqual([expect.stringMatching(new RegExp(`^\\.steward-tmp-${child.pid}-`))]);
    expect(await readdir(out)).toEqual(leftovers);

    const next = await runSteward(packageArgs(csvs[300] ?? '', out));
    expect(next.code).toBe(0);
    const left = await readdir(out);
    expect(left.filter((name) => name.startsWith('.'))).toEqual([]);
    expect(left).toHaveLength(1);
  });
});
