/** `steward package`, `steward verify` and `steward merge` as a user runs them. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { readZipEntries } from '../../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward } from '../../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let csv: string;
const created = '2026-11-26T10:00:00+08:00';

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  csv = join(dir, 'demo.csv');
  const demo = await runSteward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    '300',
    '--seed',
    '4',
    '--error-rate',
    '0.05',
    '--today',
    '2026-11-26',
    '--out',
    csv,
  ]);
  expect(demo.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await cleanup();
});

const common = (out: string): string[] => [
  '--pack',
  'pop-base',
  '--department',
  '牡丹区公安分局',
  '--period',
  '2026Q4',
  '--created',
  created,
  '--out',
  out,
];

describe('steward package', () => {
  it('exits 1 and says what blocks the package when errors have no exemption', async () => {
    const out = join(dir, 'blocked');
    await mkdir(out);
    const run = await runSteward(['package', csv, '--kind', 'share', ...common(out)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('未打包');
    expect(run.stderr).toContain('公民身份号码（GMSFHM）');
  }, 120_000);

  it('prints the path of the package, which verify passes; the same options give the same bytes', async () => {
    const out = join(dir, 'exclude');
    await mkdir(out);
    const args = ['package', csv, '--kind', '共享', '--on-error', 'exclude', ...common(out)];
    const first = await runSteward(args);
    expect(first.stderr).toContain('因错误排除');
    expect(first.code).toBe(0);
    const path = first.stdout.trim();
    expect(path).toBe(join(out, 'population_371702_2026Q4_20261126100000.zip'));
    const bytes = await readFile(path);
    const second = await runSteward(args);
    expect(second.code).toBe(0);
    expect((await readFile(path)).equals(bytes)).toBe(true);

    const verified = await runSteward(['verify', path]);
    expect(verified.stdout).toContain('全部相符');
    expect(verified.code).toBe(0);
    const json = await runSteward(['verify', path, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, problems: [] });

    const { entries, comment } = await readZipEntries(path);
    const zip = new yazl.ZipFile();
    for (const [name, content] of entries) zip.addBuffer(content, name);
    zip.addBuffer(Buffer.from('x'), 'reports/extra.txt');
    zip.end({ comment, forceZip64Format: false });
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const tampered = join(dir, 'tampered.zip');
    await writeFile(tampered, Buffer.concat(chunks));
    const failed = await runSteward(['verify', tampered]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('[file-added]');
  }, 240_000);

  it('writes a 开放 package', async () => {
    const out = join(dir, 'open');
    await mkdir(out);
    const run = await runSteward([
      'package',
      csv,
      '--kind',
      'open',
      '--on-error',
      'exclude',
      '--format',
      'json',
      ...common(out),
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { path: string; submission: { kind: string } };
    expect(result.submission.kind).toBe('开放');
    const { entries } = await readZipEntries(result.path);
    const header = (entries.get('data/population.csv') as Buffer).toString('utf8').split('\r\n')[0];
    expect(header).toBe('GMSFHM,XM,XB,CSD,HJDZ,XZZ,LXDH');
  }, 120_000);

  it('reads any file the importer reads (an xlsx), keeping where each issue came from', async () => {
    const lines = (await readFile(csv, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('东城街道');
    sheet.addRow(['牡丹区户籍人口登记表']);
    for (const [index, line] of lines.slice(0, 61).entries()) {
      const cells = line.split(',');
      // Data row 10 (sheet row 12: a title row, then the header) gets a stray space.
      if (index === 10) cells[1] = ` ${cells[1] ?? ''}`;
      const row = sheet.addRow(cells);
      row.eachCell((cell) => {
        cell.numFmt = '@';
      });
    }
    const xlsx = join(dir, '户籍.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const out = join(dir, 'xlsx');
    await mkdir(out);
    const run = await runSteward([
      'package',
      xlsx,
      '--kind',
      'share',
      '--on-error',
      'exclude',
      ...common(out),
    ]);
    expect(run.code).toBe(0);
    const { entries } = await readZipEntries(run.stdout.trim());
    const report = JSON.parse(
      (entries.get('reports/validation.json') as Buffer).toString('utf8'),
    ) as {
      rows: { project: number };
      issues: {
        rule: string;
        field: string;
        source: { file: string; sheet: string; row: number };
      }[];
    };
    expect(report.rows.project).toBe(60);
    expect(report.issues).toContainEqual(
      expect.objectContaining({
        rule: 'whitespace',
        field: 'XM',
        source: { file: '户籍.xlsx', sheet: '东城街道', row: 12 },
      }),
    );
    for (const issue of report.issues) {
      expect(issue.source.file).toBe('户籍.xlsx');
      expect(issue.source.sheet).toBe('东城街道');
      expect(issue.source.row).toBeGreaterThanOrEqual(3);
    }
  }, 120_000);

  it('exits 2 on bad input', async () => {
    const bad = await runSteward(['package', csv, '--kind', 'private', '--out', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('共享');
    const noOut = await runSteward(['package', csv, '--kind', 'share']);
    expect(noOut.code).toBe(2);
    const badTime = await runSteward([
      'package',
      csv,
      '--kind',
      'share',
      ...common(dir),
      '--created',
      'yesterday',
    ]);
    expect(badTime.code).toBe(2);
    const missing = await runSteward(['verify', join(dir, 'nothing.zip')]);
    expect(missing.code).toBe(2);
  }, 120_000);
});

describe('steward merge', () => {
  it('merges a workbook and reports what it did', async () => {
    const project = join(dir, 'project.dsw');
    // A project, written by the engine through the same helper the app uses.
    const { createPackWorkspace } = await import('../../helpers/create-pack-workspace.ts');
    const made = await createPackWorkspace(dir, 'pop-base', {
      rows: 120,
      seed: 8,
      name: 'project',
    });
    await made.workspace.close();
    const out = join(dir, 'merge-package');
    await mkdir(out);
    const packaged = await runSteward([
      'package',
      project,
      '--kind',
      'share',
      '--on-error',
      'exclude',
      '--division',
      '371702',
      '--created',
      created,
      '--out',
      out,
    ]);
    expect(packaged.code).toBe(0);
    const { entries } = await readZipEntries(packaged.stdout.trim());
    const workbook = join(dir, 'errors.xlsx');
    await writeFile(workbook, entries.get('reports/errors.xlsx') as Buffer);
    const merged = await runSteward(['merge', project, workbook, '--who', '部门联络员']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('0 处修改已合并');
    const notProject = await runSteward(['merge', csv, workbook]);
    expect(notProject.code).toBe(2);

    const exported = join(dir, 'exported.xlsx');
    const exportRun = await runSteward(['export-errors', project, '--out', exported]);
    expect(exportRun.code).toBe(0);
    expect(exportRun.stderr).toContain('steward merge');
    const back = await runSteward(['merge', project, exported, '--format', 'json']);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.stdout)).toMatchObject({ applied: 0, conflicts: [] });
  }, 180_000);
});
