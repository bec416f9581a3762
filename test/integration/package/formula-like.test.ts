/**
 * Values Excel may run as a formula (=, +, -, @ first): the package CSV keeps them byte-exact,
 * validation.json and the HTML report warn about them per field with counts and example rows,
 * and a 开放 package's masks never leave one.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validationReportSchema } from '../../../shared/package/validation-report.ts';
import { isFormulaLike } from '../../../shared/text/is-formula-like.ts';
import { readZipEntries } from '../../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let csv: string;

/** Data rows (1-based) whose 户号 (HH) gets a formula-like value, and the values. */
const formulaCells: readonly [number, string][] = [
  [2, '=1+1'],
  [5, '+86 天津'],
  [9, '@SUM(A1:A3)'],
  [11, '＝HYPERLINK("http://example.com","点击")'],
];

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  const demo = join(dir, 'demo.csv');
  const run = await runSteward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    '20',
    '--seed',
    '4',
    '--error-rate',
    '0',
    '--today',
    '2026-11-26',
    '--out',
    demo,
  ]);
  expect(run.code).toBe(0);
  const lines = (await readFile(demo, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const hh = header.indexOf('户号');
  const xzz = header.indexOf('现住址');
  const edited = lines.map((line, index) => {
    if (index === 0 || line === '') return line;
    const cells = line.split(',');
    const formula = formulaCells.find(([row]) => row === index);
    if (formula !== undefined) cells[hh] = `"${formula[1].replace(/"/g, '""')}"`;
    if (index === 3) cells[hh] = '-12.5';
    if (index === 4) cells[xzz] = `=${cells[xzz] ?? ''}`;
    return cells.join(',');
  });
  csv = join(dir, 'formula.csv');
  await writeFile(csv, edited.join('\r\n'));
}, 120_000);

afterAll(async () => {
  await cleanup();
});

async function packageAs(kind: 'share' | 'open') {
  const out = join(dir, kind);
  await mkdir(out);
  const run = await runSteward([
    'package',
    csv,
    '--kind',
    kind,
    '--pack',
    'pop-base',
    '--department',
    '牡丹区公安分局',
    '--period',
    '2026Q4',
    '--created',
    '2026-11-26T10:00:00+08:00',
    '--on-error',
    'exclude',
    '--out',
    out,
  ]);
  expect(run.stderr).not.toContain('未打包');
  expect(run.code).toBe(0);
  const { entries } = await readZipEntries(run.stdout.trim());
  const report = validationReportSchema.parse(
    JSON.parse((entries.get('reports/validation.json') as Buffer).toString('utf8')),
  );
  const html = (entries.get('reports/validation.html') as Buffer).toString('utf8');
  const data = (entries.get('data/population.csv') as Buffer).toString('utf8');
  return { report, html, data };
}

describe('formula-like values in a package', () => {
  it('keeps them byte-exact in the CSV and warns per field with counts and example rows', async () => {
    const { report, html, data } = await packageAs('share');
    for (const [, value] of formulaCells) {
      expect(data).toContain(value.includes('"') ? `"${value.replace(/"/g, '""')}"` : value);
    }
    expect(data).toContain(',-12.5\r\n');
    expect(report.rows.packaged).toBe(20);
    expect(report.formulaLike).toEqual([
      { name: 'XZZ', title: '现住址', count: 1, rows: [4] },
      { name: 'HH', title: '户号', count: 4, rows: [2, 5, 9, 11] },
    ]);
    expect(html).toContain('可能被 Excel 当作公式');
    expect(html).toContain('户号（HH）');
    expect(html).toContain('2、5、9、11');
  }, 120_000);

  it('masks a 开放 package so no masked value is formula-like', async () => {
    const { report, data } = await packageAs('open');
    const rows = data.split('\r\n').slice(1);
    const header = (data.replace(/^\uFEFF/, '').split('\r\n')[0] ?? '').split(',');
    const xzz = header.indexOf('XZZ');
    expect(xzz).toBeGreaterThanOrEqual(0);
    const masked = rows[3]?.split(',')[xzz] ?? '';
    expect(masked).toMatch(/^\*/);
    for (const row of rows) expect(isFormulaLike(row.split(',')[xzz] ?? '')).toBe(false);
    // 户号 is dropped and 现住址 masked in a 开放 package: nothing formula-like is left.
    expect(report.rows.packaged).toBe(20);
    expect(report.formulaLike).toEqual([]);
  }, 120_000);
});
