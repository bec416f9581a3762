/**
 * `steward inspect` as a user runs it, and `steward validate` on every format the importer
 * reads (written here with SheetJS: xlsx, xls, xlsb, ods; and text named `.xls`).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, runSteward, sharedDir } from '../helpers/run-steward.ts';

const corpus = join(sharedDir, 'corpus');
let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('steward inspect', () => {
  it('prints the documented JSON, exactly these keys', async () => {
    const run = await runSteward([
      'inspect',
      join(corpus, '专项支出用款申请书.xls'),
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['format', 'encoding', 'sheets', 'warnings']);
    expect(report.warnings).toEqual([
      {
        code: 'footer-rows',
        message: expect.stringContaining(
          '工作表「Sheet1」第 6–8、11、13–15 行在数据之后',
        ) as unknown,
        lines: [],
      },
    ]);
    expect(report).toMatchObject({ format: 'xls', encoding: null });
    const [sheet] = report.sheets as Record<string, unknown>[];
    expect(Object.keys(sheet ?? {})).toEqual([
      'name',
      'hidden',
      'headerRow',
      'headerRows',
      'columns',
      'rows',
      'footerRows',
      'flagged',
    ]);
    expect(sheet).toMatchObject({
      name: 'Sheet1',
      hidden: false,
      headerRow: 4,
      headerRows: 2,
      rows: 0,
      footerRows: [6, 7, 8, 11, 13, 14, 15],
    });
    expect(sheet?.columns).toContain('收款人-银行账号');
  });

  it('reports the encoding of text, and flagged cells with row, column and reason', async () => {
    const path = join(temp.dir, 'ids.csv');
    await writeFile(path, '姓名,公民身份号码\n张三,3.71702E+17\n李四,370102199001011234\n');
    const run = await runSteward(['inspect', path, '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      sheets: [
        {
          name: 'ids.csv',
          hidden: false,
          headerRow: 1,
          headerRows: 1,
          columns: ['姓名', '公民身份号码'],
          rows: 2,
          footerRows: [],
          flagged: [{ row: 2, column: '公民身份号码', reason: 'scientific-notation' }],
        },
      ],
      warnings: [],
    });
  });

  it('says in text why it chose the header row, and shows a sample', async () => {
    const run = await runSteward(['inspect', join(corpus, 'icbc_debit_v2_records.csv')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('编码：utf-8');
    expect(run.stdout).toContain('表头：第 7 行');
    expect(run.stdout).toContain('剪掉的表尾行：20');
    expect(run.stdout).toContain('第 8 行：');
  });

  it('refuses a file that is not a spreadsheet with exit 2 and the error JSON', async () => {
    const run = await runSteward([
      'inspect',
      join(corpus, 'edr_TestFail_Binary_bmp_as.xls'),
      '--format',
      'json',
    ]);
    expect(run.code).toBe(2);
    const output = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    expect(Object.keys(output)).toEqual(['error']);
    expect(Object.keys(output.error)).toEqual(['code', 'message']);
    expect(output.error.code).toBe('not-a-spreadsheet');
    expect(output.error.message).toContain('BMP 图片');
  });

  it('refuses bad arguments with exit 2', async () => {
    const run = await runSteward([
      'inspect',
      join(corpus, 'sheetjs_1904.xlsx'),
      '--header-rows',
      '3',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--header-rows');
  });
});

/** A GB 11643 ID with its check digit. */
function residentId(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return body + ('10X98765432'[sum % 11] ?? '');
}

describe('steward validate reads every format inspect reads', () => {
  const rows = [
    ['某县人口登记表'],
    ['姓名', '公民身份号码', '性别', '民族', '出生日期'],
    ['张三', residentId('37170219850310135'), '男', '汉族', '1985-03-10'],
    ['李娜', residentId('37170219900101124'), '女', '汉族', '1990-01-01'],
  ];
  const formats: readonly [string, XLSX.BookType][] = [
    ['register.xlsx', 'xlsx'],
    ['register.xls', 'biff8'],
    ['register.xlsb', 'xlsb'],
    ['register.ods', 'ods'],
  ];
  for (const [name, bookType] of formats) {
    it(`validates ${name}`, async () => {
      const path = join(temp.dir, name);
      const workbook = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), '人口');
      await writeFile(path, XLSX.write(workbook, { type: 'buffer', bookType }) as Buffer);
      const run = await runSteward(['validate', path, '--pack', 'pop-base', '--format', 'json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 2, issues: [] });
    });
  }

  it('validates tab-separated text named .xls', async () => {
    const path = join(temp.dir, 'register-text.xls');
    await writeFile(path, rows.map((row) => row.join('\t')).join('\r\n'));
    const run = await runSteward(['validate', path, '--pack', 'pop-base', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 2, issues: [] });
  });
});
