/**
 * Merging a clerk's corrected error workbook on hostile input: ids that only look like numbers,
 * a row whose record id points at another record, a formula with no cached value, a value longer
 * than an edit may be, a forged hidden sheet, and parts too large to load. None of them may
 * write a value into a record; each is reported, and `steward merge --format json` lists the
 * rows it could not read.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZipToBuffer } from '../../electron/engine/package/create-zip-writer.ts';
import { exportErrorWorkbook } from '../../electron/engine/package/export-error-workbook.ts';
import { mergeErrorWorkbook } from '../../electron/engine/package/merge-error-workbook.ts';
import {
  dataSheetName,
  mergeSheetName,
} from '../../electron/engine/package/write-error-workbook.ts';
import type { Workspace } from '../../electron/engine/workspace/workspace.ts';
import { maxCellEditLength } from '../../shared/ipc/contract.ts';
import {
  createPackWorkspace,
  packageContext,
  packageCreated,
  readZipEntries,
} from '../helpers/create-pack-workspace.ts';
import { createTempDir, runSteward } from '../helpers/run-steward.ts';

let dir: string;
let cleanup: () => Promise<void>;
let projects = 0;
const open: Workspace[] = [];

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
});

afterAll(async () => {
  for (const workspace of open) await workspace.close();
  await cleanup();
});

/** A fresh project with many records with issues, and its exported error workbook. */
async function createProject(): Promise<{
  workspace: Workspace;
  path: string;
  workbook: ExcelJS.Workbook;
}> {
  projects += 1;
  const { workspace, path: projectPath } = await createPackWorkspace(dir, 'pop-base', {
    rows: 80,
    seed: 31,
    errorRate: 0.4,
    name: `project-${projects}`,
  });
  open.push(workspace);
  const exported = await exportErrorWorkbook(workspace, { created: packageCreated });
  if (!exported.ok) throw new Error(exported.error.message.en);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(exported.value.bytes as unknown as ArrayBuffer);
  return { workspace, path: projectPath, workbook };
}

function dataSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(dataSheetName);
  if (sheet === undefined) throw new Error('the data sheet is there');
  return sheet;
}

function column(workspace: Workspace, sheet: ExcelJS.Worksheet, field: string): number {
  const title = workspace.dataset.fields.find((f) => f.name === field)?.title;
  let found = 0;
  sheet.getRow(1).eachCell((cell, c) => {
    if (cell.text === title) found = c;
  });
  if (found === 0) throw new Error(`no column for ${field}`);
  return found;
}

function valueOf(workspace: Workspace, rid: number, field: string): string | null | undefined {
  const at = workspace.dataset.fields.findIndex((f) => f.name === field);
  return [...workspace.iterateRecords()].find((r) => r.rid === rid)?.values[at];
}

async function save(workbook: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('merging a corrected error workbook', () => {
  it('accepts plain decimal record ids only, and reports the rows it cannot read', async () => {
    const { workspace, workbook } = await createProject();
    const sheet = dataSheet(workbook);
    const address = column(workspace, sheet, 'XZZ');
    // Row 2 is record `target`; rows 3.. get ids that Number() reads as `target`.
    const target = Number(sheet.getRow(2).getCell(1).text);
    const forged = [`0x${target.toString(16)}`, `${target}e0`, `+${target}`, `${target}.0`];
    forged.push(` ${target} `);
    const before = valueOf(workspace, target, 'XZZ');
    forged.forEach((id, i) => {
      const row = sheet.getRow(3 + i);
      row.getCell(1).value = id;
      row.getCell(address).value = `伪造编号写入的地址${i}`;
    });
    sheet.getRow(2).getCell(address).value = '记录本身改好的地址';
    const path = await save(workbook, 'forged-ids.xlsx');

    const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(before).not.toBe('记录本身改好的地址');
    expect(valueOf(workspace, target, 'XZZ')).toBe('记录本身改好的地址');
    expect(merged.value.applied).toBe(1);
    expect(merged.value.duplicateRecords).toEqual([]);
    expect(merged.value.unreadableRows).toEqual(
      forged.map((id, i) => expect.objectContaining({ row: 3 + i, recordId: id })),
    );
    for (const row of merged.value.unreadableRows) expect(row.reason).toMatch(/记录编号/);
  });

  it('does not write a row into a record whose key does not match it', async () => {
    const { workspace, workbook } = await createProject();
    const sheet = dataSheet(workbook);
    const address = column(workspace, sheet, 'XZZ');
    const id = column(workspace, sheet, 'GMSFHM');
    // The clerk typed record B's id over record A's row.
    const a = sheet.getRow(2);
    const b = Number(sheet.getRow(3).getCell(1).text);
    const bAddress = valueOf(workspace, b, 'XZZ');
    a.getCell(1).value = String(b);
    a.getCell(address).value = '甲的新地址';
    sheet.spliceRows(3, 1);
    // A row whose own key the clerk fixed still merges (its source row confirms the record).
    const c = sheet.getRow(3);
    const cRid = Number(c.getCell(1).text);
    c.getCell(id).value = '371702199001010019';
    const path = await save(workbook, 'wrong-record.xlsx');

    const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(valueOf(workspace, b, 'XZZ')).toBe(bAddress);
    expect(merged.value.unreadableRows).toEqual([
      expect.objectContaining({ row: 2, recordId: String(b) }),
    ]);
    expect(merged.value.unreadableRows[0]?.reason).toMatch(/不一致/);
    expect(valueOf(workspace, cRid, 'GMSFHM')).toBe('371702199001010019');
  });

  it('keeps the old value of a formula cell with no cached value, and reports it', async () => {
    const { workspace, workbook } = await createProject();
    const sheet = dataSheet(workbook);
    const address = column(workspace, sheet, 'XZZ');
    const row = sheet.getRow(2);
    const rid = Number(row.getCell(1).text);
    const before = valueOf(workspace, rid, 'XZZ');
    row.getCell(address).value = { formula: 'CONCATENATE(B2,"号")' } as ExcelJS.CellFormulaValue;
    const path = await save(workbook, 'formula.xlsx');

    const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(before).not.toBe('');
    expect(valueOf(workspace, rid, 'XZZ')).toBe(before);
    expect(merged.value.applied).toBe(0);
    expect(merged.value.unreadable).toEqual([
      expect.objectContaining({ rid, field: 'XZZ', reason: expect.stringMatching(/公式/) }),
    ]);
  });

  it('refuses a value longer than an edit may be, cell by cell', async () => {
    const { workspace, workbook } = await createProject();
    const sheet = dataSheet(workbook);
    const address = column(workspace, sheet, 'XZZ');
    const name = column(workspace, sheet, 'XM');
    const row = sheet.getRow(2);
    const rid = Number(row.getCell(1).text);
    const before = valueOf(workspace, rid, 'XZZ');
    row.getCell(address).value = '长'.repeat(maxCellEditLength + 1);
    row.getCell(name).value = '改好的姓名';
    const path = await save(workbook, 'too-long.xlsx');

    const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(valueOf(workspace, rid, 'XZZ')).toBe(before);
    expect(valueOf(workspace, rid, 'XM')).toBe('改好的姓名');
    expect(merged.value.unreadable).toEqual([
      expect.objectContaining({ rid, field: 'XZZ', reason: expect.stringMatching(/过长/) }),
    ]);
  });

  it('refuses a hidden sheet that lists more fields than a sheet has columns', async () => {
    const { workspace, workbook } = await createProject();
    const hidden = workbook.getWorksheet(mergeSheetName);
    if (hidden === undefined) throw new Error('the merge sheet is there');
    const meta = JSON.parse(String(hidden.getCell(1, 1).value)) as { fields: string[] };
    meta.fields = Array.from(
      { length: 16_400 },
      (_, i) => meta.fields[i % meta.fields.length] ?? 'XM',
    );
    hidden.getCell(1, 1).value = JSON.stringify(meta);
    const path = await save(workbook, 'forged-fields.xlsx');

    const merged = await mergeErrorWorkbook(workspace, path, { context: packageContext });
    expect(merged.ok).toBe(false);
    if (!merged.ok) {
      expect(merged.error.code).toBe('workbook-too-many-fields');
      expect(merged.error.message.zh).toMatch(/16,?400/);
    }
  });

  it('loads only the parts it reads, and refuses a part too large to load', async () => {
    const { workspace, workbook } = await createProject();
    const path = await save(workbook, 'plain.xlsx');
    const { entries: all } = await readZipEntries(path);
    const entries = new Map([...all].filter(([name]) => !name.endsWith('/')));
    const media = Buffer.alloc(3 * 1024 ** 2, 7);
    const withMedia = join(dir, 'with-media.xlsx');
    await writeFile(
      withMedia,
      await writeZipToBuffer(
        [
          ...[...entries].map(([name, bytes]) => ({ path: name, bytes })),
          { path: 'xl/media/image1.png', bytes: media },
        ],
        packageCreated,
      ),
    );
    const limit = 2 * 1024 ** 2;
    const merged = await mergeErrorWorkbook(
      workspace,
      withMedia,
      { context: packageContext },
      { maxPartBytes: limit },
    );
    expect(merged.ok).toBe(true);

    const sheetPart = [...entries.keys()].find((name) => name.startsWith('xl/worksheets/sheet'));
    const big = join(dir, 'big-sheet.xlsx');
    await writeFile(
      big,
      await writeZipToBuffer(
        [...entries].map(([name, bytes]) => ({
          path: name,
          bytes: name === sheetPart ? Buffer.concat([bytes, Buffer.alloc(limit, 32)]) : bytes,
        })),
        packageCreated,
      ),
    );
    const refused = await mergeErrorWorkbook(
      workspace,
      big,
      { context: packageContext },
      { maxPartBytes: limit },
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('workbook-part-too-large');
      expect(refused.error.message.zh).toMatch(/过大/);
    }
  });

  it('says a damaged workbook is damaged, without the zip library’s words', async () => {
    const { workspace, workbook } = await createProject();
    const path = await save(workbook, 'whole.xlsx');
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(path);
    const truncated = join(dir, 'truncated.xlsx');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const merged = await mergeErrorWorkbook(workspace, truncated, { context: packageContext });
    expect(merged.ok).toBe(false);
    if (!merged.ok) {
      expect(merged.error.message.zh).toMatch(/损坏/);
      expect(merged.error.message.zh.replace('truncated.xlsx', '')).not.toMatch(/[A-Za-z]/);
      expect(merged.error.details?.length).toBeGreaterThan(0);
    }
  });
});

describe('steward merge --format json', () => {
  it('lists unreadable rows, keeps every other key, and exits 1; a forged sheet exits 2', async () => {
    const { workspace, workbook, path: project } = await createProject();
    const sheet = dataSheet(workbook);
    sheet.getRow(2).getCell(1).value = '0x1';
    const path = await save(workbook, 'cli-forged.xlsx');
    await workspace.close();
    open.splice(open.indexOf(workspace), 1);

    const merged = await runSteward(['merge', project, path, '--format', 'json']);
    expect(merged.code).toBe(1);
    const report = JSON.parse(merged.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(
      [
        'records',
        'applied',
        'alreadyEqual',
        'conflicts',
        'unreadable',
        'unknownRecords',
        'duplicateRecords',
        'unreadableRows',
        'issues',
      ].sort(),
    );
    expect(report.unreadableRows).toEqual([expect.objectContaining({ row: 2, recordId: '0x1' })]);

    const hidden = workbook.getWorksheet(mergeSheetName) as ExcelJS.Worksheet;
    const meta = JSON.parse(String(hidden.getCell(1, 1).value)) as { fields: string[] };
    meta.fields = Array.from({ length: 16_400 }, (_, i) => `F${i}`);
    hidden.getCell(1, 1).value = JSON.stringify(meta);
    const forged = await save(workbook, 'cli-forged-fields.xlsx');
    const refused = await runSteward(['merge', project, forged]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/字段/);
  }, 120_000);
});
