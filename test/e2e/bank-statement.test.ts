/**
 * A bank statement brought into the 人口 project, as a clerk meets it in the real UI (browser
 * mode, real engine, Debian's Chromium), issue #12 items 4, 5 and 9: the import step takes the
 * row of text names under the 账号/日期范围 metadata as the header and says which footer rows it
 * cut; and with no required field mapped, the check step shows the missing fields as errors at
 * once, and the pre-package check does not say 可以打包.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, useServedPage } from './browser-mode.ts';

const statement = join(
  import.meta.dirname,
  '../fixtures/real-shapes/bank-statement-metadata-row.xlsx',
);

const served = useServedPage({ viewport: { width: 1366, height: 768 } });
const stepButton = (label: string) => served.page.locator('nav.steps button', { hasText: label });

describe('a bank statement in the 人口 project', () => {
  it('takes row 2 as the header and says which footer rows were cut', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByLabel('标准包').selectOption('pop-base');
    await page.getByLabel('提供单位').fill('牡丹区农商银行');
    await page.getByRole('textbox', { name: '报送期次' }).fill('2026年第4季度');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('0 条记录');

    await stepButton('导入').click();
    await page.locator('input[type=file]').setInputFiles(statement);
    await expect
      .poll(() => page.locator('.preview').innerText(), { timeout: 30_000 })
      .toContain('数据行：5');
    const preview = await page.locator('.preview').innerText();
    expect(preview).toContain('第 2 行');
    // Row 2's names head the preview, not row 1's 账号.
    const headers = await page.locator('.preview-table th').allInnerTexts();
    expect(headers).toContain('交易日期');
    expect(headers).not.toContain('账号');
    const warnings = await page.locator('.warning-text[role=status]').allInnerTexts();
    expect(warnings.join('\n')).toMatch(/第 8 行/);
    await saveScreenshot(page, '80-bank-statement-import');
  });

  it('shows the required fields no column feeds as errors at once, and blocks the package', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '下一步：映射' }).click();
    await page.getByRole('button', { name: '开始导入并检查' }).click();
    await expect
      .poll(() => page.locator('.project-bar').innerText(), { timeout: 60_000 })
      .toContain('5 条记录');
    const bar = page.locator('.project-bar');
    await expect.poll(() => bar.innerText(), { timeout: 30_000 }).not.toContain('错误 0');
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 30_000 })
      .toContain('必填');
    expect(await page.locator('main').innerText()).not.toContain('没有发现问题');
    // The quality chart: a required field no column feeds is 0% valid, not a full green bar.
    const idBar = page.locator('.check-side .quality-chart [title^="公民身份号码:"]');
    expect(await idBar.getAttribute('title')).toContain('有效率 0.0%');
    await saveScreenshot(page, '81-bank-statement-check');

    await stepButton('打包').click();
    await expect
      .poll(() => page.locator('main').innerText(), { timeout: 30_000 })
      .toContain('必填');
    expect(await page.locator('main').innerText()).not.toContain('可以打包');
    await saveScreenshot(page, '82-bank-statement-preflight');
  });
});
