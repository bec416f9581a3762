/**
 * The grid's columns (issue #13) in the real UI over the training project: a header's right
 * edge dragged resizes its column and double-clicked fits it; the frozen columns (the row
 * number, 公民身份号码 and 姓名 by default, or up to a column chosen with 冻结到此列) stay in view
 * when the grid scrolls right; 列 hides a column and 全部显示 brings it back; all of it is there
 * again after the page is reloaded and the project opened. And three defects: the filter's value
 * list shows code names, a narrow header keeps its sort arrow, and 详情 fits a 1024×768 window
 * with a notice. Screenshots go to test-results/e2e.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getBuiltinCodeTable } from '../../shared/code-tables/builtin-code-tables.ts';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

const served = useServedPage({ viewport: { width: 1366, height: 768 } });
const sexNames = new Map(getBuiltinCodeTable('sex').entries.map((e) => [e.code, e.name]));

const header = (title: string) =>
  served.page.getByRole('columnheader', { name: new RegExp(`^${title}`) });

async function box(locator: Locator): Promise<{ x: number; y: number; width: number }> {
  const found = await locator.boundingBox();
  if (found === null) throw new Error('the element is not laid out');
  return found;
}

/** Drags a header's right edge by `dx` px with the mouse. */
async function dragEdge(title: string, dx: number): Promise<void> {
  const { page } = served;
  const edge = await box(header(title).locator('.column-resize'));
  const x = edge.x + edge.width / 2;
  const y = edge.y + 10;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 4 });
  await page.mouse.move(x + dx, y, { steps: 4 });
  await page.mouse.up();
}

/** The drawn cells of a field that clip their text (wider content than the cell). */
const clippedCells = (field: string) =>
  served.page
    .locator(`.grid-row:not(.placeholder) [data-field="${field}"]`)
    .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).length);

const scrollGridRight = (px: number) =>
  served.page.locator('.grid-body').evaluate((body, left) => {
    body.scrollLeft = left;
  }, px);

describe('the columns of the grid', () => {
  it('resizes a column by dragging its header edge, and fits it with a double-click', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);

    const before = (await box(header('民族'))).width;
    await dragEdge('民族', 90);
    await expect.poll(async () => (await box(header('民族'))).width).toBeCloseTo(before + 90, 0);
    // The cells below follow the header.
    const cell = page.locator('.grid-row:not(.placeholder) [data-field="MZ"]').first();
    expect((await box(cell)).width).toBeCloseTo(before + 90, 0);
    await saveScreenshot(page, 'grid-columns-01-dragged');

    // 户籍地址 clips its addresses at the default width; a double-click on its edge fits them.
    expect(await clippedCells('HJDZ')).toBeGreaterThan(0);
    const address = (await box(header('户籍地址'))).width;
    await header('户籍地址').locator('.column-resize').dblclick();
    await expect.poll(() => clippedCells('HJDZ')).toBe(0);
    expect((await box(header('户籍地址'))).width).toBeGreaterThan(address);
    // And a column wider than its content narrows to it.
    await header('民族').locator('.column-resize').dblclick();
    await expect.poll(async () => (await box(header('民族'))).width).toBeLessThan(before);
    expect(await clippedCells('MZ')).toBe(0);
    const title = header('民族').locator('.head-title');
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await saveScreenshot(page, 'grid-columns-02-fitted');
  });

  it('keeps the row number, 公民身份号码 and 姓名 in view when scrolling right; 冻结到此列 moves it', async () => {
    const { page } = served;
    await scrollGridRight(0);
    const body = await box(page.locator('.grid-body'));
    const name = await box(header('姓名'));
    const idWidth = (await box(header('公民身份号码'))).width;
    expect(name.x).toBeCloseTo(body.x + 84 + idWidth, 0);
    const sex = await box(header('性别'));
    const firstName = page.locator('.grid-row:not(.placeholder) [data-field="XM"]').first();
    const nameCell = await box(firstName);
    await scrollGridRight(600);
    await expect.poll(async () => (await box(header('性别'))).x).toBeLessThan(sex.x - 100);
    expect((await box(header('姓名'))).x).toBeCloseTo(name.x, 0);
    expect((await box(firstName)).x).toBeCloseTo(nameCell.x, 0);
    expect((await box(page.locator('.grid-row .row-number').first())).x).toBeCloseTo(body.x, 0);
    // The columns scrolled under the frozen ones are hidden behind them, not drawn over them.
    const covering = await page.evaluate(
      ([x, y]) =>
        document
          .elementFromPoint(x ?? 0, y ?? 0)
          ?.closest('[data-field]')
          ?.getAttribute('data-field'),
      [nameCell.x + 20, nameCell.y + 10],
    );
    expect(covering).toBe('XM');
    await saveScreenshot(page, 'grid-columns-03-frozen-scrolled');

    // 冻结到此列 on 性别 (the header's menu, right-click): it stays too.
    await scrollGridRight(0);
    await header('性别').click({ button: 'right' });
    await page.getByRole('menuitem', { name: '冻结到此列' }).click();
    const sexAt = (await box(header('性别'))).x;
    await scrollGridRight(800);
    await expect.poll(async () => (await box(header('民族'))).x).toBeLessThan(sexAt);
    expect((await box(header('性别'))).x).toBeCloseTo(sexAt, 0);
    expect(await header('性别').getAttribute('class')).toContain('frozen-last');

    // 取消冻结: only the row number stays.
    await header('性别').click({ button: 'right' });
    await page.getByRole('menuitem', { name: '取消冻结' }).click();
    await expect.poll(async () => (await box(header('姓名'))).x).toBeLessThan(body.x);
    expect((await box(page.locator('.grid-row .row-number').first())).x).toBeCloseTo(body.x, 0);
    await scrollGridRight(0);
  });

  it('hides columns with 列; sort works, a find in a hidden column shows it, 全部显示 the rest', async () => {
    const { page } = served;
    await page.getByRole('button', { name: /^列/ }).click();
    const chooser = page.getByRole('dialog', { name: '列' });
    await chooser.getByRole('checkbox', { name: /^民族/ }).uncheck();
    await expect.poll(() => header('民族').count()).toBe(0);
    expect(await page.locator('.grid-row [data-field="MZ"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^列（隐藏 1）/ }).count()).toBe(1);
    await chooser.getByRole('checkbox', { name: /^出生地/ }).uncheck();
    await expect.poll(() => header('出生地').count()).toBe(0);
    await saveScreenshot(page, 'grid-columns-04-hidden');
    await page.keyboard.press('Escape');

    // Sorting and filtering other columns still work with a column hidden.
    await header('性别').getByRole('button', { name: /^性别/ }).click();
    await expect.poll(() => header('性别').getAttribute('aria-sort')).toBe('ascending');
    await waitForGridData(page);
    const values = await page
      .locator('.grid-row:not(.placeholder) [data-field="XB"]')
      .evaluateAll((cells) => cells.map((c) => c.firstChild?.textContent ?? ''));
    expect(values).toEqual([...values].sort());
    await header('性别').getByRole('button', { name: /^性别/ }).click();
    await header('性别').getByRole('button', { name: /^性别/ }).click();
    await expect.poll(() => header('性别').getAttribute('aria-sort')).toBe(null);

    // 查找 in the hidden 民族 finds its cells and shows the column again.
    await page.getByLabel('查找范围').selectOption({ label: '民族' });
    const box2 = page.getByRole('searchbox', { name: '查找' });
    await box2.fill('01');
    await box2.press('Enter');
    await expect.poll(() => header('民族').count()).toBe(1);
    await waitForGridData(page);
    expect(await page.locator('.grid .grid-cell.active').getAttribute('data-field')).toBe('MZ');
    expect(await page.getByRole('button', { name: /^列（隐藏 1）/ }).count()).toBe(1);
    await page.getByLabel('查找范围').selectOption({ label: '所有列' });
    await box2.fill('');

    await page.getByRole('button', { name: /^列/ }).click();
    await page
      .getByRole('dialog', { name: '列' })
      .getByRole('button', { name: '全部显示' })
      .click();
    await expect.poll(() => header('出生地').count()).toBe(1);
    await waitForGridData(page);
    expect(await page.locator('.grid-row [data-field="CSD"]').count()).toBeGreaterThan(5);
    await page.keyboard.press('Escape');
  });

  it('remembers widths, frozen and hidden columns when the project is opened again', async () => {
    const { page } = served;
    await dragEdge('性别', 60);
    const width = (await box(header('性别'))).width;
    await header('民族').click({ button: 'right' });
    await page.getByRole('menuitem', { name: '冻结到此列' }).click();
    await header('出生地').click({ button: 'right' });
    await page.getByRole('menuitem', { name: '隐藏此列' }).click();
    await expect.poll(() => header('出生地').count()).toBe(0);

    await page.reload();
    await page.getByRole('button', { name: '打开' }).first().click();
    await waitForGridData(page);
    expect((await box(header('性别'))).width).toBeCloseTo(width, 0);
    expect(await header('出生地').count()).toBe(0);
    expect(await header('民族').getAttribute('class')).toContain('frozen-last');
    await saveScreenshot(page, 'grid-columns-05-after-reload');

    await page.getByRole('button', { name: /^列/ }).click();
    await page
      .getByRole('dialog', { name: '列' })
      .getByRole('button', { name: '全部显示' })
      .click();
    await page.keyboard.press('Escape');
  });

  it('lists the code names in a code field filter: 2 女, 01 汉族', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '筛选 性别' }).click();
    const menu = page.getByRole('dialog', { name: '筛选：性别' });
    await menu.locator('.filter-values li').first().waitFor();
    const items = menu.locator('.filter-values li');
    let named = 0;
    for (let i = 0; i < (await items.count()); i += 1) {
      const code = (await items.nth(i).getAttribute('data-value')) ?? '';
      const text = await items.nth(i).locator('.filter-value-text').innerText();
      if (sexNames.has(code)) {
        expect(text).toBe(`${code} ${sexNames.get(code)}`);
        named += 1;
      } else expect(text.startsWith(code === '' ? '（空白）' : code)).toBe(true);
    }
    expect(named).toBeGreaterThanOrEqual(2);
    await saveScreenshot(page, 'grid-columns-06-filter-names');
    await menu.getByRole('button', { name: '取消' }).click();

    await page.getByRole('button', { name: '筛选 民族' }).click();
    const ethnic = page.getByRole('dialog', { name: '筛选：民族' });
    await expect
      .poll(() =>
        ethnic.locator('.filter-values li[data-value="01"] .filter-value-text').innerText(),
      )
      .toBe('01 汉族');
    await ethnic.getByRole('button', { name: '取消' }).click();
  });

  it('keeps the sort arrow in a narrow header; the title ellipsizes', async () => {
    const { page } = served;
    await scrollGridRight(0);
    await dragEdge('性别', -300);
    await expect.poll(async () => (await box(header('性别'))).width).toBeLessThan(60);
    await header('性别').getByRole('button', { name: /^性别/ }).click();
    const arrow = header('性别').locator('.sort-arrow');
    await arrow.waitFor();
    const cell = await box(header('性别'));
    const shown = await box(arrow);
    const filter = await box(header('性别').getByRole('button', { name: '筛选 性别' }));
    expect(shown.width).toBeGreaterThan(4);
    expect(shown.x).toBeGreaterThanOrEqual(cell.x);
    expect(shown.x + shown.width).toBeLessThanOrEqual(filter.x + 0.5);
    const title = header('性别').locator('.head-title');
    expect(await title.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await saveScreenshot(page, 'grid-columns-07-narrow-sorted');
    await header('性别').getByRole('button', { name: /^性别/ }).click();
    await header('性别').getByRole('button', { name: /^性别/ }).click();
    await header('性别').locator('.column-resize').dblclick();
  });

  it('fits 详情 in a 1024×768 and a 1366×768 window with a notice showing', async () => {
    const { page } = served;
    // A notice bar: 一键采用建议值 says how many it applied.
    await page.getByRole('button', { name: '一键采用建议值' }).first().click();
    await page.locator('.notice').waitFor();
    await waitForGridData(page);
    await page.locator('.grid-row:not(.placeholder) [data-field="XM"]').first().click();
    await page.keyboard.press('Alt+Enter');
    const pane = page.getByRole('region', { name: '详情' });
    await pane.locator('.details-body').waitFor();
    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 768 });
      await expect
        .poll(async () => {
          const { y, height } = await pane.boundingBox().then((b) => b ?? { y: 1e9, height: 0 });
          return y + height;
        })
        .toBeLessThanOrEqual(768);
      // The step itself does not scroll: the pane scrolls inside.
      const content = page.locator('main.content');
      expect(await content.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      expect(await page.locator('.notice').isVisible()).toBe(true);
      expect((await box(page.locator('.grid'))).width).toBeGreaterThan(300);
      await saveScreenshot(page, `grid-columns-08-details-${width}x768`);
    }
  });
});
