/**
 * 导出数据 (issue #13): the project's records as xlsx and CSV, read back as Excel and a CSV reader
 * would: the header row of Chinese field titles, every record (or exactly the grid's filtered and
 * sorted rows), a name column beside code fields or codes only, ID and phone cells that are text
 * (type s, format @) so Excel never shows 4.4E+17, and CSV in UTF-8 with a BOM. The app's job can
 * be cancelled and then offers nothing.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { exportRecords } from '../../../electron/engine/package/export-records.ts';
import { codeNameHeader } from '../../../electron/engine/package/write-error-workbook.ts';
import type { RecordFilter, Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { createFieldCodeNames } from '../../../shared/package/create-field-code-names.ts';
import { createTestSession } from '../../helpers/engine-session.ts';
import { createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let workspace: Workspace;
const created = new Date('2026-12-01T02:00:00Z');

beforeAll(async () => {
  temp = await createTempDir();
  ({ workspace } = await createDemoWorkspace(temp.dir, { rows: 400, seed: 11, errorRate: 0.15 }));
  // The demo file writes 性别 as words: map them to the standard codes, as a clerk would.
  const mapped = await workspace.applyValueMap(
    'XB',
    { 男: '1', 女: '2' },
    { who: '测试员', context: { today: '2026-11-26' } },
  );
  if (!mapped.ok) throw new Error(mapped.error.message.en);
});
afterAll(async () => {
  await workspace.close();
  await temp.cleanup();
});

/** Every record the filter selects, as the grid pages through them. */
function gridRows(filter: RecordFilter): { rid: number; values: (string | null)[] }[] {
  const rows: { rid: number; values: (string | null)[] }[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = workspace.pageRecords(offset, 1000, filter);
    rows.push(...page.map((r) => ({ rid: r.rid, values: [...r.values] })));
    if (page.length < 1000) return rows;
  }
}

async function exportTo(
  name: string,
  options: Omit<Parameters<typeof exportRecords>[1], 'out' | 'created'>,
): Promise<string> {
  const out = join(temp.dir, name);
  const exported = await exportRecords(workspace, { ...options, out, created });
  if (!exported.ok) throw new Error(exported.error.message.en);
  return out;
}

function sheetOf(bytes: Buffer): XLSX.WorkSheet {
  const book = XLSX.read(bytes, { type: 'buffer', cellNF: true, dense: false });
  const sheet = book.Sheets[book.SheetNames[0] ?? ''];
  if (sheet === undefined) throw new Error('the workbook has a sheet');
  return sheet;
}

describe('导出数据 as xlsx', () => {
  it('writes every record with a name column beside code fields, IDs and phones as text', async () => {
    const out = await exportTo('all.xlsx', { format: 'xlsx', codes: 'names' });
    const sheet = sheetOf(await readFile(out));
    const fields = workspace.dataset.fields;
    const names = createFieldCodeNames(workspace.pack, fields);
    const headers = fields.flatMap((f) =>
      names.has(f.name) ? [f.title, codeNameHeader(f.title)] : [f.title],
    );
    const table = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false });
    expect(table[0]).toEqual(headers);
    const rows = gridRows({});
    expect(table.length - 1).toBe(rows.length);
    expect(rows.length).toBe(workspace.countRecords());

    const idColumn = headers.indexOf('公民身份号码');
    const phoneColumn = headers.indexOf('联系电话');
    const sexColumn = headers.indexOf('性别');
    const sexIndex = fields.findIndex((f) => f.name === 'XB');
    const idIndex = fields.findIndex((f) => f.name === 'GMSFHM');
    // A record with an 18-digit ID and a 性别 code of the code table.
    const at = rows.findIndex(
      (r) => /^\d{17}[\dX]$/.test(r.values[idIndex] ?? '') && r.values[sexIndex] === '2',
    );
    expect(at).toBeGreaterThanOrEqual(0);
    const excelRow = at + 1; // 0-based sheet row after the header
    const idCell = sheet[XLSX.utils.encode_cell({ r: excelRow, c: idColumn })] as XLSX.CellObject;
    expect(idCell.t).toBe('s');
    expect(idCell.z).toBe('@');
    expect(idCell.v).toBe(rows[at]?.values[idIndex]);
    const sexCell = sheet[XLSX.utils.encode_cell({ r: excelRow, c: sexColumn })] as XLSX.CellObject;
    expect(sexCell.v).toBe('2');
    const sexName = sheet[XLSX.utils.encode_cell({ r: excelRow, c: sexColumn + 1 })];
    expect((sexName as XLSX.CellObject).v).toBe(names.get('XB')?.get('2'));
    // Every filled ID and phone cell is text: none became a number.
    for (let r = 1; r < table.length; r += 1) {
      for (const c of [idColumn, phoneColumn]) {
        const cell = sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
        if (cell !== undefined) expect(cell.t, `row ${r} column ${c}`).toBe('s');
      }
    }
  });

  it('writes exactly the grid’s filtered, sorted rows, codes only', async () => {
    const idIndex = workspace.dataset.fields.findIndex((f) => f.name === 'GMSFHM');
    const filter: RecordFilter = {
      withIssues: true,
      columns: [{ field: 'XB', values: ['1', '2'] }],
      sort: { field: 'XM', direction: 'desc' },
    };
    const expected = gridRows(filter);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(workspace.countRecords());
    const out = await exportTo('view.xlsx', { format: 'xlsx', codes: 'codes', filter });
    const table = XLSX.utils.sheet_to_json<string[]>(sheetOf(await readFile(out)), {
      header: 1,
      raw: false,
      defval: '',
    });
    expect(table[0]).toEqual(workspace.dataset.fields.map((f) => f.title));
    expect(table[0]?.some((h) => h.endsWith('（名称）'))).toBe(false);
    expect(table.slice(1).map((row) => row[idIndex])).toEqual(
      expected.map((r) => r.values[idIndex] ?? ''),
    );
  });
});

describe('导出数据 as CSV', () => {
  it('is UTF-8 with a BOM, the titles as header, values exactly as the project holds them', async () => {
    const out = await exportTo('all.csv', { format: 'csv', codes: 'names' });
    const bytes = await readFile(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true });
    const fields = workspace.dataset.fields;
    const names = createFieldCodeNames(workspace.pack, fields);
    expect(parsed.data[0]?.slice(0, 4)).toEqual([
      '公民身份号码',
      '姓名',
      '性别',
      codeNameHeader('性别'),
    ]);
    const rows = gridRows({});
    expect(parsed.data.length - 1).toBe(rows.length);
    // Without the name columns, each line is the record's values in field order.
    const fieldColumns = (parsed.data[0] ?? []).flatMap((h, i) =>
      h.endsWith('（名称）') ? [] : [i],
    );
    rows.forEach((row, i) => {
      const line = parsed.data[i + 1] ?? [];
      expect(fieldColumns.map((c) => line[c])).toEqual(row.values.map((v) => v ?? ''));
    });
    const sexAt = (parsed.data[0] ?? []).indexOf('性别');
    const withCode = parsed.data.slice(1).find((line) => line[sexAt] === '1');
    expect(withCode?.[sexAt + 1]).toBe(names.get('XB')?.get('1'));
  });
});

describe('the 导出数据 job', () => {
  it('stops when cancelled and offers no file', async () => {
    const dataDir = join(temp.dir, 'data');
    const { session, answer, jobDone: finished } = createTestSession({ dataDir });
    expect((await answer('project:training', { rows: 3000, seed: 5 })).ok).toBe(true);
    const started = await answer('records:export', { format: 'xlsx', codes: 'names' });
    if (!started.ok) throw new Error(started.error.message.zh);
    await answer('job:cancel', { jobId: started.value.jobId });
    const done = await finished(started.value.jobId);
    expect(done?.ok).toBe(false);
    expect(done?.message.zh).toBe('已取消导出数据');
    expect(session.download(started.value.downloadId).ok).toBe(false);
    const work = await session.workFolder();
    expect((await readdir(work)).filter((f) => f.includes(started.value.downloadId))).toEqual([]);

    // Not cancelled, the same job writes the file and offers it under the name it gave.
    const again = await answer('records:export', { format: 'csv', codes: 'codes' });
    if (!again.ok) throw new Error(again.error.message.zh);
    expect((await finished(again.value.jobId))?.ok).toBe(true);
    const offered = session.download(again.value.downloadId);
    if (!offered.ok) throw new Error('the export is offered');
    expect(offered.value.name).toBe(again.value.name);
    expect(again.value.name).toMatch(/^数据_.+\.csv$/);
    const lines = (await readFile(offered.value.path, 'utf8')).split('\r\n').filter((l) => l);
    expect(lines.length - 1).toBe(3000);
    await session.replaceProject(undefined);
  });
});
