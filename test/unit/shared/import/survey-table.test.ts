import { describe, expect, it } from 'vitest';
import { defaultImportLimits } from '../../../../shared/import/import-limits.ts';
import { projectRows } from '../../../../shared/import/project-rows.ts';
import type { MergedRange, RawRow } from '../../../../shared/import/raw-row.ts';
import { surveyTable } from '../../../../shared/import/survey-table.ts';
import type { ProjectedRow, TableLayout } from '../../../../shared/import/table-layout.ts';
import { batchesOf, rawRows } from './sheet-helpers.ts';

async function read(
  rows: readonly RawRow[],
  merges: readonly MergedRange[] = [],
  override: { headerRow?: number } = {},
): Promise<{ layout: TableLayout; data: ProjectedRow[] }> {
  const result = await surveyTable(batchesOf(rows), {
    merges,
    limits: defaultImportLimits,
    ...override,
  });
  if (!result.ok) throw new Error(result.error.message.en);
  const data: ProjectedRow[] = [];
  for await (const batch of projectRows(batchesOf(rows, 3), result.value, merges))
    data.push(...batch);
  return { layout: result.value, data };
}

describe('surveyTable and projectRows', () => {
  it('reads a table below a title, cuts blank and footer rows, keeps rows and texts exact', async () => {
    const { layout, data } = await read(
      rawRows([
        ['人口登记表'],
        ['姓名', '身份证号', '备注'],
        ['张三', '370102199001011234', ''],
        ['', '', ''],
        [' 李四 ', '370102199001011242', '外出'],
        ['合计', '2'],
        ['填表人：王五', '', '审核人：'],
      ]),
    );
    expect(layout).toMatchObject({
      headerRow: 2,
      headerRows: 1,
      columns: ['姓名', '身份证号', '备注'],
      rowCount: 2,
      footerRows: [6, 7],
    });
    expect(data).toEqual([
      { sourceRow: 3, cells: ['张三', '370102199001011234', ''] },
      { sourceRow: 5, cells: [' 李四 ', '370102199001011242', '外出'] },
    ]);
  });

  it('keeps a cell wider than the header in a column of its own', async () => {
    const { layout, data } = await read(
      rawRows([
        ['a', 'b'],
        ['1', '2', 'extra'],
        ['3', '4'],
      ]),
    );
    expect(layout.columns).toEqual(['a', 'b', '列C']);
    expect(data[0]?.cells).toEqual(['1', '2', 'extra']);
    expect(data[1]?.cells).toEqual(['3', '4', '']);
  });

  it('drops columns that have neither a header nor a value', async () => {
    const { layout } = await read(
      rawRows([
        ['', 'Number', 'Square', '', 'Formatted'],
        ['', '1', '1', '', '100%'],
      ]),
    );
    expect(layout.columns).toEqual(['Number', 'Square', 'Formatted']);
    expect(layout.sourceColumns).toEqual([1, 2, 4]);
  });

  it('fills merged cells down through the data', async () => {
    const merges: MergedRange[] = [{ top: 2, left: 0, bottom: 4, right: 0 }];
    const { data } = await read(
      rawRows([
        ['乡镇', '姓名'],
        ['城关镇', '张三'],
        ['', '李四'],
        ['', '王五'],
      ]),
      merges,
    );
    expect(data.map((row) => row.cells)).toEqual([
      ['城关镇', '张三'],
      ['城关镇', '李四'],
      ['城关镇', '王五'],
    ]);
  });

  it('goes on after a subtotal row when the table goes on', async () => {
    const { layout } = await read(
      rawRows([
        ['乡镇', '姓名', '人数'],
        ['城关镇', '张三', '1'],
        ['小计', '', '1'],
        ['北塘镇'],
        ['北塘镇', '李四', '1'],
        ['合计', '', '2'],
      ]),
    );
    // The lone group row after the subtotal is held back, then kept: the table goes on below it.
    expect(layout.rowCount).toBe(3);
    expect(layout.footerRows).toEqual([3, 6]);
  });

  it('flags destroyed numbers and repeated header rows with row and column', async () => {
    const { layout } = await read(
      rawRows([
        ['姓名', '身份证号'],
        ['张三', '3.71702E+17'],
        ['姓名', '身份证号'],
        ['李四', '371702198001011000'],
      ]),
    );
    expect(layout.flagged).toEqual([
      { row: 2, column: '身份证号', reason: 'scientific-notation', value: '3.71702E+17' },
      { row: 3, column: '姓名', reason: 'repeated-header', value: '姓名' },
      { row: 4, column: '身份证号', reason: 'digits-lost', value: '371702198001011000' },
    ]);
    expect(layout.flaggedCount).toBe(3);
  });

  it('reads a sheet with no header from its first row, naming columns by letter', async () => {
    const { layout, data } = await read(
      rawRows([
        ['1', '2'],
        ['3', '4'],
      ]),
    );
    expect(layout).toMatchObject({ headerRow: 0, headerRows: 0, columns: ['列A', '列B'] });
    expect(data).toHaveLength(2);
  });

  it('follows a header row set by the user', async () => {
    const { layout, data } = await read(
      rawRows([
        ['x', 'y'],
        ['a', 'b'],
        ['1', '2'],
      ]),
      [],
      {
        headerRow: 2,
      },
    );
    expect(layout.columns).toEqual(['a', 'b']);
    expect(data).toEqual([{ sourceRow: 3, cells: ['1', '2'] }]);
  });

  it('fails with a clear message past a limit', async () => {
    const result = await surveyTable(batchesOf(rawRows([['a'.repeat(50)]])), {
      merges: [],
      limits: { ...defaultImportLimits, maxCellLength: 10 },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('cell-too-long');
  });

  it('returns an empty layout for an empty sheet', async () => {
    const { layout, data } = await read([]);
    expect(layout).toMatchObject({ headerRow: 0, rowCount: 0, columns: [] });
    expect(data).toEqual([]);
  });
});
