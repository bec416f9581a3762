/**
 * 批量替换 in the real UI (browser mode, real engine, Debian's Chromium): the clerk types 查找 and
 * 替换为, sees how many cells will change before applying, replaces a part of an address
 * (包含, the default), and is told 没有可替换的内容 when nothing matches.
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot, waitForGridData, useServedPage, openDemoProject } from './browser-mode.ts';

const served = useServedPage();

/** The 户籍地址 cells the grid shows now. */
async function addressCells(): Promise<string[]> {
  return served.page.locator('.grid .grid-row [data-field="HJDZ"]').allInnerTexts();
}

describe('批量替换 in the real UI', () => {
  it('counts the cells first, then replaces a part of each address', async () => {
    await served.page.goto(served.app.url);
    await openDemoProject(served.page);
    await waitForGridData(served.page);
    const form = served.page.locator('form.replace-form');
    await form.getByLabel('字段').selectOption({ label: '户籍地址' });
    expect(await form.getByLabel('包含').isChecked()).toBe(true);
    await form.getByPlaceholder('查找').fill('山东省菏泽市');
    await form.getByPlaceholder('替换为').fill('菏泽市');
    // Every generated address starts with 山东省菏泽市: the count is the records that have it.
    const preview = form.locator('.replace-preview');
    await expect.poll(() => preview.innerText()).toMatch(/将替换 [\d,]+ 处/);
    const count = Number((await preview.innerText()).replace(/[^0-9]/g, ''));
    expect(count).toBeGreaterThan(1000);
    const before = await addressCells();
    expect(before.some((v) => v.startsWith('山东省菏泽市'))).toBe(true);
    await form.scrollIntoViewIfNeeded();
    await saveScreenshot(served.page, 'bulk-replace-preview');

    await form.getByRole('button', { name: '替换' }).click();
    await expect
      .poll(() => served.page.locator('.notice').innerText())
      .toContain(`已替换 ${count.toLocaleString('zh-CN')} 处`);
    await waitForGridData(served.page);
    const after = await addressCells();
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((v) => v.startsWith('菏泽市牡丹区')).length).toBeGreaterThan(0);
    for (const value of after) expect(value).not.toContain('山东省');
    // Counted again on the changed data: nothing is left to replace.
    await expect.poll(() => preview.innerText()).toBe('没有可替换的内容');
    // The changed column in view, for the screenshot.
    await served.page
      .locator('.grid .grid-row [data-field="HJDZ"]')
      .first()
      .scrollIntoViewIfNeeded();
    await form.scrollIntoViewIfNeeded();
    await saveScreenshot(served.page, 'bulk-replace-applied');
  });

  it('says 没有可替换的内容 when nothing matches, and offers no replace', async () => {
    const form = served.page.locator('form.replace-form');
    await form.getByPlaceholder('查找').fill('锦绣华城');
    await form.getByPlaceholder('替换为').fill('锦绣华城小区');
    await expect.poll(() => form.locator('.replace-preview').innerText()).toBe('没有可替换的内容');
    expect(await form.getByRole('button', { name: '替换' }).isDisabled()).toBe(true);
    await form.scrollIntoViewIfNeeded();
    await saveScreenshot(served.page, 'bulk-replace-nothing');
    // 整个单元格: a part of an address is not a whole cell.
    await form.getByPlaceholder('查找').fill('菏泽市牡丹区');
    await form.getByLabel('整个单元格').check();
    await expect.poll(() => form.locator('.replace-preview').innerText()).toBe('没有可替换的内容');
    await form.getByLabel('包含').check();
    await expect
      .poll(() => form.locator('.replace-preview').innerText())
      .toMatch(/将替换 [\d,]+ 处/);
  });
});
