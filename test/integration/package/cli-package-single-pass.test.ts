/**
 * `steward package` reads a CSV once (issue #11), and still packages a file whose column first
 * shows deep in it: the single pass stops there and the file is read again, surveyed whole
 * first, so the clerk gets the package the survey-then-stream read gave, never an internal error.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, runSteward } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let csv: string;

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  csv = join(dir, 'demo.csv');
  const demo = await runSteward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    '30000',
    '--seed',
    '7',
    '--today',
    '2026-11-26',
    '--out',
    csv,
  ]);
  expect(demo.code).toBe(0);
}, 180_000);

afterAll(async () => {
  await cleanup();
});

const packageArgs = (file: string, out: string): string[] => [
  'package',
  file,
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
  '--format',
  'json',
  '--out',
  out,
];

describe('steward package of a CSV read once', () => {
  it('packages a file whose extra column first shows at row 25,000 as it packages the file without it', async () => {
    const lines = (await readFile(csv, 'utf8')).split('\r\n');
    lines[25_000] = `${lines[25_000] ?? ''},补录说明`;
    const late = join(dir, 'late-column.csv');
    await writeFile(late, lines.join('\r\n'));

    await mkdir(join(dir, 'out-plain'));
    await mkdir(join(dir, 'out-late'));
    const plain = await runSteward(packageArgs(csv, join(dir, 'out-plain')));
    const widened = await runSteward(packageArgs(late, join(dir, 'out-late')));
    expect(widened.stderr).not.toContain('内部错误');
    expect(widened.code).toBe(plain.code);
    const rows = (run: typeof plain) =>
      (JSON.parse(run.stdout) as { submission: { rows: unknown } }).submission.rows;
    expect(rows(widened)).toEqual(rows(plain));
  }, 240_000);
});
