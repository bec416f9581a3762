/**
 * Every write of a value stores the one standardisation of it (issue #11), as the import does:
 * a date typed 2001/2/3 or 2001年2月3日, an ID with spaces around it and a lower-case x, and a
 * code given by its name (女) are stored as 2001-02-03, …X and 2, whether they come from an
 * edit, a paste, a fill down, a replace, 采用 (a suggestion applied), a value map applied to all
 * or a merged error workbook; a value the standardiser cannot make standard is stored as typed
 * and gets its issue. The grid, the issues, the audit trail and the package show one value.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import { createRecordMapper } from '../../../shared/mapping/create-record-mapper.ts';
import type { Mapping } from '../../../shared/mapping/mapping-schema.ts';
import { exportErrorWorkbook } from '../../../electron/engine/package/export-error-workbook.ts';
import { mergeErrorWorkbook } from '../../../electron/engine/package/merge-error-workbook.ts';
import { packagePaths, writePackage } from '../../../electron/engine/package/write-package.ts';
import { dataSheetName } from '../../../electron/engine/package/write-error-workbook.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import {
  packageContext,
  packageCreated,
  readZipEntries,
  requirePack,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

const pack = requirePack('pop-base');
const dataset = pack.datasets[0] as (typeof pack.datasets)[number];
const actor = { who: '测试员', context: packageContext };
const at = (name: string): number => dataset.fields.findIndex((f) => f.name === name);

let temp: Awaited<ReturnType<typeof createTempDir>>;
let workspace: Workspace;
/** A record whose ID ends in X, and that ID. */
let xRid: number;
let xId: string;

/** The stored value of a cell (what the grid shows). */
function cell(rid: number, field: string): string | null | undefined {
  return workspace.pageRecords(rid - 1, 1)[0]?.values[at(field)];
}

/** The rules of a record's stored issues in one field. */
function rulesOf(rid: number, field: string): string[] {
  return workspace
    .issuesOf({ rids: [rid] })
    .filter((issue) => issue.field === field)
    .map((issue) => issue.rule);
}

beforeAll(async () => {
  temp = await createTempDir();
  const demo = createDemo(pack, { rows: 60, seed: 7, errorRate: 0, today: packageContext.today });
  if (!demo.ok) throw new Error(demo.error.message.en);
  const rows = [...demo.value.rows()].map((cells) => [...cells]);
  const xIndex = rows.findIndex((row) => row[at('GMSFHM')]?.endsWith('X') === true);
  if (xIndex < 0) throw new Error('the demo has an ID ending in X');
  xRid = xIndex + 1;
  xId = rows[xIndex]?.[at('GMSFHM')] ?? '';
  // Values as a department's file gives them (kept as read by the import, for the clerk to see).
  const set = (rid: number, field: string, value: string): void => {
    (rows[rid - 1] as string[])[at(field)] = value;
  };
  set(5, 'XB', ' 女 ');
  set(6, 'XB', '女的');
  set(7, 'XB', '女的');
  set(8, 'CSRQ', '不详');
  const created = await Workspace.create(join(temp.dir, 'standard-edits.dsw'), {
    pack,
    dataset: dataset.name,
    department: '牡丹区公安分局',
    period: '2026Q4',
    who: '测试员',
  });
  if (!created.ok) throw new Error(created.error.message.en);
  workspace = created.value;
  // Mapped as an import maps a file: each field from the column of its title, standardised.
  const columns = dataset.fields.map((f) => f.title);
  const fields: Mapping['fields'] = {};
  for (const field of dataset.fields)
    fields[field.name] = { source: { kind: 'column', column: field.title } };
  const mapper = createRecordMapper(
    pack,
    dataset,
    { pack: { id: pack.id, version: pack.version }, dataset: dataset.name, fields },
    columns,
  );
  if (!mapper.ok) throw new Error(mapper.error.message.en);
  async function* records(): AsyncIterable<{ sourceRow: number; cells: readonly string[] }> {
    for (let i = 0; i < rows.length; i += 1) yield { sourceRow: i + 2, cells: rows[i] ?? [] };
  }
  const imported = await workspace.importRecords(
    {
      file: '户籍.xlsx',
      sheet: 'Sheet1',
      format: 'xlsx',
      headerRow: 1,
      columns,
    },
    records(),
    (cells) => mapper.value.map(cells).values,
    actor,
  );
  if (!imported.ok) throw new Error(imported.error.message.en);
});

afterAll(async () => {
  await workspace.close();
  await temp.cleanup();
});

describe('every write of a value stores its standard form', () => {
  it('edit:cell stores a date, an ID and a code name in standard form; the history says what was typed', async () => {
    expect((await workspace.editCell(1, 'CSRQ', '2001/2/3', actor)).ok).toBe(true);
    expect(cell(1, 'CSRQ')).toBe('2001-02-03');
    expect(rulesOf(1, 'CSRQ')).not.toContain('date');
    expect(workspace.history().at(-1)?.summary).toBe(
      '修改第 1 条记录的「出生日期」为「2001-02-03」（输入的是「2001/2/3」）',
    );

    const typedId = ` ${xId.slice(0, 17)}x `;
    expect((await workspace.editCell(xRid, 'GMSFHM', typedId, actor)).ok).toBe(true);
    // The ID already held its standard form: nothing changed, nothing to report.
    expect(cell(xRid, 'GMSFHM')).toBe(xId);
    expect(rulesOf(xRid, 'GMSFHM')).toEqual([]);

    expect((await workspace.editCell(2, 'XB', '女', actor)).ok).toBe(true);
    expect(cell(2, 'XB')).toBe('2');
    expect(rulesOf(2, 'XB')).toEqual([]);
  });

  it('paste, fill down and clear store standard forms; a cell already in that form is no change', async () => {
    const pasted = await workspace.writeCells(
      'paste',
      [
        { rid: 3, field: 'CSRQ', value: '2001年2月3日' },
        { rid: 3, field: 'MZ', value: '汉族' },
      ],
      actor,
    );
    expect(pasted.ok).toBe(true);
    expect(cell(3, 'CSRQ')).toBe('2001-02-03');
    expect(cell(3, 'MZ')).toBe('01');

    const filled = await workspace.writeCells(
      'fill-down',
      [4, 9].map((rid) => ({ rid, field: 'XB', value: '男' })),
      actor,
    );
    expect(filled.ok).toBe(true);
    expect([cell(4, 'XB'), cell(9, 'XB')]).toEqual(['1', '1']);

    // 1 in 性别 already: typing 男 again is not a change.
    const again = await workspace.writeCells(
      'paste',
      [{ rid: 4, field: 'XB', value: ' 男 ' }],
      actor,
    );
    expect(again.ok && again.value.count).toBe(0);

    const cleared = await workspace.writeCells(
      'clear',
      [{ rid: 9, field: 'XB', value: '' }],
      actor,
    );
    expect(cleared.ok && cleared.value.count).toBe(1);
    expect(cell(9, 'XB')).toBe('');
    expect(rulesOf(9, 'XB')).toEqual(['required']);
  });

  it('replace stores the standard form, and its preview counts what changes', async () => {
    const old = cell(10, 'CSRQ') ?? '';
    expect(workspace.previewReplace('CSRQ', old, '1999/12/31', 'cell')).toEqual({
      ok: true,
      value: { count: 1 },
    });
    // Replacing a date with the same date typed another way changes nothing.
    const [y, m, d] = old.split('-');
    expect(workspace.previewReplace('CSRQ', old, `${y}/${Number(m)}/${Number(d)}`, 'cell')).toEqual(
      { ok: true, value: { count: 0 } },
    );
    const replaced = await workspace.replaceInField('CSRQ', old, '1999/12/31', 'cell', actor);
    expect(replaced.ok && replaced.value.count).toBe(1);
    expect(cell(10, 'CSRQ')).toBe('1999-12-31');
  });

  it('采用 (a suggestion applied) stores the code, not the name the suggestion spells', async () => {
    expect(cell(5, 'XB')).toBe(' 女 ');
    expect(rulesOf(5, 'XB')).toContain('whitespace');
    const applied = await workspace.applySuggestions({ rule: 'whitespace', field: 'XB' }, actor);
    expect(applied.ok).toBe(true);
    expect(cell(5, 'XB')).toBe('2');
    expect(rulesOf(5, 'XB')).toEqual([]);
  });

  it('a value map applied to all stores the standard form of the value it maps to', async () => {
    const mapped = await workspace.applyValueMap('XB', { 女的: '女' }, actor);
    expect(mapped.ok && mapped.value.count).toBe(2);
    expect([cell(6, 'XB'), cell(7, 'XB')]).toEqual(['2', '2']);
  });

  it('a merged error workbook stores the standard form of the corrected value', async () => {
    expect(cell(8, 'CSRQ')).toBe('不详');
    const exported = await exportErrorWorkbook(workspace, { created: packageCreated });
    if (!exported.ok) throw new Error(exported.error.message.en);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.value.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(dataSheetName);
    if (sheet === undefined) throw new Error('the data sheet is there');
    const columns = new Map<string, number>();
    sheet.getRow(1).eachCell((c, index) => columns.set(c.text, index));
    // 性别 given by the name of the code it holds: no change.
    const sexName = cell(8, 'XB') === '1' ? '男' : '女';
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).text !== '8') return;
      row.getCell(columns.get('出生日期') ?? 0).value = '1988年8月8日';
      row.getCell(columns.get('性别') ?? 0).value = sexName;
      found = true;
    });
    expect(found).toBe(true);
    const path = join(temp.dir, 'fixed.xlsx');
    await workbook.xlsx.writeFile(path);
    const merged = await mergeErrorWorkbook(workspace, path, actor);
    if (!merged.ok) throw new Error(merged.error.message.en);
    expect(merged.value.applied).toBe(1);
    expect(cell(8, 'CSRQ')).toBe('1988-08-08');
    expect(rulesOf(8, 'CSRQ')).not.toContain('date');
  });

  it('stores a value the standardiser cannot make standard as typed, with its issue', async () => {
    expect((await workspace.editCell(11, 'CSRQ', ' 2001/13/45 ', actor)).ok).toBe(true);
    expect(cell(11, 'CSRQ')).toBe(' 2001/13/45 ');
    expect(rulesOf(11, 'CSRQ').length).toBeGreaterThan(0);
    expect((await workspace.editCell(12, 'XB', '不知道', actor)).ok).toBe(true);
    expect(cell(12, 'XB')).toBe('不知道');
    expect(rulesOf(12, 'XB')).toEqual(['code-table']);
  });

  it('shows one value in the grid, the audit trail and the package', async () => {
    const written = await writePackage(workspace, {
      kind: 'share',
      onError: 'exclude',
      created: packageCreated,
      outDir: temp.dir,
      division: '371702',
      steward: '张管理',
      toolVersion: '0.0.0-test',
    });
    if (!written.ok) throw new Error(written.error.message.en);
    const { entries } = await readZipEntries(written.value.path);
    const parse = (name: string): Record<string, string>[] =>
      Papa.parse<Record<string, string>>(entries.get(name)?.toString('utf8') ?? '', {
        header: true,
        skipEmptyLines: true,
      }).data;
    const data = parse(packagePaths.data(dataset.name));
    const byId = new Map(data.map((row) => [row.GMSFHM, row]));
    for (const rid of [1, 2, 3, 4, 5, 6, 7, 8, 10]) {
      const id = cell(rid, 'GMSFHM') ?? '';
      const row = byId.get(id);
      expect(row, `record ${rid} is packaged`).toBeDefined();
      for (const field of ['CSRQ', 'XB', 'MZ', 'GMSFHM']) {
        expect(row?.[field]).toBe(cell(rid, field));
      }
    }
    // The audit trail records the value stored, not the value typed.
    const audit = parse(packagePaths.audit);
    const news = audit.map((row) => Object.values(row)[8]);
    expect(news).toEqual(expect.arrayContaining(['2001-02-03', '2', '1999-12-31', '1988-08-08']));
    expect(news).not.toContain('2001/2/3');
    expect(news).not.toContain('女');
  });
});
