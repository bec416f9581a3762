/**
 * 查找, sort and column filters in the real grid (browser mode, real engine, Debian's Chromium),
 * over the training project: Ctrl+F, a value far down found and jumped to, next wrapping
 * round; a header clicked through ascending, descending and the original order; a column
 * filtered by its value list (with counts) and by text, combined with 只看有问题的行, the status
 * line saying 显示 N / 共 M 行. Screenshots go to test-results/e2e.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Injection } from '../../shared/demo/demo-data.ts';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

const served = useServedPage();

/** The values of a column's drawn cells, top to bottom (a code without the name beside it). */
async function columnTexts(field: string): Promise<string[]> {
  const rows = served.page.locator('.grid .grid-row:not(.placeholder)');
  const pairs = await rows.evaluateAll(
    (elements, name) =>
      elements.map((row) => {
        const cell = row.querySelector(`[data-field="${name}"]`);
        const nameSpan = cell?.querySelector('.code-name');
        const text = cell?.textContent ?? '';
        // A code cell reads "1 男性": the value, a space, then its name.
        const value =
          nameSpan == null
            ? text
            : text.slice(0, text.length - (nameSpan.textContent ?? '').length - 1);
        return [Number((row as HTMLElement).dataset.row), value];
      }) as [number, string][],
    field,
  );
  return pairs.sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}

const statusLine = () => served.page.locator('.grid-footer .rows-shown').innerText();
const findStatus = () => served.page.locator('.grid-find .find-status').innerText();

async function injections(): Promise<Injection[]> {
  const folder = join(served.dir, 'data/training');
  const truth = (await readdir(folder)).find((name) => name.endsWith('.truth.json'));
  if (truth === undefined) throw new Error('the training project has no ground truth');
  return (JSON.parse(await readFile(join(folder, truth), 'utf8')) as { injected: Injection[] })
    .injected;
}

describe('find, sort and filter in the grid', () => {
  it('finds a value far down with Ctrl+F, jumps to it, and wraps round with next', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    await expect.poll(statusLine).toBe('显示 2,000 / 共 2,000 行');

    // An ID far below the first screen, found in one column.
    const target = (await injections()).find((i) => i.field === 'GMSFHM' && i.row > 1000);
    expect(target).toBeDefined();
    const value = (target as Injection).value;
    await page.locator('.grid').focus();
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: '查找' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill(value);
    await page.getByLabel('查找范围').selectOption({ label: '公民身份号码' });
    await box.press('Enter');
    await expect.poll(findStatus).toMatch(/^第 1 \/ 共 \d+ 处/);
    await waitForGridData(page);
    const activeCell = page.locator('.grid .grid-cell.active');
    await expect.poll(() => activeCell.innerText()).toBe(value);
    expect(await activeCell.getAttribute('data-field')).toBe('GMSFHM');
    const row = Number(await activeCell.locator('xpath=..').getAttribute('data-row'));
    expect(row).toBeGreaterThan(900);
    expect(await activeCell.getAttribute('class')).toContain('found');
    await saveScreenshot(page, 'grid-find-jump');

    // Next through every match comes round to the first and says so.
    const matches = Number(/共 (\d+) 处/.exec(await findStatus())?.[1]);
    expect(matches).toBeGreaterThan(0);
    for (let i = 1; i < matches; i += 1) {
      await page.getByRole('button', { name: '下一个' }).click();
      await expect.poll(findStatus).toMatch(new RegExp(`^第 ${i + 1} /`));
    }
    await page.getByRole('button', { name: '下一个' }).click();
    await expect.poll(findStatus).toBe(`第 1 / 共 ${matches} 处，已到末尾，从头继续`);

    // A common text in all columns: next moves on, previous from the first comes round to the last.
    await page.getByLabel('查找范围').selectOption({ label: '所有列' });
    await box.fill('牡丹区');
    await page.locator('.grid').focus();
    await page.keyboard.press('Control+Home');
    await box.press('Enter');
    await expect.poll(findStatus).toMatch(/^第 1 \/ 共 [\d,]+ 处$/);
    const total = /共 ([\d,]+) 处/.exec(await findStatus())?.[1] ?? '';
    expect(Number(total.replaceAll(',', ''))).toBeGreaterThan(100);
    await page.getByRole('button', { name: '下一个' }).click();
    await expect.poll(findStatus).toBe(`第 2 / 共 ${total} 处`);
    await page.getByRole('button', { name: '上一个' }).click();
    await expect.poll(findStatus).toBe(`第 1 / 共 ${total} 处`);
    await page.getByRole('button', { name: '上一个' }).click();
    await expect.poll(findStatus).toBe(`第 ${total} / 共 ${total} 处，已到开头，从末尾继续`);
    await waitForGridData(page);
    await expect.poll(() => activeCell.innerText()).toContain('牡丹区');
    await saveScreenshot(page, 'grid-find-wrapped');
  });

  it('sorts by a header click: ascending, descending, then the original order', async () => {
    const { page } = served;
    await page.locator('.grid').focus();
    await page.keyboard.press('Control+Home');
    const original = await columnTexts('XM');
    const header = page.getByRole('columnheader', { name: /^出生日期/ });
    await header.getByRole('button', { name: /^出生日期/ }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await waitForGridData(page);
    const ascending = (await columnTexts('CSRQ')).filter((v) => v !== '');
    expect(ascending.length).toBeGreaterThan(5);
    expect(ascending).toEqual([...ascending].sort());
    expect(await header.innerText()).toContain('▲');
    await saveScreenshot(page, 'grid-sort-ascending');

    await header.getByRole('button', { name: /^出生日期/ }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await waitForGridData(page);
    const descending = (await columnTexts('CSRQ')).filter((v) => v !== '');
    expect(descending).toEqual([...descending].sort().reverse());
    expect(descending[0]).not.toBe(ascending[0]);
    expect(await header.innerText()).toContain('▼');

    await header.getByRole('button', { name: /^出生日期/ }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe(null);
    await waitForGridData(page);
    // The same rows in the same order (how many are drawn follows the status line's height).
    const restored = await columnTexts('XM');
    const drawn = Math.min(restored.length, original.length);
    expect(drawn).toBeGreaterThan(10);
    expect(restored.slice(0, drawn)).toEqual(original.slice(0, drawn));
  });

  it('filters a column by its value list with counts, combined with 只看有问题的行', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '筛选 性别' }).click();
    const menu = page.getByRole('dialog', { name: '筛选：性别' });
    await menu.locator('.filter-value-text').first().waitFor();
    const first = menu.locator('.filter-values li').first();
    // The value itself (a code's name is shown beside it).
    const value = (await first.getAttribute('data-value')) ?? '';
    const count = Number((await first.locator('.filter-count').innerText()).replaceAll(',', ''));
    const counts = (await menu.locator('.filter-count').allInnerTexts()).map((c) =>
      Number(c.replaceAll(',', '')),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2000);
    await saveScreenshot(page, 'grid-filter-menu');
    await menu.getByLabel('全选').uncheck();
    await first.getByRole('checkbox').check();
    await menu.getByRole('button', { name: '确定' }).click();
    await expect.poll(statusLine).toBe(`显示 ${count.toLocaleString('en')} / 共 2,000 行`);
    await waitForGridData(page);
    const shown = await columnTexts('XB');
    expect(shown.length).toBeGreaterThan(5);
    for (const v of shown) expect(v).toBe(value);
    expect(await page.locator('.grid-cell.head.filtered').count()).toBe(1);

    // With the issue filter: fewer rows, still only that value.
    await page.getByLabel('只看有问题的行').check();
    await expect
      .poll(async () => Number((await statusLine()).split(' ')[1]?.replaceAll(',', '')))
      .toBeLessThan(count);
    await waitForGridData(page);
    for (const v of await columnTexts('XB')) expect(v).toBe(value);
    await saveScreenshot(page, 'grid-filter-with-issues');

    // By text in another column, on top.
    await page.getByRole('button', { name: '筛选 户籍地址' }).click();
    const address = page.getByRole('dialog', { name: '筛选：户籍地址' });
    await address.getByLabel('包含文字').fill('牡丹区');
    await address.getByLabel('包含文字').press('Enter');
    await waitForGridData(page);
    for (const v of await columnTexts('HJDZ')) expect(v).toContain('牡丹区');
    expect(await page.locator('.grid-cell.head.filtered').count()).toBe(2);

    await page.getByLabel('只看有问题的行').uncheck();
    await page.getByRole('button', { name: /清除全部列筛选/ }).click();
    await expect.poll(statusLine).toBe('显示 2,000 / 共 2,000 行');
  });
});
