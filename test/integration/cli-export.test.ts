/**
 * `steward export` (issue #13): a project's records as xlsx or CSV from the command line, with
 * the same choices as the app's 导出数据; bad arguments and an unwritable --out exit 2.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { createDemoWorkspace } from '../helpers/open-demo-workspace.ts';
import { createTempDir, runSteward } from '../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let project: string;
let workspace: Workspace;
beforeAll(async () => {
  temp = await createTempDir();
  ({ workspace, path: project } = await createDemoWorkspace(temp.dir, {
    rows: 150,
    seed: 3,
    errorRate: 0.1,
  }));
  await workspace.close();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('steward export', () => {
  it('writes every record as xlsx with name columns, and as CSV with codes only', async () => {
    const xlsx = join(temp.dir, 'out.xlsx');
    const wrote = await runSteward(['export', project, '--format', 'xlsx', '--out', xlsx]);
    expect(wrote.stderr).toContain('已导出 150 条记录');
    expect(wrote.code).toBe(0);
    const book = XLSX.read(await readFile(xlsx), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] ?? ''] ?? {}, {
      header: 1,
    });
    expect(rows.length).toBe(151);
    expect(rows[0]).toContain('性别（名称）');

    const csv = join(temp.dir, 'out.csv');
    const csvRun = await runSteward([
      'export',
      project,
      '--format',
      'csv',
      '--codes',
      'codes',
      '--out',
      csv,
    ]);
    expect(csvRun.code).toBe(0);
    const text = await readFile(csv, 'utf8');
    expect(text.startsWith('\uFEFF公民身份号码,姓名,性别,民族,')).toBe(true);
    expect(text).not.toContain('（名称）');
  });

  it('refuses a bad --format or an --out it cannot write with exit 2, writing nothing', async () => {
    const bad = await runSteward(['export', project, '--format', 'pdf', '--out', 'x.pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format 只能是 xlsx 或 csv');
    const out = join(temp.dir, 'no-such-folder', 'out.xlsx');
    const unwritable = await runSteward(['export', project, '--format', 'xlsx', '--out', out]);
    expect(unwritable.code).toBe(2);
    // The message is the clerk's; the system's own text is only a detail line after it.
    const [message] = unwritable.stderr.split('\n');
    expect(message).toContain('无法写入');
    expect(message).not.toContain('ENOENT');
    expect(unwritable.stderr).not.toMatch(/^\s+at /m); // no stack trace
    await expect(stat(out)).rejects.toThrow();
  });
});
