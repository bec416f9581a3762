/**
 * The streaming xlsx reader must show exactly what SheetJS shows for every cell, so that a
 * workbook reads the same whichever reader its size sends it to. Checked on every readable
 * xlsx of the corpus and on a workbook written with merges, formats and dates.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../../../../electron/engine/import/open-workbook.ts';
import { readSheetJsSource } from '../../../../../electron/engine/import/sheetjs-source.ts';
import type { WorkbookSource } from '../../../../../electron/engine/import/workbook-source.ts';
import { openXlsxStreamSource } from '../../../../../electron/engine/import/xlsx-stream-source.ts';
import { openZipArchive } from '../../../../../electron/engine/import/zip-archive.ts';
import { defaultImportLimits } from '../../../../../shared/import/import-limits.ts';
import type { MergedRange } from '../../../../../shared/import/raw-row.ts';
import { createTempDir, sharedDir } from '../../../../helpers/run-steward.ts';
import { prefixedWorkbookParts } from '../../../../helpers/prefixed-workbook-parts.ts';
import { writeXlsxParts, writeZipParts } from '../../../../helpers/write-xlsx-parts.ts';

const corpus = join(sharedDir, 'corpus');

interface SheetDump {
  readonly name: string;
  readonly hidden: boolean;
  readonly merges: readonly MergedRange[];
  readonly cells: Record<string, string>;
}

async function dump(source: WorkbookSource): Promise<SheetDump[]> {
  const sheets: SheetDump[] = [];
  for (const sheet of source.sheets) {
    const cells: Record<string, string> = {};
    for await (const batch of sheet.rows()) {
      for (const row of batch) {
        row.texts.forEach((text, column) => {
          if (text !== undefined && text !== '') cells[`${row.row}:${column}`] = text;
        });
      }
    }
    const merges = [...(await sheet.merges())].sort((a, b) => a.top - b.top || a.left - b.left);
    sheets.push({ name: sheet.name, hidden: sheet.hidden, merges, cells });
  }
  return sheets;
}

async function readBoth(path: string): Promise<{ streamed: SheetDump[]; held: SheetDump[] }> {
  const zip = await openZipArchive(path, defaultImportLimits);
  if (!zip.ok) throw new Error(zip.error.message.en);
  try {
    const streamed = await openXlsxStreamSource(zip.value, 'xlsx', defaultImportLimits);
    if (!streamed.ok) throw new Error(streamed.error.message.en);
    const held = readSheetJsSource(await readFile(path), 'xlsx');
    if (!held.ok) throw new Error(held.error.message.en);
    return { streamed: await dump(streamed.value), held: await dump(held.value) };
  } finally {
    zip.value.close();
  }
}

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('the streaming xlsx reader', () => {
  const files = [
    'calamine_header-row.xlsx',
    'calamine_issue_174_dim_XFD1048576.xlsx',
    'calamine_issue_530_出勤汇总.xlsx',
    'easyexcel_t03_wide_XFD.xlsx',
    'easyexcel_t04_merged_longcodes.xlsx',
    'easypoi_BigDataExport20000.xlsx',
    'edr_Test_Issue_11773_Exponential.xlsx',
    'poi_57893-many-merges.xlsx',
    'poi_59746_NoRowNums.xlsx',
    'poi_SampleSS.strict.xlsx',
    'poi_xlsx-corrupted_rels.xlsx',
    'poi_xxe_in_schema.xlsx',
    'sheetjs_1904.xlsx',
    'sheetjs_sheet_visibility.xlsx',
  ];
  for (const file of files) {
    it(`shows what SheetJS shows: ${file}`, async () => {
      const { streamed, held } = await readBoth(join(corpus, file));
      expect(streamed).toEqual(held);
    });
  }

  it('shows what SheetJS shows on a workbook with merges, number formats and dates', async () => {
    const path = join(temp.dir, 'formats.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('登记表');
    sheet.addRow(['某县登记表']);
    sheet.mergeCells('A1:E1');
    sheet.addRow(['乡镇', '身份证号', '金额', '日期', '比例']);
    sheet.addRow(['城关镇', '370102199001011234', 1234.5, new Date(Date.UTC(2021, 2, 5)), 0.25]);
    sheet.addRow([null, '37010219900101123X', 123456789012, new Date(Date.UTC(2021, 2, 6)), 1]);
    sheet.mergeCells('A3:A4');
    sheet.getColumn(3).numFmt = '#,##0.00';
    sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
    sheet.getColumn(5).numFmt = '0.0%';
    sheet.getCell('C5').value = 371702198001011000;
    sheet.getCell('B6').value = {
      richText: [{ text: '张' }, { text: '三', font: { bold: true } }],
    };
    sheet.getCell('D6').value = true;
    await workbook.xlsx.writeFile(path);
    const { streamed, held } = await readBoth(path);
    expect(streamed).toEqual(held);
    const cells = streamed[0]?.cells ?? {};
    expect(cells['3:1']).toBe('370102199001011234');
    expect(cells['3:2']).toBe('1,234.50');
    expect(cells['3:3']).toBe('2021-03-05');
    expect(cells['4:2']).toBe('123,456,789,012.00');
    expect(cells['6:1']).toBe('张三');
    expect(streamed[0]?.merges).toContainEqual({ top: 3, left: 0, bottom: 4, right: 0 });
  });
});

describe('a workbook whose sheets share one part', () => {
  it('is refused before any sheet is read, naming the sheets', async () => {
    const path = join(temp.dir, 'shared-sheet-part.xlsx');
    await writeXlsxParts(path, {
      sheets: [
        { name: '城关镇', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: '南关镇', rows: '' },
        { name: '北关镇', rows: '' },
      ],
      targets: ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    });
    const zip = await openZipArchive(path, defaultImportLimits);
    if (!zip.ok) throw new Error(zip.error.message.en);
    try {
      const source = await openXlsxStreamSource(zip.value, 'xlsx', defaultImportLimits);
      expect(source.ok).toBe(false);
      if (source.ok) return;
      expect(source.error.code).toBe('shared-sheet-part');
      expect(source.error.message.zh).toContain('「城关镇」');
      expect(source.error.message.zh).toContain('「南关镇」');
    } finally {
      zip.value.close();
    }
    const table = await openTable(path);
    expect(table.ok ? 'read' : table.error.code).toBe('shared-sheet-part');
  });
});

describe('a worksheet written with a namespace prefix, styled empty rows after its data', () => {
  const expected = {
    '1:0': '姓名',
    '1:1': '身份证号',
    '1:2': '金额',
    '2:0': '张三',
    '2:1': '370102199001011234',
    '2:2': '1200.50',
    '3:0': '李四',
    '3:1': '37010219900101123X',
    '3:2': '800.00',
  };

  it('reads its data rows, and nothing in the empty cells, with both readers', async () => {
    const path = join(temp.dir, 'prefixed-styled-empty.xlsx');
    await writeZipParts(path, prefixedWorkbookParts());
    const { streamed, held } = await readBoth(path);
    expect(streamed.map((sheet) => sheet.name)).toEqual(['发放明细']);
    expect(streamed[0]?.cells).toEqual(expected);
    expect(held[0]?.cells).toEqual(expected);
  });

  it('imports its two data rows under its header', async () => {
    const path = join(temp.dir, 'prefixed-styled-empty-import.xlsx');
    await writeZipParts(path, prefixedWorkbookParts());
    const table = await openTable(path);
    if (!table.ok) throw new Error(`refused: ${table.error.code} ${table.error.message.zh}`);
    const records: string[][] = [];
    for await (const record of table.value.rows()) records.push([...record.cells]);
    expect(table.value.columns).toEqual(['姓名', '身份证号', '金额']);
    expect(table.value.rowCount).toBe(2);
    expect(records).toEqual([
      ['张三', '370102199001011234', '1200.50'],
      ['李四', '37010219900101123X', '800.00'],
    ]);
  });
});
