/**
 * The project list and 设置 in the real UI (browser mode, real engine, Debian's Chromium): the
 * clerk's name asked when a project opens and none is set, then recorded by the audit trail as
 * who made an edit; the list showing each project's pack, records, errors and last change;
 * rename, archive, delete (confirmed) and 清空归档 (confirmed again, telling which files open
 * elsewhere it kept); the language remembered across a reload. Screenshots go to
 * test-results/e2e.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../electron/engine/workspace/project-file.ts';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

const served = useServedPage();

const cell = (row: number, field: string) =>
  served.page.locator(`.grid .grid-row[data-row="${row}"] [data-field="${field}"]`);
const notice = () => served.page.locator('.notice > span').first().innerText();

/** Creates and closes a project through the page's own window.api (as the wizard would). */
async function createClosed(page: Page, department: string): Promise<void> {
  await page.evaluate(async (name) => {
    const pageApi = () => {
      if (window.api === undefined) throw new Error('window.api');
      return window.api;
    };
    const created = await pageApi().invoke('project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: name,
      period: '2026年第4季度',
    });
    if (!created.ok) throw new Error(created.error.message.en);
    await pageApi().invoke('project:close', {});
  }, department);
}

describe('the project list and the clerk’s settings', () => {
  it('asks the clerk’s name when a project opens, and the audit records it for an edit', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    const prompt = page.getByRole('form', { name: '请填写您的姓名，它将记入审计记录' });
    await prompt.waitFor();
    await saveScreenshot(page, 'project-list-name-prompt');
    await prompt.getByRole('textbox').fill('王芳');
    await prompt.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => prompt.count()).toBe(0);

    await cell(0, 'XM').click();
    await page.keyboard.type('Wang Xiaoming');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(0, 'XM').innerText()).toBe('Wang Xiaoming');
    const history = await page.evaluate(async () => {
      const pageApi = () => {
        if (window.api === undefined) throw new Error('window.api');
        return window.api;
      };
      const list = await pageApi().invoke('history:list', {});
      if (!list.ok) throw new Error(list.error.message.en);
      return list.value;
    });
    expect(history.at(-1)?.who).toBe('王芳');

    // 设置 in the header shows the name and changes it.
    await page.getByRole('button', { name: '设置' }).click();
    const dialog = page.getByRole('dialog', { name: '设置' });
    expect(await dialog.getByRole('textbox').inputValue()).toBe('王芳');
    await saveScreenshot(page, 'project-list-settings-dialog');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '关闭项目' }).click();
  });

  it('lists each project with its pack, records, errors and last change', async () => {
    const { page } = served;
    await createClosed(page, '牡丹区民政局');
    await page.reload();
    const training = page.locator('.project-table tr[data-project^="培训项目"]');
    await training.waitFor();
    const cells = await training.locator('td').allInnerTexts();
    expect(cells[1]).toBe('人口基础信息');
    expect(cells[2]).toBe('2,000');
    expect(Number((cells[3] ?? '').replace(/,/g, ''))).toBeGreaterThan(0);
    // Beijing time, as the clerk reads it: 2026-12-07 11:30.
    expect(cells[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const empty = page.locator('.project-table tr', { hasText: '牡丹区民政局' });
    expect((await empty.locator('td').allInnerTexts()).slice(1, 4)).toEqual([
      '人口基础信息',
      '0',
      '0',
    ]);
    await saveScreenshot(page, 'project-list-facts');
  });

  it('renames, archives, deletes with a confirmation and empties the archive with another', async () => {
    const { page } = served;
    const row = page.locator('.project-table tr[data-project^="牡丹区民政局"]');
    await row.getByRole('button', { name: '重命名' }).click();
    await row.getByRole('textbox', { name: '项目名称' }).fill('民政局四季度名册');
    await saveScreenshot(page, 'project-list-rename');
    await row.getByRole('button', { name: '保存名称' }).click();
    const renamed = page.locator('.project-table tr[data-project="民政局四季度名册"]');
    await renamed.waitFor();
    expect(await notice()).toBe('已重命名为「民政局四季度名册」');

    await renamed.getByRole('button', { name: '归档' }).click();
    await expect.poll(() => renamed.count()).toBe(0);
    await page.getByRole('button', { name: '查看已归档（1）' }).click();
    const archive = page.getByRole('region', { name: '已归档' });
    const archived = archive.locator('tr[data-project="民政局四季度名册"]');
    await archived.waitFor();

    // 删除 asks first; 取消 keeps the project where it is.
    await archived.getByRole('button', { name: '删除' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.innerText()).toContain('删除项目「民政局四季度名册」？');
    await saveScreenshot(page, 'project-list-delete-confirm');
    await confirm.getByRole('button', { name: '取消' }).click();
    expect(await archived.getAttribute('class')).toBe('archive');
    await archived.getByRole('button', { name: '删除' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确认删除' }).click();
    await expect.poll(() => archived.getAttribute('class')).toBe('deleted');
    expect(await archived.innerText()).toContain('待清空');

    // 清空归档 asks again, and only then are the files gone.
    await archive.getByRole('button', { name: '清空归档' }).click();
    const second = page.getByRole('alertdialog');
    expect(await second.innerText()).toContain('永久删除“待清空”中的 1 个项目文件');
    await saveScreenshot(page, 'project-list-empty-confirm');
    await second.getByRole('button', { name: '永久删除' }).click();
    await expect.poll(notice).toBe('已永久删除 1 个项目文件');
    await expect.poll(() => page.locator('tr[data-project="民政局四季度名册"]').count()).toBe(0);
    const list = await page.evaluate(async () => {
      const pageApi = () => {
        if (window.api === undefined) throw new Error('window.api');
        return window.api;
      };
      const projects = await pageApi().invoke('project:list', {});
      return projects.ok ? projects.value.map((p) => p.name) : [];
    });
    expect(list).not.toContain('民政局四季度名册');
  });

  it('keeps a file open in another window when emptying the archive, and says which', async () => {
    const { page } = served;
    await createClosed(page, '牡丹区水利局');
    await page.reload();
    const row = page.locator('.project-table tr[data-project^="牡丹区水利局"]');
    const name = await row.getAttribute('data-project');
    if (name === null) throw new Error('the project is listed');
    await row.getByRole('button', { name: '归档' }).click();
    await page.getByRole('button', { name: '查看已归档（1）' }).click();
    const archive = page.getByRole('region', { name: '已归档' });
    await archive
      .locator(`tr[data-project="${name}"]`)
      .getByRole('button', { name: '删除' })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: '确认删除' }).click();
    await expect
      .poll(() => archive.locator(`tr[data-project="${name}"]`).getAttribute('class'))
      .toBe('deleted');

    // Another window (here: this test's process) has the file open.
    const lock = await acquireLock(join(served.dir, 'data', 'archive', '待清空', `${name}.dsw`));
    if (!lock.ok) throw new Error('the lock');
    try {
      await archive.getByRole('button', { name: '清空归档' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: '永久删除' }).click();
      await expect
        .poll(notice)
        .toBe(
          `以下项目正在另一个窗口中打开，没有删除：「${name}」。请先在那个窗口关闭它们，再清空归档。`,
        );
      await saveScreenshot(page, 'project-list-empty-kept-open');
      expect(await archive.locator(`tr[data-project="${name}"]`).innerText()).toContain('待清空');
    } finally {
      await lock.value();
    }
  });

  it('remembers the language the clerk chose across a reload', async () => {
    const { page } = served;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor();
    // No Chinese is left in English mode, the examples in empty boxes included.
    const han = /\p{Script=Han}/u;
    await page.getByRole('button', { name: 'New project' }).click();
    const placeholders = await page
      .locator('.start input[placeholder]')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).placeholder));
    expect(placeholders.length).toBe(3);
    expect(placeholders.filter((text) => han.test(text))).toEqual([]);
    await saveScreenshot(page, 'project-list-english');
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const nameBox = settings.getByRole('textbox', { name: 'Your name' });
    expect(await nameBox.getAttribute('placeholder')).toBe('e.g. Wang Fang');
    await saveScreenshot(page, 'settings-english');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '中文' }).click();
    await page.reload();
    await page.getByRole('heading', { name: '最近的项目' }).waitFor();
  });
});
