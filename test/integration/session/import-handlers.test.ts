/**
 * The import and mapping channels on the real engine (handlers, importer worker, workspace,
 * template store): two township sheets of one workbook, with a title row and columns in another
 * order, inspected, mapped with the clerk's mapping (a value map, a transform), imported in one
 * job as one operation where every record keeps its sheet and row; templates saved, applied by
 * themselves to the same layout, and deleted; a table lacking a mapped column refused whole.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyColumnChoice,
  applyFieldTransforms,
} from '../../../shared/mapping/apply-column-choice.ts';
import type { Mapping } from '../../../shared/mapping/mapping-schema.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ templates: 'unset' });
const { answer, call, runJob } = engine;
let workbookId: string;
let otherId: string;

const header = ['公民身份号码', '姓名', '性别', '民族', '出生日期', '住址'];
const townA = [
  ['371702199003071231', '张三', '男', '汉', '1990年3月7日', '安兴镇一村 '],
  ['371702198512120026', '李四', '女', '回族', '1985/12/12', '安兴镇二村'],
  ['371702200101010012', '王五', 'M', '汉族', '20010101', '安兴镇三村'],
];
const townB = [
  ['赵六', '371702197705050044', '女', '汉族', '1977-05-05', '吕陵镇一村'],
  ['钱七', '371702196602020015', '男', '满族', '1966-02-02', ' 吕陵镇二村'],
];

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  const a = workbook.addWorksheet('安兴镇');
  a.addRow(['安兴镇户籍人口登记表（2026年第4季度）']);
  a.addRow(header);
  for (const row of townA) a.addRow(row);
  const b = workbook.addWorksheet('吕陵镇');
  b.addRow(['吕陵镇户籍人口登记表']);
  b.addRow(['姓名', '公民身份号码', '性别', '民族', '出生日期', '住址']);
  for (const row of townB) b.addRow(row);
  const path = join(engine.dir, '牡丹区乡镇人口.xlsx');
  await workbook.xlsx.writeFile(path);
  const registered = await engine.session.registerFile(path, '牡丹区乡镇人口.xlsx');
  if (!registered.ok) throw new Error(registered.error.message.en);
  workbookId = registered.value.fileId;

  const other = new ExcelJS.Workbook();
  const c = other.addWorksheet('Sheet1');
  c.addRow(['公民身份号码', '姓名', '性别', '出生日期']);
  c.addRow(['371702199003071231', '孙八', '男', '1990-03-07']);
  const otherPath = join(engine.dir, '缺列.xlsx');
  await other.xlsx.writeFile(otherPath);
  const registeredOther = await engine.session.registerFile(otherPath, '缺列.xlsx');
  if (!registeredOther.ok) throw new Error(registeredOther.error.message.en);
  otherId = registeredOther.value.fileId;

  await call('project:create', {
    packId: 'pop-base',
    dataset: 'population',
    department: '牡丹区公安分局',
    period: '2026年第4季度',
  });
});

let mapping: Mapping;

describe('import and mapping channels', () => {
  it('inspects both sheets: the header below the title row, the rows, a preview', async () => {
    const inspected = await call('import:inspect', { fileId: workbookId });
    expect(inspected.isText).toBe(false);
    expect(inspected.sheets.map((s) => [s.name, s.headerRow, s.rows])).toEqual([
      ['安兴镇', 2, 3],
      ['吕陵镇', 2, 2],
    ]);
    expect(inspected.sheets[0]?.sample[0]).toEqual({ sourceRow: 3, cells: townA[0] });
    const lower = await call('import:inspect', {
      fileId: workbookId,
      sheet: '安兴镇',
      headerRow: 3,
    });
    expect(lower.sheets).toHaveLength(1);
    expect(lower.sheets[0]?.columns[1]).toBe('张三');
    expect(lower.sheets[0]?.rows).toBe(2);
  });

  it('suggests the mapping with value maps filled in, and each column’s values', async () => {
    const suggested = await call('mapping:suggest', {
      source: { fileId: workbookId, sheet: '安兴镇', headerRow: 2 },
    });
    expect(suggested.origin).toBe('suggested');
    expect(suggested.sampledRows).toBe(3);
    expect(suggested.columns.map((c) => c.field)).toEqual([
      'GMSFHM',
      'XM',
      'XB',
      'MZ',
      'CSRQ',
      'XZZ',
    ]);
    expect(suggested.columns[2]?.values).toEqual([
      { value: 'M', count: 1 },
      { value: '女', count: 1 },
      { value: '男', count: 1 },
    ]);
    expect(suggested.columns[5]?.samples).toEqual(['安兴镇一村 ', '安兴镇二村', '安兴镇三村']);
    expect(suggested.mapping.valueMaps?.XB).toEqual({ 男: '1', 女: '2', M: '1' });
    expect(suggested.mapping.valueMaps?.MZ).toMatchObject({ 汉: '01', 回族: '03' });
    mapping = suggested.mapping;
  });

  it('suggests a value map for values the clerk brings', async () => {
    const values = await call('mapping:value-map', {
      field: 'MZ',
      values: [
        { value: '汉族', count: 3 },
        { value: '满', count: 1 },
        { value: '火星族', count: 1 },
      ],
    });
    expect(values.map((v) => [v.value, v.code, v.match])).toEqual([
      ['汉族', '01', 'standard'],
      ['满', '11', 'standard'],
      ['火星族', null, 'none'],
    ]);
    const notCode = await answer('mapping:value-map', {
      field: 'XM',
      values: [{ value: '张三', count: 1 }],
    });
    expect(notCode.ok ? undefined : notCode.error.code).toBe('not-a-code-field');
  });

  it('imports both sheets with the clerk’s mapping as one operation, each record keeping its sheet', async () => {
    // The clerk moves 住址 from 现住址 to 户籍地址 and trims it.
    const types = new Map([
      ['XZZ', 'string'],
      ['HJDZ', 'string'],
    ]);
    const moved = applyColumnChoice(mapping, types, '住址', 'HJDZ');
    const chosen = applyFieldTransforms(moved, 'HJDZ', [{ kind: 'trim' }]);
    const ended = await runJob(() =>
      call('project:import', {
        sources: [
          { fileId: workbookId, sheet: '安兴镇', headerRow: 2 },
          { fileId: workbookId, sheet: '吕陵镇', headerRow: 2 },
        ],
        mapping: chosen,
      }),
    );
    expect(ended.ok, ended.message.en).toBe(true);
    expect(ended.message.zh).toContain('已从 2 个表导入 5 条记录');
    const project = engine.session.requireProject();
    if (!project.ok) throw new Error('no project');
    const { workspace } = project.value;
    expect(workspace.countRecords()).toBe(5);
    expect(workspace.sources().map((s) => [s.file, s.sheet, s.rows])).toEqual([
      ['牡丹区乡镇人口.xlsx', '安兴镇', 3],
      ['牡丹区乡镇人口.xlsx', '吕陵镇', 2],
    ]);
    expect(workspace.sourceOf(5)).toMatchObject({ sheet: '吕陵镇', sourceRow: 4 });
    const fields = workspace.dataset.fields.map((f) => f.name);
    const value = (row: number, field: string) =>
      workspace.pageRecords(row, 1)[0]?.values[fields.indexOf(field)];
    expect(value(2, 'XB')).toBe('1'); // M
    expect(value(3, 'GMSFHM')).toBe('371702197705050044'); // columns in another order
    expect(value(4, 'MZ')).toBe('11'); // 满族
    expect(value(4, 'HJDZ')).toBe('吕陵镇二村'); // trimmed
    expect(value(4, 'XZZ')).toBeNull();
    expect(value(0, 'CSRQ')).toBe('1990-03-07');
    const imports = workspace.history().filter((op) => op.kind === 'import');
    expect(imports).toHaveLength(1);
    expect(imports[0]?.summary).toBe(
      '导入 牡丹区乡镇人口.xlsx / 安兴镇、牡丹区乡镇人口.xlsx / 吕陵镇',
    );
    // One undo takes both sheets back; one redo brings both again.
    await call('history:undo', {});
    expect(workspace.countRecords()).toBe(0);
    expect(workspace.sources().map((s) => s.isActive)).toEqual([false, false]);
    await call('history:redo', {});
    expect(workspace.countRecords()).toBe(5);
  });

  it('saves the mapping as the department’s template, applies it by itself, and deletes it', async () => {
    const saved = await call('templates:save', {
      name: '乡镇人口表',
      headers: header,
      mapping,
    });
    expect(saved).toMatchObject({ name: '乡镇人口表', department: '牡丹区公安分局', fields: 6 });
    expect(saved.templateId).toMatch(/^牡丹区公安分局\/pop-base\.population\.[0-9a-f]{16}\.json$/);
    expect(await call('templates:list', {})).toEqual([saved]);

    const again = await call('mapping:suggest', {
      source: { fileId: workbookId, sheet: '安兴镇' },
    });
    expect(again.origin).toBe('stored-template');
    expect(again.template).toEqual(saved);
    expect(again.mapping.fields).toEqual(mapping.fields);

    const afresh = await call('mapping:suggest', {
      source: { fileId: workbookId, sheet: '安兴镇' },
      ignoreTemplates: true,
    });
    expect(afresh.origin).toBe('suggested');
    // 吕陵镇 has the same columns in another order: the same layout, the same template.
    const other = await call('mapping:suggest', {
      source: { fileId: workbookId, sheet: '吕陵镇' },
    });
    expect(other.template?.templateId).toBe(saved.templateId);
    const picked = await call('mapping:suggest', {
      source: { fileId: otherId },
      templateId: saved.templateId,
    });
    expect(picked.origin).toBe('template');
    expect(picked.layout).toEqual({ missing: ['民族', '住址'], extra: [] });

    await call('templates:delete', { templateId: saved.templateId });
    expect(await call('templates:list', {})).toEqual([]);
    const gone = await answer('templates:delete', { templateId: saved.templateId });
    expect(gone.ok ? undefined : gone.error.code).toBe('template-not-found');
    const refused = await answer('templates:delete', { templateId: '../projects/x.dsw' });
    expect(refused.ok ? undefined : refused.error.code).toBe('template-not-found');
  });

  it('refuses the whole import when one table lacks a column the mapping reads', async () => {
    const ended = await runJob(() =>
      call('project:import', {
        sources: [{ fileId: workbookId, sheet: '安兴镇', headerRow: 2 }, { fileId: otherId }],
        mapping,
      }),
    );
    expect(ended.ok).toBe(false);
    expect(ended.message.zh).toBe(
      '缺列.xlsx「Sheet1」 缺少映射用到的列：民族、住址；请检查表头行，或不选这个表',
    );
    const project = engine.session.requireProject();
    if (!project.ok) throw new Error('no project');
    expect(project.value.workspace.countRecords()).toBe(5);
    expect(project.value.workspace.sources()).toHaveLength(2);
  });
});

describe('import:inspect warnings', () => {
  it('tells the clerk which lines of a UTF-8 file hold bad bytes', async () => {
    const lines = ['姓名,住址', ...Array.from({ length: 20 }, (_, i) => `张三${i},安兴镇${i}村`)];
    const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    // Line 7 (张三5,...): its first byte no longer starts a UTF-8 character.
    bytes[Buffer.byteLength(`${lines.slice(0, 6).join('\n')}\n`, 'utf8')] = 0xff;
    const path = join(engine.dir, '一处坏字节.csv');
    await writeFile(path, bytes);
    const registered = await engine.session.registerFile(path, '一处坏字节.csv');
    if (!registered.ok) throw new Error(registered.error.message.en);
    const inspected = await call('import:inspect', { fileId: registered.value.fileId });
    expect(inspected.encoding).toBe('utf-8');
    expect(inspected.warnings).toEqual([
      { code: 'bad-bytes', message: expect.anything() as unknown, lines: [7] },
    ]);
    expect(inspected.warnings?.[0]?.message.zh).toContain('第 7 行');
    expect(inspected.sheets[0]?.flagged.map((cell) => [cell.row, cell.column])).toEqual([
      [7, '姓名'],
    ]);
  });
});
