/**
 * Output a clerk can hand on (issue #13), in the real UI (browser mode, real engine, Debian's
 * Chromium): 导出数据 over the grid writes the rows the grid shows (after a column filter) as
 * xlsx with code names and ID cells as text, and all records as CSV; 打印报告 prints the quality
 * report on A4 (page.pdf, print media) with the counts per rule and field and the error list.
 * Screenshots go to test-results/e2e.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import {
  saveScreenshot,
  screenshotDir,
  useServedPage,
  waitForGridData,
  openDemoProject,
} from './browser-mode.ts';

const run = promisify(execFile);
const served = useServedPage();

/** The records the grid shows (its aria-rowcount counts the header row too). */
async function gridRows(): Promise<number> {
  return Number((await served.page.locator('.grid').getAttribute('aria-rowcount')) ?? 1) - 1;
}

describe('导出数据 and 打印报告 in the real UI', () => {
  it('exports the filtered rows as xlsx with code names, and all rows as CSV', async () => {
    const { page, dir } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    const all = await gridRows();

    // Filter 性别 to 女 (code 2) with the column's value list.
    await page.getByRole('button', { name: '筛选 性别' }).click();
    const menu = page.getByRole('dialog', { name: '筛选：性别' });
    await menu.locator('.filter-value-text').first().waitFor();
    await menu.getByLabel('全选').uncheck();
    // The value 2 (shown with its name, 2 女性).
    await menu.locator('.filter-values li[data-value="2"]').getByRole('checkbox').check();
    await menu.getByRole('button', { name: '确定' }).click();
    await waitForGridData(page);
    const shown = await gridRows();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(all);

    await page.getByRole('button', { name: '导出数据' }).click();
    const choices = page.getByRole('dialog', { name: '导出数据' });
    await expect
      .poll(() => choices.getByRole('radio', { name: /当前显示的行/ }).isChecked())
      .toBe(true);
    await saveScreenshot(page, '40-export-data-choices');
    const downloading = page.waitForEvent('download');
    await choices.getByRole('button', { name: '导出', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^数据_人口基础信息_.+_\d{14}\.xlsx$/);
    const xlsxPath = join(dir, 'view.xlsx');
    await download.saveAs(xlsxPath);
    await expect
      .poll(() => page.locator('.notice, .jobs').first().innerText())
      .toContain(`已导出 ${shown} 条记录`);

    const book = XLSX.read(await readFile(xlsxPath), { type: 'buffer', cellNF: true });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    if (sheet === undefined) throw new Error('the export has a sheet');
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
    const header = rows[0] ?? [];
    expect(header.slice(0, 4)).toEqual(['公民身份号码', '姓名', '性别', '性别（名称）']);
    expect(rows.length - 1).toBe(shown);
    const sex = header.indexOf('性别');
    for (const row of rows.slice(1)) expect([row[sex], row[sex + 1]]).toEqual(['2', '女性']);
    const idCell = sheet['A2'] as XLSX.CellObject;
    expect(idCell.t).toBe('s');
    expect(idCell.z).toBe('@');

    // All records, as CSV with codes only.
    await page.getByRole('button', { name: '导出数据' }).click();
    await choices.getByRole('radio', { name: /全部记录/ }).check();
    await choices.getByRole('radio', { name: /CSV/ }).check();
    await choices.getByRole('radio', { name: '只要代码' }).check();
    const downloadingCsv = page.waitForEvent('download');
    await choices.getByRole('button', { name: '导出', exact: true }).click();
    const csv = await downloadingCsv;
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvPath = join(dir, 'all.csv');
    await csv.saveAs(csvPath);
    const bytes = await readFile(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes
      .toString('utf8')
      .split('\r\n')
      .filter((line) => line !== '');
    expect(lines[0]).toMatch(/^\uFEFF公民身份号码,姓名,性别,民族,/);
    expect(lines.length - 1).toBe(all);
  });

  it('prints the quality report on A4 with the counts and the error list', async () => {
    const { page, dir } = served;
    // 打印报告 calls the browser's print; headless Chromium has no dialog, so it is recorded.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByRole('button', { name: '打印报告' }).click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');

    await page.emulateMedia({ media: 'print' });
    await page.locator('.print-report .print-issues tbody tr').first().waitFor();
    await expect.poll(() => page.locator('.topbar').isVisible()).toBe(false);
    await expect.poll(() => page.locator('.grid').isVisible()).toBe(false);
    await saveScreenshot(page, '41-print-report-print-media');
    // page.pdf prints with the print stylesheet (a screen emulation would override it).
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    await page.emulateMedia({ media: null });
    const pdfPath = join(dir, 'report.pdf');
    await writeFile(pdfPath, pdf);
    await writeFile(join(screenshotDir, '42-print-report.pdf'), pdf);
    // The text of the pages, read with poppler's pdftotext.
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);
    for (const expected of ['数据质量报告', '各规则的问题数', '各字段的完整率和问题数', '问题清单'])
      expect(text).toContain(expected);
    expect(text).toContain('公民身份号码');
    expect(text).not.toContain('导出数据'); // no toolbar
    // Several A4 pages (595 × 842 points), read with poppler's pdfinfo.
    const { stdout: info } = await run('pdfinfo', [pdfPath]);
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBeGreaterThan(1);
    expect(info).toMatch(/^Page size:.* pts \(A4\)$/m);
  });
});
