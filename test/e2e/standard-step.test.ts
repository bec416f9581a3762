/**
 * The 标准 step as a clerk uses it to bring in a new version of the standard: a filled-in Excel
 * template uploaded with 导入标准包, its problems listed by sheet, row and column, and, once
 * fixed, the new version listed beside the bundled one.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writePackTemplate } from '../../electron/engine/packs/write-pack-template.ts';
import { findBundledPack } from '../../shared/packs/index.ts';
import { createTempDir } from '../helpers/run-steward.ts';
import {
  launchChromium,
  saveScreenshot,
  serveApp,
  type ServedApp,
  collectPageErrors,
} from './browser-mode.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let goodTemplate: string;
let badTemplate: string;
const savedPacksDir = process.env.STEWARD_PACKS_DIR;

/** Writes pop-base's template with the 标准包 版本 set and, optionally, one 字段 cell changed. */
async function writeTemplate(
  name: string,
  version: string,
  cell?: { row: number; column: number; value: string },
): Promise<string> {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base is bundled');
  const path = join(temp.dir, name);
  const written = await writePackTemplate(path, { pack });
  if (!written.ok) throw new Error(written.error.message.en);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const packSheet = workbook.getWorksheet('标准包');
  const fieldSheet = workbook.getWorksheet('字段');
  if (packSheet === undefined || fieldSheet === undefined) throw new Error('a template');
  packSheet.getRow(4).getCell(2).value = version;
  if (cell !== undefined) fieldSheet.getRow(cell.row).getCell(cell.column).value = cell.value;
  await workbook.xlsx.writeFile(path);
  return path;
}

beforeAll(async () => {
  temp = await createTempDir();
  // The host inherits this: imported packs go to the test's folder, not the user's.
  process.env.STEWARD_PACKS_DIR = join(temp.dir, 'packs');
  badTemplate = await writeTemplate('人口基础信息-有错.xlsx', '1.1.0', {
    row: 3,
    column: 3,
    value: '文本型',
  });
  goodTemplate = await writeTemplate('人口基础信息-1.1.xlsx', '1.1.0');
  app = await serveApp(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  pageErrors = collectPageErrors(page);
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (savedPacksDir === undefined) delete process.env.STEWARD_PACKS_DIR;
  else process.env.STEWARD_PACKS_DIR = savedPacksDir;
  await temp.cleanup();
});

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the 标准 step imports a new pack version from an Excel template', () => {
  it('opens the project’s standard with its versions', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByLabel('标准包').selectOption('pop-base');
    await page.getByLabel('提供单位').fill('牡丹区公安分局');
    await page.getByRole('textbox', { name: '报送期次' }).fill('2026年第4季度');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('牡丹区公安分局');
    await page.locator('.steps button', { hasText: '标准' }).click();
    await expect
      .poll(() => page.locator('.pack-versions').innerText())
      .toMatch(/v1\.0\.0\s+人口基础信息\s+内置\s+本项目使用/);
  });

  it('lists every problem of a bad template by sheet, row and column', async () => {
    await page.locator('.pack-import input[type=file]').setInputFiles(badTemplate);
    const alert = page.locator('.pack-import [role=alert]');
    await expect.poll(() => alert.innerText()).toContain('标准包模板有 1 处错误');
    expect(await alert.locator('li').allInnerTexts()).toEqual([
      '「字段」表第 3 行「类型」：无法识别「文本型」（可填：字符、整数、数值、日期）',
    ]);
    expect(await page.locator('.pack-versions li').count()).toBe(1);
    await saveScreenshot(page, '05-standard-import-problems');
  });

  it('imports the fixed template and lists the new version beside the bundled one', async () => {
    await page.locator('.pack-import input[type=file]').setInputFiles(goodTemplate);
    await expect
      .poll(() => page.locator('.pack-import [role=status]').innerText())
      .toBe('已导入：人口基础信息 v1.1.0（人口基础信息 13 个字段）');
    await expect
      .poll(() => page.locator('.pack-versions li').allInnerTexts())
      .toEqual([
        expect.stringMatching(/v1\.0\.0\s+人口基础信息\s+内置\s+本项目使用/),
        expect.stringMatching(/v1\.1\.0\s+人口基础信息\s+已导入$/),
      ]);
    await saveScreenshot(page, '06-standard-import-done');
  });
});
