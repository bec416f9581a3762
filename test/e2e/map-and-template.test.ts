/**
 * The 导入 and 映射 steps on a real file from the corpus (../shared/corpus): an Alipay bill
 * export, GBK text with 24 title lines above the header and values padded with spaces. A clerk
 * checks the encoding and the header row, maps columns by picking and by dragging, switches on
 * transforms (trim, 元 -> 万元), edits a value map, imports, and sees the mapped values in the
 * check step; then saves the mapping as a template, and the same layout imported again is mapped
 * by the template by itself. Real host, real engine, Debian's Chromium.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, sharedDir } from '../helpers/run-steward.ts';
import {
  launchChromium,
  saveScreenshot,
  serveApp,
  type ServedApp,
  collectPageErrors,
} from './browser-mode.ts';

const alipay = join(sharedDir, 'corpus/alipay_app_records_gbk.csv');

/** How long to wait for the engine (an inspection starts an import worker; the machine is shared). */
const engine = { timeout: 30_000 };

let temp: Awaited<ReturnType<typeof createTempDir>>;
let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  temp = await createTempDir();
  app = await serveApp(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  pageErrors = collectPageErrors(page);
  await page.goto(app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await temp.cleanup();
});

/** The header cells of the import preview, without the row-number column. */
async function previewHeaders(): Promise<string[]> {
  return (await page.locator('.preview-table thead th').allInnerTexts()).slice(1);
}

/** The text of one grid cell of the check step. */
function gridCell(rid: number, field: string) {
  return page.locator(`.grid-row[data-rid="${rid}"] [data-field="${field}"]`);
}

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('import and map a GBK bill export with a template', () => {
  it('creates a 行政处罚 project', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByLabel('标准包').selectOption('sgs-xzcf');
    await page.getByLabel('提供单位').fill('牡丹区市场监督管理局');
    await page.getByLabel('报送期次').fill('2026年第4季度');
    await saveScreenshot(page, '20-new-project-xzcf');
    await page.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => page.locator('.project-bar').innerText(), engine).toContain('0 条记录');
    // The pack picked is the pack created: picked before the list of packs settled, it was
    // once reset to the first pack (人口基础信息).
    expect(await page.locator('.project-bar').innerText()).toContain('行政处罚信息');
  });

  it('shows the detected encoding and header row, and follows an override of either', async () => {
    await page.getByRole('button', { name: /导入/ }).click();
    await page.locator('input[type=file]').setInputFiles(alipay);
    const encoding = page.getByLabel('编码 alipay_app_records_gbk.csv');
    await expect
      .poll(() => encoding.locator('option').first().innerText(), engine)
      .toBe('自动识别（gb18030）');
    await expect.poll(() => page.getByLabel('表头行').inputValue(), engine).toBe('25');
    await expect
      .poll(() => page.locator('.preview').innerText(), engine)
      .toContain('表头上方的 24 行（标题、说明或空行）已跳过');
    expect(await previewHeaders()).toContain('交易对方');
    expect(await page.locator('.preview-table tbody tr').count()).toBe(8);

    // Read as UTF-8, the GBK bytes are mojibake: no header the clerk would recognise.
    await encoding.selectOption('utf-8');
    await expect
      .poll(async () => (await previewHeaders()).includes('交易对方'), engine)
      .toBe(false);
    await encoding.selectOption('');
    await expect.poll(async () => (await previewHeaders()).includes('交易对方'), engine).toBe(true);

    // One row lower, the first data row becomes the header; back to 25, the preview follows.
    await page.getByLabel('表头行').fill('26');
    await page.getByLabel('表头行').press('Enter');
    await expect.poll(previewHeaders, engine).toContain('亲友代付');
    await expect.poll(() => page.locator('.preview').innerText(), engine).toContain('数据行：9');
    await page.getByLabel('表头行').fill('25');
    await page.getByLabel('表头行').press('Enter');
    await expect.poll(previewHeaders, engine).toContain('交易对方');
    await expect.poll(() => page.locator('.preview').innerText(), engine).toContain('数据行：10');
    await saveScreenshot(page, '21-import-gbk');
  });

  it('maps columns by picking and dragging, with transforms and a value map', async () => {
    await page.getByRole('button', { name: '下一步：映射' }).click();
    await expect
      .poll(() => page.getByLabel('备注', { exact: true }).inputValue(), engine)
      .toBe('BZ');
    expect(await page.getByLabel('交易对方', { exact: true }).inputValue()).toBe('');

    await page.getByLabel('交易对方', { exact: true }).selectOption('CF_XDR_MC');
    await page.getByLabel('交易对方 去首尾空格').check();
    await page.getByLabel('收/支', { exact: true }).selectOption('CF_XDR_LB');
    await page.getByLabel('收/支 去首尾空格').check();
    await page.getByLabel('交易时间', { exact: true }).selectOption('CF_JDRQ');
    await page.getByLabel('交易时间 去首尾空格').check();
    // 金额 is dragged onto 罚款金额（万元） in the field list.
    await page
      .locator('.column-chip', { hasText: /^金额$/ })
      .dragTo(page.locator('.field-slot[data-field="CF_NR_FK"]'));
    await expect
      .poll(() => page.getByLabel('金额', { exact: true }).inputValue(), engine)
      .toBe('CF_NR_FK');
    await page.getByLabel('金额 金额单位', { exact: true }).check();
    const amountRow = page.locator('tr', {
      has: page.locator('.column-chip', { hasText: /^金额$/ }),
    });
    await expect.poll(() => amountRow.innerText(), engine).toContain('÷10,000');
    await expect
      .poll(() => amountRow.locator('.samples').innerText(), engine)
      .toContain('→ 0.004974');

    // The value map of 行政相对人类别: the trimmed values, each mapped to an allowed value.
    const valueMap = page.getByRole('region', { name: '取值对照 行政相对人类别' });
    await expect.poll(() => valueMap.innerText(), engine).toContain('3 个取值尚未对照');
    await valueMap.getByLabel('行政相对人类别 支出').selectOption('自然人');
    await valueMap.getByLabel('行政相对人类别 收入').selectOption('法人及非法人组织');
    await expect.poll(() => valueMap.innerText(), engine).toContain('1 个取值尚未对照');
    await valueMap.getByLabel('行政相对人类别 不计收支').selectOption('个体工商户');
    await expect.poll(() => valueMap.innerText(), engine).toContain('所有取值都已对照');
    await expect
      .poll(() => page.locator('.mapping').innerText(), engine)
      .toContain('尚未对应的必填字段');
    await saveScreenshot(page, '22-mapping');
    await valueMap.scrollIntoViewIfNeeded();
    await saveScreenshot(page, '22b-mapping-value-map');

    await page.getByLabel('模板名称').fill('支付宝账单（演示）');
    await page.getByRole('button', { name: '保存为模板' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), engine)
      .toContain('已保存模板「支付宝账单（演示）」（牡丹区市场监督管理局）');
    await expect
      .poll(() => page.locator('.template-library summary').innerText(), engine)
      .toBe('模板库（1）');
  });

  it('imports with the mapping and shows the mapped values in the check step', async () => {
    await page.getByRole('button', { name: '开始导入并检查' }).click();
    await expect
      .poll(() => page.locator('.project-bar').innerText(), { timeout: 60_000 })
      .toContain('10 条记录');
    // Row 1 of the data (file row 26): 支出 49.74 元 to xxxxxxxxxxxx at 2023-02-12 21:32:14.
    await expect.poll(() => gridCell(1, 'CF_XDR_LB').innerText(), engine).toBe('自然人');
    expect(await gridCell(1, 'CF_NR_FK').innerText()).toBe('0.004974');
    expect(await gridCell(1, 'CF_XDR_MC').innerText()).toBe('xxxxxxxxxxxx');
    expect(await gridCell(1, 'CF_JDRQ').innerText()).toBe('2023-02-12');
    // Row 5 (file row 30): 收入 222228.50 元.
    expect(await gridCell(5, 'CF_XDR_LB').innerText()).toBe('法人及非法人组织');
    expect(await gridCell(5, 'CF_NR_FK').innerText()).toBe('22.22285');
    await saveScreenshot(page, '23-imported-check');
  });

  it('maps the same layout by the saved template by itself', async () => {
    await page.getByRole('button', { name: /导入/ }).click();
    await page.getByRole('button', { name: '移除' }).click();
    await page.locator('input[type=file]').setInputFiles(alipay);
    await expect.poll(() => page.getByLabel('表头行').inputValue(), engine).toBe('25');
    await page.getByRole('button', { name: '下一步：映射' }).click();
    await expect
      .poll(() => page.locator('.template-applied').innerText(), engine)
      .toContain('已套用模板「支付宝账单（演示）」（牡丹区市场监督管理局');
    expect(await page.locator('.template-applied').innerText()).toContain('已自动套用');
    expect(await page.getByLabel('交易对方', { exact: true }).inputValue()).toBe('CF_XDR_MC');
    expect(await page.getByLabel('金额', { exact: true }).inputValue()).toBe('CF_NR_FK');
    expect(await page.getByLabel('金额 金额单位', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('交易对方 去首尾空格').isChecked()).toBe(true);
    const valueMap = page.getByRole('region', { name: '取值对照 行政相对人类别' });
    await expect.poll(() => valueMap.innerText(), engine).toContain('所有取值都已对照');
    expect(await valueMap.getByLabel('行政相对人类别 支出').inputValue()).toBe('自然人');
    await page.locator('.template-library summary').click();
    expect(await page.locator('.template-library').innerText()).toContain('同版式');
    await saveScreenshot(page, '24-mapping-template');

    await page.getByRole('button', { name: '开始导入并检查' }).click();
    await expect
      .poll(() => page.locator('.project-bar').innerText(), { timeout: 60_000 })
      .toContain('20 条记录');
    await expect.poll(() => gridCell(15, 'CF_NR_FK').innerText(), engine).toBe('22.22285');
  });

  it('suggests afresh on request, and deletes the template', async () => {
    await page.getByRole('button', { name: /映射/ }).click();
    await page.getByRole('button', { name: '不用模板，重新建议' }).click();
    await expect
      .poll(() => page.getByLabel('交易对方', { exact: true }).inputValue(), engine)
      .toBe('');
    await expect.poll(() => page.locator('.template-applied').count(), engine).toBe(0);
    await page.locator('.template-library summary').click();
    await page.getByRole('button', { name: '删除' }).click();
    await page.getByRole('button', { name: '确认删除' }).click();
    await expect
      .poll(() => page.locator('.template-library summary').innerText(), engine)
      .toBe('模板库（0）');
  });
});
