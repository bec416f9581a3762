/**
 * Copy and paste and spreadsheet editing in the real grid (browser mode, real engine, Debian's
 * Chromium) over the training project: a range selected with Shift+arrows and Shift+click is
 * shown and copied to the clipboard as tab-separated text; a block as Excel copies it (CRLF,
 * quotes, the trailing newline) pasted as one operation and undone with Ctrl+Z; a paste past
 * the last column clipped with a notice; Delete and Ctrl+D; typing on a cell replaces it, Enter
 * saves and moves down, Tab moves right, F2 keeps the value, Esc cancels; Chinese typed with an
 * input method (CDP) keeps its first character once, and Enter ending a composition stays.
 * Screenshots go to test-results/e2e.
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

const served = useServedPage();

const cell = (row: number, field: string) =>
  served.page.locator(`.grid .grid-row[data-row="${row}"] [data-field="${field}"]`);
const textOf = (row: number, field: string) => cell(row, field).innerText();
const notice = () => served.page.locator('.notice > span').first().innerText();

async function activeCell(): Promise<{ row: number; field: string | null }> {
  const active = served.page.locator('.grid .grid-cell.active');
  return {
    row: Number(await active.locator('xpath=..').getAttribute('data-row')),
    field: await active.getAttribute('data-field'),
  };
}

async function clipboardText(): Promise<string> {
  return served.page.evaluate(() => navigator.clipboard.readText());
}

describe('copy, paste and editing like a spreadsheet', () => {
  it('selects a range with Shift+arrows and Shift+click, and copies it as tab-separated text', async () => {
    const { page } = served;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(served.app.url).origin,
    });
    await openDemoProject(page);
    await waitForGridData(page);

    await cell(0, 'GMSFHM').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.locator('.grid .grid-cell.selected').count()).toBe(6);
    expect(await activeCell()).toEqual({ row: 2, field: 'XM' });
    await saveScreenshot(page, 'grid-clipboard-selection');

    await page.keyboard.press('Control+c');
    const rows = [];
    for (const row of [0, 1, 2])
      rows.push(`${await textOf(row, 'GMSFHM')}\t${await textOf(row, 'XM')}`);
    await expect.poll(clipboardText).toBe(rows.join('\n'));

    // Shift+click extends from the clicked cell; a plain click leaves one cell.
    await cell(3, 'CSD').click();
    await cell(4, 'HJDZ').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.grid .grid-cell.selected').count()).toBe(4);
    await page.keyboard.press('Control+c');
    await expect
      .poll(clipboardText)
      .toBe(
        `${await textOf(3, 'CSD')}\t${await textOf(3, 'HJDZ')}\n${await textOf(4, 'CSD')}\t${await textOf(4, 'HJDZ')}`,
      );
    await cell(5, 'CSD').click();
    await expect.poll(() => page.locator('.grid .grid-cell.selected').count()).toBe(0);

    // A drag with the mouse selects the cells it passes over.
    const from = await cell(5, 'CSD').boundingBox();
    const to = await cell(7, 'HJDZ').boundingBox();
    if (from === null || to === null) throw new Error('the cells are not drawn');
    await page.mouse.move(from.x + 10, from.y + 10);
    await page.mouse.down();
    await page.mouse.move(to.x + 10, to.y + 10, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.locator('.grid .grid-cell.selected').count()).toBe(6);
    expect(await activeCell()).toEqual({ row: 7, field: 'HJDZ' });
  });

  it('pastes a block copied from Excel as one operation, and Ctrl+Z undoes all of it', async () => {
    const { page } = served;
    const before = [
      [await textOf(3, 'CSD'), await textOf(3, 'HJDZ')],
      [await textOf(4, 'CSD'), await textOf(4, 'HJDZ')],
    ];
    // As Excel puts it on the clipboard: CRLF rows, a quoted value, a trailing newline.
    await page.evaluate(() =>
      navigator.clipboard.writeText('北京市\t"幸福路 ""1"" 号"\r\n上海市\t人民路 2 号\r\n'),
    );
    await cell(3, 'CSD').click();
    await page.keyboard.press('Control+v');
    await expect.poll(() => textOf(4, 'HJDZ')).toBe('人民路 2 号');
    expect(await textOf(3, 'CSD')).toBe('北京市');
    expect(await textOf(3, 'HJDZ')).toBe('幸福路 "1" 号');
    expect(await textOf(4, 'CSD')).toBe('上海市');
    await expect.poll(notice).toBe('已修改 4 个单元格');
    // The pasted block is selected, as in Excel.
    expect(await page.locator('.grid .grid-cell.selected').count()).toBe(4);
    await waitForGridData(page);
    await saveScreenshot(page, 'grid-clipboard-pasted');

    await page.locator('.grid').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(notice).toBe('已撤销：粘贴「出生地」、「户籍地址」的 4 个单元格');
    await expect.poll(() => textOf(4, 'HJDZ')).toBe(before[1]?.[1]);
    expect([
      [await textOf(3, 'CSD'), await textOf(3, 'HJDZ')],
      [await textOf(4, 'CSD'), await textOf(4, 'HJDZ')],
    ]).toEqual(before);
  });

  it('clips a paste past the last column and says so', async () => {
    const { page } = served;
    const before = await textOf(6, 'HH');
    await page.evaluate(() => navigator.clipboard.writeText('H-0001\t多出的一列\n'));
    await cell(6, 'HH').click();
    await page.keyboard.press('Control+v');
    await expect.poll(notice).toBe('粘贴区域超出表格，已截断');
    await expect.poll(() => textOf(6, 'HH')).toBe('H-0001');
    await page.keyboard.press('Control+z');
    await expect.poll(() => textOf(6, 'HH')).toBe(before);
  });

  it('clears a selection with Delete and fills down with Ctrl+D, each one operation', async () => {
    const { page } = served;
    const top = await textOf(7, 'XZZ');
    const before = [await textOf(8, 'XZZ'), await textOf(9, 'XZZ')];
    await cell(7, 'XZZ').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+d');
    await expect.poll(() => textOf(9, 'XZZ')).toBe(top);
    expect(await textOf(8, 'XZZ')).toBe(top);
    await expect.poll(notice).toBe('已修改 2 个单元格');

    await page.keyboard.press('Delete');
    await expect.poll(() => textOf(7, 'XZZ')).toBe('');
    expect([await textOf(8, 'XZZ'), await textOf(9, 'XZZ')]).toEqual(['', '']);

    await page.keyboard.press('Control+z');
    await expect.poll(() => textOf(7, 'XZZ')).toBe(top);
    await page.keyboard.press('Control+z');
    await expect.poll(() => textOf(9, 'XZZ')).toBe(before[1]);
    expect(await textOf(8, 'XZZ')).toBe(before[0]);
  });

  it('typing replaces a cell, Enter saves and moves down, Tab moves right, F2 keeps, Esc cancels', async () => {
    const { page } = served;
    await cell(10, 'XM').click();
    // Keys typed on the cell (a name in pinyin here: headless Chromium has no input method).
    await page.keyboard.type('Ouyang Ming');
    await expect.poll(() => page.locator('.grid .cell-editor').inputValue()).toBe('Ouyang Ming');
    await saveScreenshot(page, 'grid-clipboard-typing');
    await page.keyboard.press('Enter');
    // The save goes through the engine: wait for it as long as a loaded machine needs.
    await expect.poll(() => textOf(10, 'XM'), { timeout: 30_000 }).toBe('Ouyang Ming');
    expect(await activeCell()).toEqual({ row: 11, field: 'XM' });

    // Tab and Shift+Tab move along the row.
    await page.keyboard.press('Tab');
    expect(await activeCell()).toEqual({ row: 11, field: 'XB' });
    await page.keyboard.press('Shift+Tab');
    expect(await activeCell()).toEqual({ row: 11, field: 'XM' });

    // F2 keeps the value (the caret after it); Tab saves and moves right.
    const kept = await textOf(11, 'XM');
    await page.keyboard.press('F2');
    await page.keyboard.type('甲');
    await page.keyboard.press('Tab');
    await expect.poll(() => textOf(11, 'XM')).toBe(`${kept}甲`);
    expect(await activeCell()).toEqual({ row: 11, field: 'XB' });

    // Esc throws the typing away.
    await cell(12, 'XM').click();
    const unchanged = await textOf(12, 'XM');
    await page.keyboard.type('No');
    await page.keyboard.press('Escape');
    expect(await page.locator('.grid .cell-editor').count()).toBe(0);
    expect(await textOf(12, 'XM')).toBe(unchanged);
    expect(await activeCell()).toEqual({ row: 12, field: 'XM' });

    // A code field keeps its drop-down: a typed key searches the code table.
    await cell(13, 'XB').click();
    await page.keyboard.type('2');
    const combobox = page.getByRole('combobox', { name: '性别' });
    await expect.poll(() => combobox.inputValue()).toBe('2');
    await expect
      .poll(() => page.locator('.code-options [role=option][aria-selected=true]').innerText())
      .toMatch(/^2\s+女/);
    await page.keyboard.press('Escape');
    expect(await combobox.count()).toBe(0);
  });

  it('types Chinese with an input method: the first character kept once, Enter ending a composition stays', async () => {
    const { page } = served;
    // Headless Chromium has no input method: CDP plays one (a composition, then its text).
    const ime = await page.context().newCDPSession(page);
    const compose = (text: string) =>
      ime.send('Input.imeSetComposition', {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
    const editor = page.locator('.grid .cell-editor');

    // Windows: the input method's first key comes as Process (keyCode 229).
    await cell(14, 'XM').click();
    await ime.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Process',
      code: 'KeyW',
      windowsVirtualKeyCode: 229,
    });
    await compose('w');
    await compose('wang');
    await ime.send('Input.insertText', { text: '王' });
    await expect.poll(() => editor.inputValue()).toBe('王');

    // Enter that picks the candidate ends the composition; it neither saves nor moves.
    await compose('fang');
    await ime.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 13,
    });
    await ime.send('Input.insertText', { text: '芳' });
    await expect.poll(() => editor.inputValue()).toBe('王芳');
    expect(await activeCell()).toEqual({ row: 14, field: 'XM' });
    await saveScreenshot(page, 'grid-clipboard-ime');
    await page.keyboard.press('Enter');
    await expect.poll(() => textOf(14, 'XM'), { timeout: 30_000 }).toBe('王芳');
    expect(await activeCell()).toEqual({ row: 15, field: 'XM' });

    // macOS and Linux: the first key comes as itself, marked 229; the letter is not typed too.
    await ime.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'l',
      code: 'KeyL',
      windowsVirtualKeyCode: 229,
    });
    await compose('l');
    await compose('li');
    await ime.send('Input.insertText', { text: '李' });
    await expect.poll(() => editor.inputValue()).toBe('李');
    await page.keyboard.press('Escape');
    expect(await editor.count()).toBe(0);
  });
});
