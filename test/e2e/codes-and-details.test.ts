/**
 * Codes with their names and the reason for an issue (issue #13), in the real UI at 1366×768:
 * code fields show the name beside the code, a code cell is edited with a searchable list of
 * the code table, and 详情 (Alt+Enter) explains the selected cell and adopts its suggestion.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getBuiltinCodeTable } from '../../shared/code-tables/builtin-code-tables.ts';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

interface Injection {
  readonly row: number;
  readonly field: string;
  readonly kind: string;
  readonly original: string;
  readonly value: string;
}

const served = useServedPage({ viewport: { width: 1366, height: 768 } });
const sexNames = new Map(getBuiltinCodeTable('sex').entries.map((e) => [e.code, e.name]));

async function injections(): Promise<Injection[]> {
  const folder = join(served.dir, 'data/training');
  const truth = (await readdir(folder)).find((name) => name.endsWith('.truth.json'));
  if (truth === undefined) throw new Error('the training project has no ground truth');
  return (JSON.parse(await readFile(join(folder, truth), 'utf8')) as { injected: Injection[] })
    .injected;
}

async function errorCount(): Promise<number> {
  const text = await served.page.locator('.project-bar .count.error').innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

describe('codes with their names, and the details of an issue', () => {
  it('shows the name beside each code in the grid', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    const cells = page.locator('.grid-row [data-field="XB"]');
    const count = await cells.count();
    expect(count).toBeGreaterThan(5);
    let named = 0;
    for (let i = 0; i < count; i += 1) {
      const text = await cells.nth(i).innerText();
      const [code = '', name] = text.split(' ');
      if (sexNames.has(code)) {
        expect(name).toBe(sexNames.get(code));
        named += 1;
      }
    }
    expect(named).toBeGreaterThan(5);
    const ethnic = await page.locator('.grid-row [data-field="MZ"] .code-name').first().innerText();
    expect(ethnic).toMatch(/族$/);
    await saveScreenshot(page, 'codes-01-names-in-grid');
  });

  it('edits a code field with a searchable list and stores the code', async () => {
    const { page } = served;
    const cell = page
      .locator('.grid-row [data-field="MZ"]')
      .filter({ hasText: /^01 汉族$/ })
      .first();
    const rid = await cell.evaluate((el) => el.closest('[data-rid]')?.getAttribute('data-rid'));
    await cell.dblclick();
    const editor = page.getByRole('combobox', { name: '民族' });
    // The list opens on the whole table at the cell's code; ↓ and ↑ move the choice.
    const options = page.getByRole('listbox', { name: '民族' }).getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(20);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    // Typing searches: 汉 finds 01 汉族, 回 finds 03 回族 (chosen first, so Enter takes it).
    await editor.fill('汉');
    await expect.poll(() => options.first().innerText()).toBe('01 汉族');
    await editor.fill('回');
    await expect.poll(() => options.first().innerText()).toBe('03 回族');
    await saveScreenshot(page, 'codes-02-drop-down');
    await page.keyboard.press('Enter');
    const edited = page.locator(`.grid-row[data-rid="${rid}"] [data-field="MZ"]`);
    await expect.poll(() => edited.innerText()).toBe('03 回族');
    await expect.poll(() => page.getByRole('listbox').count()).toBe(0);
    // The value stored is the code: the cell's own text, before its name, is 03.
    expect(await edited.evaluate((el) => el.firstChild?.textContent)).toBe('03');
    // Clearing the text and pressing Enter empties the cell (no code is chosen for nothing).
    await edited.dblclick();
    await page.getByRole('combobox', { name: '民族' }).fill('');
    await page.keyboard.press('Enter');
    await expect.poll(() => edited.innerText()).toBe('');
    await page.getByRole('button', { name: /撤销/ }).click();
    await expect.poll(() => edited.innerText()).toBe('03 回族');
  });

  it('explains a cell in 详情 (Alt+Enter) and adopts its suggestion', async () => {
    const { page } = served;
    const slip = (await injections()).find((i) => i.kind === 'full-width');
    if (slip === undefined) throw new Error('the training data has a full-width slip');
    const before = await errorCount();
    await page
      .locator('.rule-row', { hasText: '全角字符' })
      .getByRole('button', { name: '全角字符' })
      .click();
    const cell = page.locator(`.grid-row[data-rid="${slip.row}"] [data-field="${slip.field}"]`);
    await cell.click();
    await page.keyboard.press('Alt+Enter');
    const pane = page.getByRole('region', { name: '详情' });
    await expect
      .poll(() => pane.getByRole('button', { name: /详情/ }).getAttribute('aria-expanded'))
      .toBe('true');
    const own = pane.locator('[data-detail="cell-issues"]');
    await expect.poll(() => own.innerText()).toContain('全角字符');
    expect(await pane.locator('[data-detail="standardised"]').innerText()).toBe(slip.value);
    await expect
      .poll(() => pane.locator('[data-detail="source"]').innerText())
      .toContain(slip.value);
    await expect.poll(() => own.innerText()).toContain(slip.original);
    await saveScreenshot(page, 'codes-03-details-pane');
    await own.getByRole('button', { name: '采用' }).first().click();
    await expect.poll(errorCount).toBe(before - 1);
    await page.locator('.chip').click();
    await waitForGridData(page);
    // Scroll the record into view (2,000 rows in source order: one row is 30 px).
    await page
      .locator('.grid-body')
      .evaluate((body, row) => body.scrollTo({ top: (row - 3) * 30 }), slip.row);
    await waitForGridData(page);
    await page.locator(`.grid-row[data-rid="${slip.row}"]`).waitFor();
    // Back on all rows, the fixed cell holds the suggestion; the pane says it has no issue.
    await page.locator(`.grid-row[data-rid="${slip.row}"] [data-field="${slip.field}"]`).click();
    await expect
      .poll(() => pane.locator('[data-detail="standardised"]').innerText())
      .toBe(slip.original);
    await expect.poll(() => pane.innerText()).toContain('本单元格没有问题');
    await saveScreenshot(page, 'codes-04-details-adopted');
  });

  it('lists the row’s other issues in 详情, a code there with its name', async () => {
    const { page } = served;
    const mismatch = (await injections()).find((i) => i.kind === 'sex-mismatch');
    if (mismatch === undefined) throw new Error('the training data has a sex mismatch');
    await page.locator('.rule-row', { hasText: '奇偶' }).getByRole('button').first().click();
    const idCell = page.locator(`.grid-row[data-rid="${mismatch.row}"] [data-field="GMSFHM"]`);
    await idCell.click();
    const sexText = await page
      .locator(`.grid-row[data-rid="${mismatch.row}"] [data-field="XB"]`)
      .innerText();
    expect(sexText).toMatch(/^[12] (男性|女性)$/);
    const pane = page.getByRole('region', { name: '详情' });
    const others = pane.locator('[data-detail="row-issues"]');
    await expect.poll(() => others.innerText()).toContain('奇偶');
    expect(await others.innerText()).toContain(`性别 · ${sexText}`);
    await saveScreenshot(page, 'codes-05-row-issues');
    // Alt+Enter folds the pane again, and the grid keeps the keyboard.
    await page.keyboard.press('Alt+Enter');
    await expect
      .poll(() => pane.getByRole('button', { name: /详情/ }).getAttribute('aria-expanded'))
      .toBe('false');
    expect(await page.locator('.grid').evaluate((grid) => grid === document.activeElement)).toBe(
      true,
    );
    // In English the pane speaks English; the rule title is the summary's.
    await page.keyboard.press('Alt+Enter');
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('region', { name: 'Details' });
    await expect.poll(() => english.innerText()).toContain('Other issues in this row');
    expect(await english.innerText()).toContain('Value in the source file');
    await saveScreenshot(page, 'codes-06-details-english');
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('.chip').click();
  });
});
