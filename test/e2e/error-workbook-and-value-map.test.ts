/**
 * The 检查与修正 tools in the real UI (browser mode, real engine, Debian's Chromium): the error
 * workbook goes out as a download, the department fixes cells in it (ExcelJS here), and it
 * merges back by record id as one operation that undo reverts and redo re-applies, with a cell
 * changed on both sides listed as a conflict for the clerk to decide; then the issues of one
 * rule in one field are picked out in the grid and fixed for all alike with a value map, which
 * the mapping template keeps. Screenshots go to test-results/e2e.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Injection } from '../../shared/demo/demo-data.ts';
import {
  dataSheetName,
  recordIdHeader,
} from '../../electron/engine/package/write-error-workbook.ts';
import { createTempDir } from '../helpers/run-steward.ts';
import {
  launchChromium,
  saveScreenshot,
  serveApp,
  type ServedApp,
  collectPageErrors,
  openDemoProject,
} from './browser-mode.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let truth: Injection[];

beforeAll(async () => {
  temp = await createTempDir();
  app = await serveApp(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await temp.cleanup();
});

/** The error count the project bar shows. */
async function errorCount(): Promise<number> {
  const text = await page.locator('.project-bar .count.error').innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

/** The records the grid shows (its aria-rowcount counts the header row too). */
async function gridRows(): Promise<number> {
  return Number((await page.locator('.grid').getAttribute('aria-rowcount')) ?? 1) - 1;
}

/** Scrolls the unfiltered grid to a record (ids run 1.. in file order) and returns its cell. */
async function cellOf(rid: number, field: string) {
  const total = await gridRows();
  await page
    .locator('.grid-body')
    .evaluate((body, at) => (body.scrollTop = at * body.scrollHeight - 60), (rid - 1) / total);
  const cell = page.locator(`.grid-row[data-rid="${rid}"] [role=gridcell][data-field="${field}"]`);
  await cell.waitFor();
  return cell;
}

/** A resident ID with a check digit that is neither of the two given IDs' (so still wrong). */
function otherBadId(original: string, bad: string): string {
  const digit = [...'0123456789X'].find((d) => d !== original.at(-1) && d !== bad.at(-1));
  return `${original.slice(0, 17)}${digit ?? ''}`;
}

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the error workbook round trip in the real UI', () => {
  it('opens the training project', async () => {
    await page.goto(app.url);
    await openDemoProject(page);
    await page.locator('.grid [role=gridcell]').first().waitFor({ timeout: 90_000 });
    const folder = join(temp.dir, 'data/training');
    const name = (await readdir(folder)).find((n) => n.endsWith('.truth.json'));
    if (name === undefined) throw new Error('the training project has no ground truth');
    truth = (JSON.parse(await readFile(join(folder, name), 'utf8')) as { injected: Injection[] })
      .injected;
  });

  it('exports the error workbook, merges the department’s fixes back, and undoes and redoes the merge', async () => {
    const [a, b, c] = truth.filter((i) => i.kind === 'bad-checksum');
    if (a === undefined || b === undefined || c === undefined)
      throw new Error('the training data has three bad checksums');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出问题数据表' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(
      /^问题数据表_人口基础信息_牡丹区（培训）_培训_\d{14}\.xlsx$/,
    );
    const exported = join(temp.dir, 'errors.xlsx');
    await download.saveAs(exported);
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已导出问题数据表');

    // After the export, the project changes c's cell too: the department's fix of c conflicts.
    const ours = otherBadId(c.original, c.value);
    const cCell = await cellOf(c.row, 'GMSFHM');
    await cCell.dblclick();
    await cCell.locator('input').fill(ours);
    await cCell.locator('input').press('Enter');
    await expect.poll(async () => (await cellOf(c.row, 'GMSFHM')).innerText()).toBe(ours);
    const before = await errorCount();

    // The department fixes a, b and c in Excel (ExcelJS here), by record id.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported);
    const sheet = workbook.getWorksheet(dataSheetName);
    if (sheet === undefined) throw new Error('the workbook has its data sheet');
    const columns = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => columns.set(cell.text, column));
    let fixed = 0;
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const rid = Number(row.getCell(columns.get(recordIdHeader) ?? 0).text);
      const fix = [a, b, c].find((i) => i.row === rid);
      if (fix === undefined) return;
      expect(row.getCell(columns.get('公民身份号码') ?? 0).text).toBe(fix.value);
      row.getCell(columns.get('公民身份号码') ?? 0).value = fix.original;
      fixed += 1;
    });
    expect(fixed).toBe(3);
    const returned = join(temp.dir, '部门改好的问题数据表.xlsx');
    await workbook.xlsx.writeFile(returned);

    await page.locator('.error-workbook input[type=file]').setInputFiles(returned);
    const report = page.getByRole('region', { name: /合并结果/ });
    await expect.poll(() => report.locator('[data-fact=applied]').innerText()).toBe('2');
    expect(await report.locator('[data-fact=conflicts]').innerText()).toBe('1');
    await expect.poll(errorCount).toBe(before - 2);
    const conflict = report.locator(`[data-conflict="${c.row}:GMSFHM"]`);
    expect(await conflict.innerText()).toContain(c.value);
    expect(await conflict.innerText()).toContain(c.original);
    expect(await conflict.innerText()).toContain(ours);
    await expect.poll(async () => (await cellOf(a.row, 'GMSFHM')).innerText()).toBe(a.original);
    expect(await (await cellOf(a.row, 'GMSFHM')).getAttribute('class')).not.toContain('error');
    expect(await (await cellOf(b.row, 'GMSFHM')).innerText()).toBe(b.original);
    expect(await (await cellOf(c.row, 'GMSFHM')).innerText()).toBe(ours);
    await page.locator('.merge-report').scrollIntoViewIfNeeded();
    await saveScreenshot(page, '11-merged-error-workbook');

    await page.getByRole('button', { name: /撤销/ }).click();
    await expect.poll(errorCount).toBe(before);
    await expect
      .poll(() => page.locator('.notice').innerText())
      .toContain('已撤销：合并问题数据表');
    await expect.poll(async () => (await cellOf(a.row, 'GMSFHM')).innerText()).toBe(a.value);
    expect(await (await cellOf(a.row, 'GMSFHM')).getAttribute('class')).toContain('error');

    await page.getByRole('button', { name: /重做/ }).click();
    await expect.poll(errorCount).toBe(before - 2);
    await expect.poll(async () => (await cellOf(b.row, 'GMSFHM')).innerText()).toBe(b.original);

    // The clerk decides the conflict: the department's value is right.
    await conflict.getByRole('button', { name: '采用部门的值' }).click();
    await expect.poll(errorCount).toBe(before - 3);
    await expect.poll(async () => (await cellOf(c.row, 'GMSFHM')).innerText()).toBe(c.original);
    expect(await conflict.innerText()).toContain('已采用');
  });
});

describe('issues of one rule in one field, fixed with a value map', () => {
  it('filters the grid to a rule in a field and marks its column', async () => {
    const unknown = truth.filter((i) => i.kind === 'unknown-code');
    const inMz = unknown.filter((i) => i.field === 'MZ');
    expect(inMz.length).toBeGreaterThan(0);
    const mzRow = page.locator('.rule-fields li[data-rule="code-table"][data-field="MZ"]');
    await mzRow.getByRole('button', { name: '民族' }).click();
    await expect.poll(gridRows).toBe(new Set(inMz.map((i) => i.row)).size);
    expect(await page.locator('.chip').innerText()).toContain('代码不在代码表中 · 民族');
    expect(await page.locator('.grid-header [data-field="MZ"]').getAttribute('class')).toContain(
      'highlight',
    );
    const cells = page.locator('[role=gridcell][data-field="MZ"]');
    await expect.poll(() => cells.count()).toBe(inMz.length);
    for (const cell of await cells.all()) {
      expect(await cell.getAttribute('class')).toContain('error');
      expect(await cell.getAttribute('class')).toContain('highlight');
      expect(await cell.innerText()).toBe(inMz[0]?.value);
    }
    await saveScreenshot(page, '12-rule-field-filter');

    // The rule alone shows its rows in every field.
    await page
      .locator('.rule-row', { hasText: '代码不在代码表中' })
      .getByRole('button')
      .first()
      .click();
    await expect.poll(gridRows).toBe(new Set(unknown.map((i) => i.row)).size);
  });

  it('maps a bad value to a code for all alike, keeps it in the template, and undoes it', async () => {
    const inMz = truth.filter((i) => i.kind === 'unknown-code' && i.field === 'MZ');
    const value = inMz[0]?.value ?? '';
    const alike = inMz.filter((i) => i.value === value).length;
    const before = await errorCount();
    await page
      .locator('.rule-fields li[data-rule="code-table"][data-field="MZ"]')
      .getByRole('button', { name: '值映射' })
      .click();
    const panel = page.getByRole('region', { name: '值映射：民族' });
    const row = panel.locator(`tr[data-value="${value}"]`);
    await row.waitFor();
    expect(await row.locator('td.count').innerText()).toBe(String(alike));
    await row.getByRole('combobox').selectOption('97');
    expect(await panel.getByLabel(/同时存入本部门的映射模板/).isChecked()).toBe(true);
    await saveScreenshot(page, '13-value-map');
    await panel.getByRole('button', { name: '应用值映射' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText())
      .toContain(`已按值映射修改 ${alike} 处；已存入映射模板`);
    await expect.poll(errorCount).toBe(before - alike);
    await expect.poll(gridRows).toBe(0);
    await expect
      .poll(() => page.locator('.rule-fields li[data-rule="code-table"][data-field="MZ"]').count())
      .toBe(0);
    await saveScreenshot(page, '14-value-map-applied');

    const templates = join(temp.dir, 'data/templates');
    const files = (await readdir(templates, { recursive: true })).filter((n) =>
      n.endsWith('.json'),
    );
    expect(files).toHaveLength(1);
    const template = JSON.parse(await readFile(join(templates, files[0] ?? ''), 'utf8')) as {
      department: string;
      mapping: { valueMaps?: Record<string, Record<string, string | null>> };
    };
    expect(template.department).toBe('牡丹区（培训）');
    expect(template.mapping.valueMaps?.MZ?.[value]).toBe('97');

    await page.getByRole('button', { name: /撤销/ }).click();
    await expect.poll(errorCount).toBe(before);
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已撤销：按值映射修改');
    await page.getByRole('button', { name: /重做/ }).click();
    await expect.poll(errorCount).toBe(before - alike);
  });

  it('shows the check step’s tools in English too', async () => {
    await page.locator('.chip').click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Issues by rule and field' }).waitFor();
    await page.getByRole('button', { name: 'Export the error workbook' }).waitFor();
    await page.getByRole('region', { name: /Merge result/ }).waitFor();
    await saveScreenshot(page, '15-check-tools-english');
    await page.getByRole('button', { name: '中文' }).click();
  });
});
