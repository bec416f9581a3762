/**
 * A trainer's lesson in the real UI (browser mode, real engine, Debian's Chromium): start the
 * training project, fix a bad ID in the grid, undo and redo it, fix full-width slips in bulk,
 * switch the language, and stop the host cleanly. Screenshots go to test-results/e2e.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openZipFile } from '../../electron/engine/package/read-zip.ts';
import { createTempDir } from '../helpers/run-steward.ts';
import {
  launchChromium,
  saveScreenshot,
  serveApp,
  waitForGridData,
  type ServedApp,
  collectPageErrors,
  openDemoProject,
} from './browser-mode.ts';

interface Injection {
  readonly row: number;
  readonly field: string;
  readonly kind: string;
  readonly original: string;
  readonly value: string;
}

let temp: Awaited<ReturnType<typeof createTempDir>>;
let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  temp = await createTempDir();
  app = await serveApp(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  await temp.cleanup();
});

/** The error count the project bar shows. */
async function errorCount(): Promise<number> {
  const text = await page.locator('.project-bar .count.error').innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

async function injections(): Promise<Injection[]> {
  const folder = join(temp.dir, 'data/training');
  const truth = (await readdir(folder)).find((name) => name.endsWith('.truth.json'));
  if (truth === undefined) throw new Error('the training project has no ground truth');
  return (JSON.parse(await readFile(join(folder, truth), 'utf8')) as { injected: Injection[] })
    .injected;
}

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('training lesson in the real UI', () => {
  it('shows the start page in Chinese', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.locator('.brand').innerText()).toBe('数据归集工作台');
    await page.getByRole('heading', { name: '培训模式' }).waitFor();
    await saveScreenshot(page, '01-start');
  });

  it('creates the training project with its known problems', async () => {
    await openDemoProject(page);
    await waitForGridData(page);
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('2,000 条记录');
    const truth = await injections();
    const expectedErrors = truth.filter(
      (i) => !['stray-spaces', 'legacy-15', 'sex-mismatch', 'birth-date-mismatch'].includes(i.kind),
    ).length;
    expect(await errorCount()).toBe(expectedErrors);
    await page.locator('.check-side .quality-chart .bar-row').first().waitFor();
    await waitForGridData(page);
    await saveScreenshot(page, '02-check');
  });

  it('fixes a bad ID inline, then undoes and redoes the fix', async () => {
    const bad = (await injections()).find((i) => i.kind === 'bad-checksum');
    if (bad === undefined) throw new Error('the training data has a bad checksum');
    const before = await errorCount();
    await page
      .locator('.rule-row')
      .getByRole('button', { name: '公民身份号码', exact: true })
      .click();
    const cell = page.locator(`.grid-row[data-rid="${bad.row}"] [data-field="GMSFHM"]`);
    await cell.waitFor();
    expect(await cell.getAttribute('class')).toContain('error');
    expect(await cell.getAttribute('title')).toContain('校验码错误');
    await cell.dblclick();
    const editor = cell.locator('input');
    await editor.fill(bad.original);
    await editor.press('Enter');
    await expect.poll(errorCount).toBe(before - 1);
    await waitForGridData(page);
    await saveScreenshot(page, '03-fixed-inline');

    await page.getByRole('button', { name: /撤销/ }).click();
    await expect.poll(errorCount).toBe(before);
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已撤销');
    await page.getByRole('button', { name: /重做/ }).click();
    await expect.poll(errorCount).toBe(before - 1);
    await page.locator('.chip').click();
  });

  it('moves between cells with the keyboard, the header following, and edits with Enter', async () => {
    const active = page.locator('.grid .grid-cell.active');
    const activeRowNumber = () =>
      page.locator('.grid .grid-row.active-row .row-number').innerText();
    await page.locator('.grid [role=gridcell]').first().click();
    expect(await active.getAttribute('data-field')).toBe('GMSFHM');
    expect(await activeRowNumber()).toBe('2');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await active.getAttribute('data-field')).toBe('XM');
    expect(await activeRowNumber()).toBe('3');
    // End: the last field, scrolled into view with its header above it.
    await page.keyboard.press('End');
    const lastField = await page.locator('.grid-header .grid-cell').last().getAttribute('title');
    expect(await active.getAttribute('data-field')).toBe(lastField);
    const cellBox = await active.boundingBox();
    const headerBox = await page.locator('.grid-header .grid-cell').last().boundingBox();
    const bodyBox = await page.locator('.grid-body').boundingBox();
    expect(cellBox?.x).toBeCloseTo(headerBox?.x ?? NaN, 0);
    expect((cellBox?.x ?? 0) + (cellBox?.width ?? 0)).toBeLessThanOrEqual(
      (bodyBox?.x ?? 0) + (bodyBox?.width ?? 0),
    );
    // The row number stays at the left edge while the grid scrolls sideways.
    const numberBox = await page.locator('.grid .grid-row.active-row .row-number').boundingBox();
    expect(numberBox?.x).toBeCloseTo(bodyBox?.x ?? NaN, 0);
    // Ctrl+End and Ctrl+Home: the last and the first record, drawn with their data.
    await page.keyboard.press('Control+End');
    await waitForGridData(page);
    expect(await activeRowNumber()).toBe('2001');
    await page.keyboard.press('Control+Home');
    await waitForGridData(page);
    expect(await activeRowNumber()).toBe('2');
    expect(await active.getAttribute('data-field')).toBe('GMSFHM');
    // Enter opens the editor on the active cell; Esc leaves the value as it was.
    const before = await active.innerText();
    await page.keyboard.press('Enter');
    await active.locator('input').fill('改了又取消');
    await page.keyboard.press('Escape');
    await expect.poll(() => active.locator('input').count()).toBe(0);
    expect(await active.innerText()).toBe(before);
  });

  it('fixes every full-width slip with one click', async () => {
    const fullWidth = (await injections()).filter((i) => i.kind === 'full-width').length;
    expect(fullWidth).toBeGreaterThan(0);
    const before = await errorCount();
    const row = page.locator('.rule-list li', { hasText: '全角字符' });
    await row.getByRole('button', { name: '一键采用建议值' }).click();
    await expect.poll(errorCount).toBe(before - fullWidth);
    await expect
      .poll(() => page.locator('.notice').innerText())
      .toContain(`已采用建议值 ${fullWidth} 处`);
    await waitForGridData(page);
    await saveScreenshot(page, '04-bulk-fixed');
  });

  it('shows only rows with issues when asked', async () => {
    const all = Number((await page.locator('.grid').getAttribute('aria-rowcount')) ?? 0);
    await page.getByLabel('只看有问题的行').check();
    await expect
      .poll(async () => Number((await page.locator('.grid').getAttribute('aria-rowcount')) ?? 0))
      .toBeLessThan(all);
    await page.getByLabel('只看有问题的行').uncheck();
  });

  it('switches to English and shows the standard step', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /Standard/ }).click();
    await page.getByRole('heading', { name: /Fields/ }).waitFor();
    await saveScreenshot(page, '05-standard-english');
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('writes a 共享 package leaving out records with errors, then a masked 开放 package', async () => {
    await page.getByRole('button', { name: /打包/ }).click();
    await page.getByLabel(/剔除有错误的记录/).check();
    await page.getByLabel('数据管理员').fill('王科员');
    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成共享数据包');
    await page.getByText('最近生成的数据包').waitFor();
    await saveScreenshot(page, '06-package-share');
    await page.getByLabel(/开放（公开发布/).check();
    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成开放数据包');

    const folder = join(temp.dir, 'data/packages');
    const zips = (await readdir(folder)).filter((name) => name.endsWith('.zip')).sort();
    expect(zips).toHaveLength(2);
    for (const zip of zips) {
      const opened = await openZipFile(join(folder, zip));
      const names = opened.entries.map((e) => e.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'datapackage.json',
          'data/population.csv',
          'reports/validation.html',
          'reports/errors.xlsx',
          'audit/changes.csv',
        ]),
      );
      const dataEntry = opened.entries.find((e) => e.name === 'data/population.csv');
      if (dataEntry === undefined) throw new Error(`${zip} has no data file`);
      const data = (await opened.read(dataEntry)).toString('utf8');
      const ids = [...data.matchAll(/\b\d{17}[\dX]\b/g)];
      if (zip.includes('_open')) expect(ids).toEqual([]);
      else expect(ids.length).toBeGreaterThan(1000);
      opened.close();
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await app.stop()).toBe(0);
  });
});
