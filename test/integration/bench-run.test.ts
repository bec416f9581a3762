/**
 * `npm run bench` runs end to end on a small register: every step of issue #11's table but the
 * browser (skipped with --no-browser, and saying so) and pandas (an optional tool) ends with
 * numbers, the table is printed and the results are written as JSON. No time is asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-steward.ts';

interface ResultRow {
  readonly step: string;
  readonly rows: number;
  readonly seconds?: number;
  readonly p95Ms?: number;
  readonly peakBytes?: number;
  readonly ratio?: number;
  readonly note?: string;
  readonly isGoalMet?: boolean;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('npm run bench', () => {
  it('measures every step at 1,000 rows with --no-browser and writes the results', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'steward-bench-'));
    dirs.push(dir);
    const run = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
        join(repoRoot, 'scripts/bench.ts'),
        '--rows',
        '1000',
        '--steps',
        'package,import-csv,import-xlsx,edit,reopen,browser',
        '--edits',
        '5',
        '--no-browser',
        '--bench-dir',
        dir,
      ],
      { encoding: 'utf8', timeout: 280_000 },
    );
    expect(run.stderr).not.toMatch(/step failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^step\s+rows\s+time\s+x REF\s+peak\s+goal\s+result$/m);
    expect(run.stdout).toMatch(/UI longest task \(browser\)\s+1,000\s+skipped \(--no-browser\)/);

    const json = (await readdir(dir)).filter((name) => /^results-.*\.json$/.test(name));
    expect(json).toHaveLength(1);
    const report = JSON.parse(await readFile(join(dir, json[0] ?? ''), 'utf8')) as {
      refs: { seconds: number }[];
      results: ResultRow[];
    };
    expect(report.refs.length).toBe(2); // the CSV and the xlsx, each by sha256sum
    const byStep = new Map(report.results.map((row) => [row.step, row]));
    expect([...byStep.keys()]).toEqual([
      'steward package (csv, template)',
      'import csv into a project',
      'import xlsx into a project',
      'cell edit on disk (5 edits)',
      'reopen until the first page',
      'UI longest task (browser)',
    ]);
    for (const step of [
      'steward package (csv, template)',
      'import csv into a project',
      'import xlsx into a project',
      'reopen until the first page',
    ]) {
      const row = byStep.get(step);
      expect(row?.note).toBeUndefined();
      expect(row?.rows).toBe(1000);
      expect(row?.ratio).toBeGreaterThan(0);
      expect(row?.peakBytes).toBeGreaterThan(0);
      expect(typeof row?.isGoalMet).toBe('boolean');
    }
    const edits = byStep.get('cell edit on disk (5 edits)');
    expect(edits?.p95Ms).toBeGreaterThan(0);
    expect(typeof edits?.isGoalMet).toBe('boolean');
    expect(byStep.get('UI longest task (browser)')?.note).toBe('skipped (--no-browser)');
  }, 300_000);
});
