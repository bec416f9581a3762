/**
 * The two xlsx readers (the streaming reader for large workbooks, SheetJS for small ones) must
 * read the same rows and the same cell text from every workbook, so that what a clerk sees never
 * depends on a file's size. Checked on every xlsx of the corpus that SheetJS can read and on
 * workbooks written part by part the way WPS and other programs write them: an empty cell with
 * a type (`<c r="B4" s="6" t="s"/>`) is empty, never the first shared string.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../electron/engine/import/open-workbook.ts';
import { readSheetJsSource } from '../../electron/engine/import/sheetjs-source.ts';
import type { WorkbookSource } from '../../electron/engine/import/workbook-source.ts';
import { openXlsxStreamSource } from '../../electron/engine/import/xlsx-stream-source.ts';
import { openZipArchive } from '../../electron/engine/import/zip-archive.ts';
import { defaultImportLimits } from '../../shared/import/import-limits.ts';
import { createTempDir, sharedDir } from '../helpers/run-steward.ts';
import { createXlsxParts, writeXlsxParts, writeZipParts } from '../helpers/write-xlsx-parts.ts';

const corpus = join(sharedDir, 'corpus');

/** Every non-empty cell of every sheet, as `sheet!row:column` -> text. */
async function cellsOf(source: WorkbookSource): Promise<Record<string, string>> {
  const cells: Record<string, string> = {};
  for (const sheet of source.sheets) {
    for await (const batch of sheet.rows()) {
      for (const row of batch) {
        row.texts.forEach((text, column) => {
          if (text !== undefined) cells[`${sheet.name}!${row.row}:${column}`] = text;
        });
      }
    }
  }
  return cells;
}

/** The rows each reader returns (sheet and row number), in order. */
async function rowsOf(source: WorkbookSource): Promise<string[]> {
  const rows: string[] = [];
  for (const sheet of source.sheets) {
    for await (const batch of sheet.rows()) {
      for (const row of batch) rows.push(`${sheet.name}!${row.row}`);
    }
  }
  return rows;
}

interface BothReads {
  readonly streamed: { rows: string[]; cells: Record<string, string> };
  readonly held: { rows: string[]; cells: Record<string, string> } | undefined;
}

async function readBoth(path: string): Promise<BothReads> {
  const zip = await openZipArchive(path, defaultImportLimits);
  if (!zip.ok) throw new Error(zip.error.message.en);
  try {
    const streamed = await openXlsxStreamSource(zip.value, 'xlsx', defaultImportLimits);
    if (!streamed.ok) throw new Error(`stream refused: ${streamed.error.message.en}`);
    const held = readSheetJsSource(await readFile(path), 'xlsx');
    return {
      streamed: { rows: await rowsOf(streamed.value), cells: await cellsOf(streamed.value) },
      held: held.ok
        ? { rows: await rowsOf(held.value), cells: await cellsOf(held.value) }
        : undefined,
    };
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

/** Files of the corpus that must be refused (encrypted, hostile or broken), not read. */
const refused = new Set([
  'edr_EmptyZipFile.xlsx',
  'poi_clusterfuzz_truncated_zip.xlsx',
  'poi_poc-xmlbomb.xlsx',
  'poi_protected_passtika.xlsx',
]);

describe('the streaming reader and SheetJS read the same', async () => {
  const files = (await readdir(corpus)).filter((f) => f.endsWith('.xlsx') && !refused.has(f));

  it('covers the readable xlsx of the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  for (const file of files) {
    it(`same rows and cell text: ${file}`, { timeout: 60_000 }, async () => {
      const { streamed, held } = await readBoth(join(corpus, file));
      expect(held, 'SheetJS reads it').toBeDefined();
      expect(streamed.rows).toEqual(held?.rows);
      expect(streamed.cells).toEqual(held?.cells);
    });
  }

  it('keeps empty typed cells empty, as WPS writes them', async () => {
    const path = join(temp.dir, 'wps-empty-cells.xlsx');
    await writeXlsxParts(path, {
      sharedStrings: ['姓名', '身份证号', '张三', '370102199001011234'],
      sheets: [
        {
          name: '登记表',
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="6" t="s"/></row>' +
            '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" s="6" t="s"/></row>' +
            '<row r="3"><c r="A3" s="6" t="s"/><c r="B3" s="6" t="s"/><c r="C3" s="6" t="s"/></row>' +
            '<row r="4"><c r="A4" t="n"/><c r="C4" t="str"/><c r="D4" t="inlineStr"/></row>' +
            '<row r="5"><c r="A5" t="s"><v></v></c><c r="B5" t="n"><v></v></c>' +
            '<c r="D5" t="str"><v></v></c><c r="E5" t="inlineStr"><is><t></t></is></c></row>' +
            '<row r="6"><c r="A6" t="s"><v>2</v></c><c r="B6" s="6" t="s"/><c r="C6" t="b"><v>0</v></c>' +
            '<c r="D6" t="n"><v>0</v></c><c r="E6" t="inlineStr"><is><t>李四</t></is></c></row>',
        },
      ],
    });
    const { streamed, held } = await readBoth(path);
    const expected = {
      '登记表!1:0': '姓名',
      '登记表!1:1': '身份证号',
      '登记表!2:0': '张三',
      '登记表!2:1': '370102199001011234',
      '登记表!6:0': '张三',
      '登记表!6:2': 'FALSE',
      '登记表!6:3': '0',
      '登记表!6:4': '李四',
    };
    expect(streamed.cells).toEqual(expected);
    expect(held?.cells).toEqual(expected);
    expect(streamed.rows).toEqual(['登记表!1', '登记表!2', '登记表!6']);
    expect(held?.rows).toEqual(streamed.rows);
  });

  it('keeps empty boolean, error and date cells empty, where SheetJS invents or drops', async () => {
    // SheetJS reads `<c t="b"/>` as FALSE and `<c t="e"/>` as an error without text, and drops
    // the whole sheet over `<c t="d"/>`: the import reads every xlsx with the streaming reader.
    const path = join(temp.dir, 'empty-bool-error-date.xlsx');
    await writeXlsxParts(path, {
      sharedStrings: ['姓名', '是否户主', '登记日期'],
      sheets: [
        {
          name: '登记表',
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
            '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="b"/><c r="C2" t="d"/></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3" t="b"><v></v></c><c r="C3" t="e"/></row>' +
            '<row r="4"><c r="A4" t="inlineStr"><is><t>王五</t></is></c><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><v></v></c></row>' +
            '<row r="5"><c r="B5" t="b"/><c r="C5" t="d"><v></v></c></row>',
        },
      ],
    });
    const { streamed } = await readBoth(path);
    expect(streamed.cells).toEqual({
      '登记表!1:0': '姓名',
      '登记表!1:1': '是否户主',
      '登记表!1:2': '登记日期',
      '登记表!2:0': '张三',
      '登记表!3:0': '李四',
      '登记表!4:0': '王五',
      '登记表!4:1': 'TRUE',
    });
    const table = await openTable(path);
    if (!table.ok) throw new Error(table.error.message.zh);
    const read: string[][] = [];
    for await (const record of table.value.rows()) {
      read.push(record.cells.map((cell) => cell ?? ''));
    }
    expect(read).toEqual([
      ['张三', '', ''],
      ['李四', '', ''],
      ['王五', 'TRUE', ''],
    ]);
  });

  it('reads a plain cell the same by its fast path as by the tokenizer', async () => {
    // Plain cells take a fast path (read-plain-cell.ts); an attribute the fast path does not
    // take (`cm`) sends the same cell through the tokenizer. Both sheets must read the same.
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="$B$1" t=\'s\'><v>1</v></c><c r = "C1"  t = "s" ><v>2</v></c></row>' +
      '<row r="2"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c r="e2" s="1"><v>42</v></c><c><v>7</v></c></row>' +
      '<row r="3"><c r="A3" t="str"><v>x &amp; y &#x4E2D;</v></c><c r="B3" t="s"><v> 1 </v></c><c r="C3"><f>1+1</f><v>2</v></c></row>' +
      '<row r="4"><c r="A4" s="6"><v>45292</v></c><c r="B4" t="n"><v>3.5</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#N/A</v></c></row>' +
      '<row r="5"><c r="A5" t="s">\n<v>2</v>\n</c><c r="B5" t="inlineStr"><is><t>行内</t></is></c><c r="C5" s="1" t="s"/><c r="D5" t="s"><v></v></c></row>' +
      '<row r="6"><c r="A6" t="n"><v>370102199001011234</v></c><c r="B6" t="s"></c><c r="C6" t="d"><v>2024-01-02T00:00:00</v></c></row>';
    const general = rows.replace(/<c(?=[ >])/g, '<c cm="1"');
    expect(general).not.toBe(rows);
    const paths = [join(temp.dir, 'plain.xlsx'), join(temp.dir, 'general.xlsx')] as const;
    for (const [index, sheetRows] of [rows, general].entries()) {
      await writeXlsxParts(paths[index] as string, {
        sharedStrings: ['姓名', '备注', '张三'],
        sheets: [{ name: 'Sheet1', rows: sheetRows }],
      });
    }
    const [plain, slow] = await Promise.all(paths.map((path) => readBoth(path)));
    expect(plain?.streamed.rows).toEqual(slow?.streamed.rows);
    expect(plain?.streamed.cells).toEqual(slow?.streamed.cells);
    expect(Object.keys(plain?.streamed.cells ?? {})).toHaveLength(18);
    expect(plain?.streamed.cells).toMatchObject({
      'Sheet1!1:1': '备注',
      'Sheet1!1:2': '张三',
      'Sheet1!2:1': '备注',
      'Sheet1!2:4': '42',
      'Sheet1!2:5': '7',
      'Sheet1!3:0': 'x & y 中',
      'Sheet1!3:1': '备注',
      'Sheet1!6:0': '3.70102E+17',
    });
  });

  it('reads plain shared strings the same by their fast path as by the tokenizer', async () => {
    // A plain `<si><t>…</t></si>` takes a fast path; `<si> <t>` (a space between the tags)
    // sends the same string through the tokenizer. Rich text, phonetic runs and escapes stay
    // with the tokenizer in both.
    const items = [
      '<si><t>姓名</t></si>',
      '<si><t xml:space="preserve"> 张 三 </t></si>',
      '<si><t>A &amp; B &lt;1&gt; &#x4E2D;</t></si>',
      '<si><t>line_x000D_break</t></si>',
      '<si><t></t></si>',
      '<si><t/></si>',
      '<si><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r></si>',
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>',
      '<si><t>末尾</t></si>',
    ];
    const rows = `<row r="1">${items.map((_item, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>`;
    const sst = (list: readonly string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${list.length}" uniqueCount="${list.length}">${list.join('')}</sst>`;
    const paths = [join(temp.dir, 'plain-sst.xlsx'), join(temp.dir, 'general-sst.xlsx')] as const;
    const lists = [items, items.map((item) => item.replace('<si><t', '<si> <t'))];
    for (const [index, list] of lists.entries()) {
      const parts = createXlsxParts({ sheets: [{ name: 'Sheet1', rows }] });
      parts.set('xl/sharedStrings.xml', sst(list));
      await writeZipParts(paths[index] as string, parts);
    }
    const [plain, slow] = await Promise.all(paths.map((path) => readBoth(path)));
    expect(plain?.streamed.cells).toEqual(slow?.streamed.cells);
    expect(plain?.streamed.cells).toEqual({
      'Sheet1!1:0': '姓名',
      'Sheet1!1:1': ' 张 三 ',
      'Sheet1!1:2': 'A & B <1> 中',
      'Sheet1!1:3': 'line\rbreak',
      'Sheet1!1:6': '富文本',
      'Sheet1!1:7': '東京',
      'Sheet1!1:8': '末尾',
    });
    expect(plain?.held?.cells).toEqual(plain?.streamed.cells);
  });

  it('imports a small WPS workbook with empty typed cells in full, nothing invented', async () => {
    const path = join(temp.dir, 'wps-small.xlsx');
    const rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'];
    for (let r = 2; r <= 31; r += 1) {
      rows.push(
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>户主${r}</t></is></c><c r="B${r}" s="6" t="s"/></row>`,
      );
    }
    // WPS writes the formatted but blank rows below a table as rows of empty typed cells.
    for (let r = 32; r <= 40; r += 1) {
      rows.push(`<row r="${r}"><c r="A${r}" s="6" t="s"/><c r="B${r}" s="6" t="s"/></row>`);
    }
    await writeXlsxParts(path, {
      sharedStrings: ['姓名', '备注'],
      sheets: [{ name: 'Sheet1', rows: rows.join('') }],
    });
    const table = await openTable(path);
    if (!table.ok) throw new Error(table.error.message.zh);
    expect(table.value.columns).toEqual(['姓名', '备注']);
    const read: (string | undefined)[][] = [];
    for await (const record of table.value.rows()) read.push([...record.cells]);
    expect(read).toHaveLength(30);
    expect(read.every((cells) => (cells[1] ?? '') === '')).toBe(true);
    expect(read[0]?.[0]).toBe('户主2');
  });
});
