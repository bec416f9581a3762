import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheetJsSource } from '../../../../../electron/engine/import/sheetjs-source.ts';
import { createTempDir } from '../../../../helpers/run-steward.ts';
import { writeXlsxParts } from '../../../../helpers/write-xlsx-parts.ts';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('readSheetJsSource', () => {
  it('refuses a workbook with a sheet SheetJS cannot read, instead of leaving it out', async () => {
    const path = join(temp.dir, 'one-sheet-unreadable.xlsx');
    await writeXlsxParts(path, {
      sheets: [
        {
          name: '城关镇',
          rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>',
        },
        // SheetJS throws inside this sheet (an empty date cell) and leaves the sheet out.
        { name: '南关镇', rows: '<row r="1"><c r="A1" t="d"/><c r="B1"><v>1</v></c></row>' },
      ],
    });
    const source = readSheetJsSource(await readFile(path), 'xlsx');
    expect(source.ok).toBe(false);
    if (source.ok) return;
    expect(source.error.code).toBe('corrupt-file');
    expect(source.error.message.zh).toContain('「南关镇」');
    expect(source.error.message.zh).not.toMatch(/Cannot|undefined|match/);
  });
});
