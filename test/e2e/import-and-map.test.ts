/**
 * A clerk's path in the real UI: a new project, a spreadsheet dropped in (uploaded in browser
 * mode), what the importer found, the suggested mapping accepted, the import run as a job with
 * progress, and the records and issues in the check step.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, runSteward } from '../helpers/run-steward.ts';
import {
  launchChromium,
  saveScreenshot,
  serveApp,
  waitForGridData,
  type ServedApp,
  collectPageErrors,
} from './browser-mode.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let csv: string;

beforeAll(async () => {
  temp = await createTempDir();
  csv = join(temp.dir, '牡丹区户籍人口.csv');
  const made = await runSteward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    '1500',
    '--seed',
    '31',
    '--error-rate',
    '0.1',
    '--out',
    csv,
    '--today',
    '2026-11-26',
  ]);
  expect(made.code, made.stderr).toBe(0);
  app = await serveApp(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  pageErrors = collectPageErrors(page);
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await temp.cleanup();
});

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('import and map a department’s file', () => {
  it('creates a project with the 新建项目 form', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByLabel('标准包').selectOption('pop-base');
    await page.getByLabel('提供单位').fill('牡丹区公安分局');
    await page.getByRole('textbox', { name: '报送期次' }).fill('2026年第4季度');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('牡丹区公安分局');
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('0 条记录');
  });

  it('uploads the file and shows what the importer found', async () => {
    await page.getByRole('button', { name: /导入/ }).click();
    await page.locator('input[type=file]').setInputFiles(csv);
    await expect
      .poll(
        () => page.getByLabel('编码 牡丹区户籍人口.csv').locator('option').first().innerText(),
        {
          timeout: 30_000,
        },
      )
      .toBe('自动识别（utf-8）');
    await expect
      .poll(() => page.locator('.preview').innerText(), { timeout: 30_000 })
      .toContain('数据行：1,500');
    expect(await page.locator('.preview-table th').nth(1).innerText()).toBe('公民身份号码');
    expect(await page.locator('.table.sheets tbody tr').first().innerText()).toContain(
      '牡丹区户籍人口.csv',
    );
    await saveScreenshot(page, '11-import');
  });

  it('suggests the mapping, imports as a job, and lands on the check step', async () => {
    await page.getByRole('button', { name: '下一步：映射' }).click();
    await expect
      .poll(() => page.getByLabel('公民身份号码', { exact: true }).inputValue())
      .toBe('GMSFHM');
    await saveScreenshot(page, '12-mapping');
    await page.getByRole('button', { name: '开始导入并检查' }).click();
    await expect
      .poll(() => page.locator('.project-bar').innerText(), { timeout: 60_000 })
      .toContain('1,500 条记录');
    await waitForGridData(page);
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已导入 1500 条记录');
    await saveScreenshot(page, '13-imported-check');
  });
});
