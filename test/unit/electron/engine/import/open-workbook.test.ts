import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendTables } from '../../../../../electron/engine/import/append-tables.ts';
import { ImportError } from '../../../../../electron/engine/import/import-error.ts';
import {
  openTable,
  openTables,
  openWorkbook,
} from '../../../../../electron/engine/import/open-workbook.ts';
import type {
  SourceRecord,
  SourceTable,
} from '../../../../../electron/engine/import/source-table.ts';
import { createTempDir, sharedDir } from '../../../../helpers/run-steward.ts';

const corpus = join(sharedDir, 'corpus');
let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

async function records(table: SourceTable): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of table.rows()) out.push(record);
  return out;
}

async function writeZip(path: string, entries: Record<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  await writeFile(path, Buffer.concat(chunks));
}

describe('openTable', () => {
  it('reads a CSV with provenance on every record and stops its worker at the end', async () => {
    const path = join(temp.dir, '乡镇.csv');
    await writeFile(path, '某县登记表\n姓名,身份证号\n张三,370102199001011234\n');
    const table = await openTable(path);
    if (!table.ok) throw new Error(table.error.message.en);
    expect(table.value).toMatchObject({ format: 'csv', headerRow: 2, rowCount: 1 });
    expect(await records(table.value)).toEqual([
      { file: '乡镇.csv', sheet: '乡镇.csv', sourceRow: 3, cells: ['张三', '370102199001011234'] },
    ]);
  });

  it('refuses a line of text named .xls as not a spreadsheet, and still reads a TSV named .xls', async () => {
    const path = join(temp.dir, '人口登记.xls');
    await writeFile(path, '请于12月31日前报送人口登记表，表格见附件\r\n');
    const refused = await openTable(path);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('not-a-spreadsheet');
    expect(refused.error.message.zh).toMatch(
      /^文件扩展名是 \.xls，但内容是一行文本：「请于12月31日前报送人口登记表，表格见附件」，不是表格。/,
    );
    const disguised = await openTable(join(corpus, 'hxsec_records_gbk_tsv_disguised.xls'));
    if (!disguised.ok) throw new Error(disguised.error.message.en);
    expect(disguised.value).toMatchObject({ format: 'tsv', headerRow: 1, rowCount: 13 });
    await disguised.value.close();
  });

  it('takes the first visible sheet with data, or the one asked for by name or position', async () => {
    const path = join(corpus, 'sheetjs_sheet_visibility.xlsx');
    const first = await openTable(path);
    expect(first.ok && first.value.sheet).toBe('Visible');
    if (first.ok) await first.value.close();
    const byName = await openTable(path, { sheet: 'Hidden' });
    expect(byName.ok && byName.value).toMatchObject({ sheet: 'Hidden', hidden: true });
    if (byName.ok) await byName.value.close();
    const byPosition = await openTable(path, { sheet: 3 });
    expect(byPosition.ok && byPosition.value.sheet).toBe('VeryHidden');
    if (byPosition.ok) await byPosition.value.close();
    const missing = await openTable(path, { sheet: 'Nope' });
    expect(missing.ok || missing.error.code).toBe('no-such-sheet');
  });

  it('follows the header row the user sets', async () => {
    const table = await openTable(join(corpus, 'calamine_header-row.xlsx'), { headerRow: 3 });
    if (!table.ok) throw new Error(table.error.message.en);
    expect(table.value.headerRow).toBe(3);
    expect(table.value.columns).toContain('Note 1');
    expect(table.value.rowCount).toBe(2);
    await table.value.close();
  });

  it('refuses what is not a spreadsheet, and a missing or empty file', async () => {
    const empty = join(temp.dir, 'empty.csv');
    await writeFile(empty, '');
    expect(await codeOf(empty)).toBe('empty-file');
    expect(await codeOf(join(temp.dir, 'no-such-file.xlsx'))).toBe('file-not-found');
    const pdf = join(temp.dir, 'report.xls');
    await writeFile(pdf, '%PDF-1.7\n');
    const refused = await openTable(pdf);
    expect(refused.ok || refused.error.message.zh).toContain('PDF 文档');
  });
});

async function codeOf(path: string, limits = {}): Promise<string | undefined> {
  const table = await openTable(path, { limits });
  if (table.ok) await table.value.close();
  return table.ok ? undefined : table.error.code;
}

describe('limits and failures', () => {
  it('stops a read that takes too long', async () => {
    const limits = { stallTimeoutMs: 1, totalTimeoutMs: 1 };
    expect(await codeOf(join(corpus, 'easypoi_BigDataExport20000.xlsx'), limits)).toBe('timeout');
  });

  it('survives a read that runs out of memory, with a message', async () => {
    expect(await codeOf(join(corpus, 'sheetjs_large_strings.xlsx'), { maxMemoryMb: 24 })).toBe(
      'out-of-memory',
    );
  });

  it('refuses an entry that inflates beyond its declared size (a disguised bomb)', async () => {
    const source = join(temp.dir, 'honest.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['a', 'b']);
    await workbook.xlsx.writeFile(source);
    const bytes = Buffer.from(await readFile(source));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let i = bytes.indexOf(name); i >= 0; i = bytes.indexOf(name, i + 1)) {
      if (bytes.readUInt32LE(i - 46) === 0x02014b50) bytes.writeUInt32LE(10, i - 46 + 24);
      if (bytes.readUInt32LE(i - 30) === 0x04034b50) bytes.writeUInt32LE(10, i - 30 + 22);
    }
    const forged = join(temp.dir, 'forged.xlsx');
    await writeFile(forged, bytes);
    expect(await codeOf(forged)).toBe('corrupt-file');
  });

  it('refuses archives with too many entries or a bomb-like compression ratio', async () => {
    const many = join(temp.dir, 'many.xlsx');
    await writeZip(many, {
      '[Content_Types].xml': Buffer.from('<Types/>'),
      'xl/workbook.xml': Buffer.from('<workbook/>'),
      'a.txt': Buffer.from('a'),
    });
    expect(await codeOf(many, { maxZipEntries: 2 })).toBe('too-many-entries');
    const bomb = join(temp.dir, 'bomb.xlsx');
    await writeZip(bomb, {
      '[Content_Types].xml': Buffer.from('<Types/>'),
      'xl/workbook.xml': Buffer.from('<workbook/>'),
      'xl/worksheets/sheet1.xml': Buffer.alloc(20 * 1024 * 1024, 0x20),
    });
    expect(await codeOf(bomb)).toBe('suspicious-compression');
  });
});

describe('openTables and appendTables', () => {
  it('appends sheets whose columns line up, in any order, keeping each record its source', async () => {
    const a = join(temp.dir, '城关镇.csv');
    const b = join(temp.dir, '北塘镇.csv');
    await writeFile(a, '姓名,身份证号\n张三,1\n');
    await writeFile(b, '身份证号,姓名\n2,李四\n3,王五\n');
    const tables = await Promise.all([openTable(a), openTable(b)]);
    const opened = tables.map((t) => {
      if (!t.ok) throw new Error(t.error.message.en);
      return t.value;
    });
    const appended = appendTables(opened);
    if (!appended.ok) throw new Error(appended.error.message.en);
    expect(appended.value.rowCount).toBe(3);
    expect(await records(appended.value)).toEqual([
      { file: '城关镇.csv', sheet: '城关镇.csv', sourceRow: 2, cells: ['张三', '1'] },
      { file: '北塘镇.csv', sheet: '北塘镇.csv', sourceRow: 2, cells: ['李四', '2'] },
      { file: '北塘镇.csv', sheet: '北塘镇.csv', sourceRow: 3, cells: ['王五', '3'] },
    ]);
  });

  it('refuses to append tables whose columns differ, saying how', async () => {
    const a = join(temp.dir, 'x.csv');
    const b = join(temp.dir, 'y.csv');
    await writeFile(a, '姓名,身份证号\n张三,1\n');
    await writeFile(b, '姓名,电话\n李四,2\n');
    const opened = await Promise.all([openTable(a), openTable(b)]);
    const tables = opened.flatMap((t) => (t.ok ? [t.value] : []));
    const appended = appendTables(tables);
    expect(appended.ok).toBe(false);
    if (!appended.ok) {
      expect(appended.error.code).toBe('columns-differ');
      expect(appended.error.details?.[0]).toContain('身份证号');
    }
    await Promise.all(tables.map((t) => t.close()));
  });

  it('opens every visible sheet that holds data, sharing one worker', async () => {
    const tables = await openTables(join(corpus, 'calamine_number_rows_repeated.ods'));
    if (!tables.ok) throw new Error(tables.error.message.en);
    expect(tables.value.map((t) => [t.sheet, t.headerRow, t.rowCount])).toEqual([
      ['Sheet1', 1, 4],
      ['Sheet2', 2, 4],
      ['Sheet3', 3, 4],
    ]);
    const appended = appendTables(tables.value);
    if (!appended.ok) throw new Error(appended.error.message.en);
    const all = await records(appended.value);
    expect(all.map((r) => `${r.sheet}:${r.sourceRow}`)).toEqual([
      'Sheet1:2',
      'Sheet1:3',
      'Sheet1:6',
      'Sheet1:8',
      'Sheet2:3',
      'Sheet2:4',
      'Sheet2:7',
      'Sheet2:9',
      'Sheet3:4',
      'Sheet3:5',
      'Sheet3:8',
      'Sheet3:10',
    ]);
  });

  it('lists every sheet of a workbook with its hidden flag', async () => {
    const workbook = await openWorkbook(join(corpus, 'calamine_any_sheets.xlsb'));
    if (!workbook.ok) throw new Error(workbook.error.message.en);
    expect(workbook.value.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Visible', false],
      ['Hidden', true],
      ['VeryHidden', true],
      ['Chart', false],
    ]);
    await workbook.value.close();
  });

  it('makes rows() fail loudly when the worker is gone', async () => {
    const table = await openTable(join(corpus, 'citic_credit_records.xls'));
    if (!table.ok) throw new Error(table.error.message.en);
    await table.value.close();
    await expect(records(table.value)).rejects.toBeInstanceOf(ImportError);
  });
});
