/**
 * One writer in the real UI (issue #11): the clerk starts a big import, lands on 检查与修正
 * while it runs, and clicks 撤销. The button says it waits for the import (正在导入…，完成后
 * 执行…) instead of failing; when the import is done, the undo takes it back.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSteward } from '../helpers/run-steward.ts';
import { saveScreenshot, waitForGridData, useServedPage, openDemoProject } from './browser-mode.ts';

/** Rows in the imported file: enough that the import is still running when undo is clicked. */
const importedRows = 100_000;

let csv = '';
const served = useServedPage({
  prepare: async (dir) => {
    csv = join(dir, '牡丹区户籍人口.csv');
    const made = await runSteward([
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      String(importedRows),
      '--seed',
      '11',
      '--error-rate',
      '0.05',
      '--out',
      csv,
      '--today',
      '2026-11-26',
    ]);
    expect(made.code, made.stderr).toBe(0);
  },
});

describe('a change asked for during an import', () => {
  it('says on the 撤销 button that it waits for the import, then undoes the import', async () => {
    await openDemoProject(served.page);
    await waitForGridData(served.page);
    await expect
      .poll(() => served.page.locator('.project-bar').innerText())
      .toContain('2,000 条记录');

    await served.page.getByRole('button', { name: /导入/ }).click();
    await served.page.locator('input[type=file]').setInputFiles(csv);
    await expect
      .poll(() => served.page.locator('.preview').innerText(), { timeout: 60_000 })
      .toContain('数据行：100,000');
    await served.page.getByRole('button', { name: '下一步：映射' }).click();
    await expect
      .poll(() => served.page.getByLabel('公民身份号码', { exact: true }).inputValue(), {
        timeout: 30_000,
      })
      .toBe('GMSFHM');
    await served.page.getByRole('button', { name: '开始导入并检查' }).click();

    const undo = served.page.locator('.topbar-actions button').first();
    await expect.poll(() => served.page.locator('.jobs').innerText()).toContain('正在导入');
    await undo.click();
    await expect
      .poll(() => undo.innerText(), { timeout: 30_000 })
      .toBe('↶ 正在导入 牡丹区户籍人口.csv，完成后执行…');
    expect(await undo.getAttribute('aria-busy')).toBe('true');
    await saveScreenshot(served.page, '61-undo-waits-for-import');

    // The import finishes, then the undo takes it back: no error, the training rows again.
    await expect
      .poll(() => served.page.locator('.notice').innerText(), { timeout: 180_000 })
      .toMatch(/^已撤销：导入 牡丹区户籍人口\.csv/);
    await expect.poll(() => undo.innerText()).toBe('↶ 撤销');
    await expect
      .poll(() => served.page.locator('.project-bar').innerText())
      .toContain('2,000 条记录');
    expect(await served.page.locator('.notice.error').count()).toBe(0);
  });
});
