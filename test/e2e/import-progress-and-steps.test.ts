/**
 * A clerk's file on its way in (issue #12 items 12 and 13), in the real UI (browser mode, real
 * engine, Debian's Chromium): uploading and inspecting a file says 正在读取文件… while it works;
 * the chosen file goes with the clerk to 映射 whichever way they get there (the step bar too);
 * and while the import runs, 检查与修正 shows the import's progress in place and no verdict
 * (no 没有发现问题, no quality bars) until the import is done.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSteward } from '../helpers/run-steward.ts';
import { saveScreenshot, useServedPage, waitForGridData } from './browser-mode.ts';

/** Rows in the imported file: enough that reading and importing it take a while. */
const importedRows = 100_000;

let csv = '';
const served = useServedPage({
  viewport: { width: 1366, height: 768 },
  prepare: async (dir) => {
    csv = join(dir, '牡丹区户籍人口.csv');
    const made = await runSteward([
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      String(importedRows),
      '--seed',
      '12',
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

const stepButton = (label: string) => served.page.locator('nav.steps button', { hasText: label });

describe('a file on its way in', () => {
  it('says 正在读取文件… while the file is uploaded and inspected', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByLabel('标准包').selectOption('pop-base');
    await page.getByLabel('提供单位').fill('牡丹区公安分局');
    await page.getByRole('textbox', { name: '报送期次' }).fill('2026年第4季度');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('0 条记录');

    await stepButton('导入').click();
    await page.locator('input[type=file]').setInputFiles(csv);
    const reading = page.locator('.dropzone [role=status]');
    await reading.getByText('正在读取文件 牡丹区户籍人口.csv…').waitFor({ timeout: 10_000 });
    expect(await reading.getAttribute('aria-busy')).toBe('true');
    await saveScreenshot(page, '15-import-reading-file');

    await expect
      .poll(() => page.locator('.preview').innerText(), { timeout: 60_000 })
      .toContain(`数据行：${importedRows.toLocaleString('en')}`);
    expect(await page.locator('.dropzone [role=status]').count()).toBe(0);
  });

  it('takes the chosen file to 映射 by the step bar, and back and forth', async () => {
    const { page } = served;
    await stepButton('映射').click();
    await expect
      .poll(() => page.getByLabel('公民身份号码', { exact: true }).inputValue(), {
        timeout: 30_000,
      })
      .toBe('GMSFHM');
    expect(await page.getByText('请先在“导入”步骤选择文件。').count()).toBe(0);
    expect(await page.locator('.mapping h2').first().innerText()).toContain('牡丹区户籍人口.csv');
    await saveScreenshot(page, '16-mapping-from-step-bar');

    // Away and back: the file is still there.
    await stepButton('标准').click();
    await stepButton('映射').click();
    await expect
      .poll(() => page.getByLabel('公民身份号码', { exact: true }).inputValue(), {
        timeout: 30_000,
      })
      .toBe('GMSFHM');
  });

  it('shows the import’s progress in 检查与修正, and no verdict until it is done', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '开始导入并检查' }).click();
    const check = page.locator('.check');
    const inPlace = check.locator('[role=status]', { hasText: '正在导入' });
    await inPlace.waitFor({ timeout: 30_000 });
    // The import's own progress (its file named), not a generic line.
    await expect.poll(() => inPlace.innerText()).toContain('正在导入 牡丹区户籍人口.csv');
    expect(await inPlace.locator('progress').count()).toBe(1);
    // No verdict on a project still being imported.
    expect(await check.getByText('没有发现问题').count()).toBe(0);
    expect(await check.locator('.check-side .quality-chart').count()).toBe(0);
    await saveScreenshot(page, '17-check-while-importing');
    // The rows done so far reach the page while the import runs, with the file's total.
    await expect
      .poll(() => inPlace.innerText(), { timeout: 60_000 })
      .toMatch(/已处理 [1-9][\d,]* \/ 100,000 行/);
    await saveScreenshot(page, '17b-check-import-counting');

    await expect
      .poll(() => page.locator('.project-bar').innerText(), { timeout: 240_000 })
      .toContain(`${importedRows.toLocaleString('en')} 条记录`);
    await check.locator('.check-side .quality-chart').waitFor({ timeout: 60_000 });
    expect(await check.locator('[role=status]', { hasText: '正在导入' }).count()).toBe(0);
    await expect
      .poll(() => check.locator('.issues-card').innerText())
      .not.toContain('没有发现问题');
    await waitForGridData(page);
    await saveScreenshot(page, '18-check-after-import');
  });
});
