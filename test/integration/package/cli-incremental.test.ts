/**
 * `steward package --mode incremental --base old.zip` and `steward apply` (issue #15), as an
 * office and the province run them: a department's file is packaged in full, the next quarter's
 * file (a record gone, one changed, three new) is packaged as an increment against the zip sent
 * before, verify accepts it, and apply rebuilds the second full package's data byte for byte.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;

const common = [
  '--pack',
  'pop-base',
  '--department',
  '牡丹区公安分局',
  '--period',
  '2026Q4',
  '--division',
  '371702',
  '--kind',
  'share',
  '--on-error',
  'exclude',
  '--format',
  'json',
];

async function demo(seed: number, rows: number): Promise<string[]> {
  const path = join(dir, `demo-${seed}.csv`);
  const made = await runSteward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    String(rows),
    '--seed',
    String(seed),
    '--error-rate',
    '0',
    '--today',
    '2026-11-26',
    '--out',
    path,
  ]);
  expect(made.code).toBe(0);
  return (await readFile(path, 'utf8'))
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

async function writePackage(file: string, created: string, extra: string[] = []) {
  const run = await runSteward([
    'package',
    file,
    ...common,
    '--created',
    created,
    '--out',
    dir,
    ...extra,
  ]);
  return { ...run, json: run.code <= 1 ? (JSON.parse(run.stdout) as Record<string, unknown>) : {} };
}

async function dataOf(zip: string): Promise<Buffer | undefined> {
  return (await readZipEntries(zip)).entries.get('data/population.csv');
}

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
});

afterAll(async () => {
  await cleanup();
});

describe('steward package --mode incremental and steward apply', () => {
  it('packages the changes against an earlier zip and rebuilds the full data from them', async () => {
    const first = await demo(21, 60);
    const later = await demo(22, 3);
    const t0 = join(dir, '第三季度.csv');
    await writeFile(t0, `${first.join('\r\n')}\r\n`);
    // Next quarter: the 5th record gone, the 10th moved house, three new people.
    const next = first.filter((_, i) => i !== 5);
    const columns = (next[0] ?? '').split(',');
    const moved = (next[9] ?? '').split(',');
    moved[columns.indexOf('现住址')] = '菏泽市牡丹区新址路1号';
    next[9] = moved.join(',');
    const t1 = join(dir, '第四季度.csv');
    await writeFile(t1, `${[...next, ...later.slice(1)].join('\r\n')}\r\n`);

    const full0 = await writePackage(t0, '2026-09-30T10:00:00+08:00');
    expect(full0.code).toBe(0);
    const full0Path = full0.json.path as string;
    const delta = await writePackage(t1, '2026-12-31T10:00:00+08:00', [
      '--mode',
      'incremental',
      '--base',
      full0Path,
    ]);
    expect(delta.code).toBe(0);
    const submission = delta.json.submission as Record<string, unknown>;
    expect(submission.mode).toBe('增量');
    expect(submission.changes).toEqual({ added: 3, changed: 1, removed: 1, unchanged: 58 });
    const deltaPath = delta.json.path as string;
    expect((await runSteward(['verify', deltaPath])).code).toBe(0);

    const full1 = await writePackage(t1, '2026-12-31T11:00:00+08:00');
    expect(full1.code).toBe(0);
    const out = join(dir, '合成.zip');
    const applied = await runSteward(['apply', full0Path, deltaPath, '--out', out]);
    expect(applied.stderr).toBe('已合成：62 条记录（基础数据包加 1 个增量数据包）\n');
    expect(applied.code).toBe(0);
    expect(await dataOf(out)).toEqual(await dataOf(full1.json.path as string));

    // The province given the packages out of order is told so, not handed wrong data.
    const wrong = await runSteward(['apply', deltaPath, full0Path, '--out', out]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('基础数据包本身是增量包');
  }, 120_000);

  it('refuses an increment of a file without a base, and an unknown mode', async () => {
    const t0 = join(dir, '第三季度.csv');
    const noBase = await writePackage(t0, '2026-10-01T10:00:00+08:00', ['--mode', 'incremental']);
    expect(noBase.code).toBe(2);
    expect(noBase.stdout).toContain('打包文件时增量报送需要 --base');
    const bad = await runSteward(['package', t0, ...common, '--out', dir, '--mode', 'partial']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('--mode 只能是 full（全量）或 incremental（增量）');
  }, 60_000);
});
