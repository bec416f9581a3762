/**
 * 全量 / 增量 in the 打包 step (issue #15), in the real UI (browser mode, real engine, Debian's
 * Chromium): before any package 增量 is disabled and says why; after a full package and a cell
 * changed in 检查与修正, 增量 shows 新增 · 变更 · 删除 · 未变 against that package, writes a zip
 * that holds only the changed record with its operation column, and the result panel says
 * 增量包, the counts and the base package's short SHA-256.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openZipFile } from '../../electron/engine/package/read-zip.ts';
import { openDemoProject, saveScreenshot, useServedPage, waitForGridData } from './browser-mode.ts';

const served = useServedPage({ viewport: { width: 1280, height: 800 } });
const incrementalLabel = '增量（只报新增、变更、删除的记录）';
const newPhone = '13800138000';

/** The bytes of one file of a package the app wrote into the data folder. */
async function readEntry(zip: string, name: string): Promise<Buffer> {
  const opened = await openZipFile(join(served.dir, 'data/packages', zip));
  try {
    const entry = opened.entries.find((e) => e.name === name);
    if (entry === undefined) throw new Error(`${zip} has no ${name}`);
    return await opened.read(entry);
  } finally {
    opened.close();
  }
}

async function zips(): Promise<string[]> {
  return (await readdir(join(served.dir, 'data/packages'))).filter((n) => n.endsWith('.zip'));
}

/** Fills what every package needs: the steward, and 剔除 for the training data's errors. */
async function fillPackageForm(): Promise<void> {
  const { page } = served;
  await page.getByLabel('数据管理员').fill('王科员');
  await page.getByLabel('剔除有错误的记录，并在清单中计数').check();
}

let fullRows = 0;
let fullZip = '';

describe('全量 / 增量 in the 打包 step', () => {
  it('disables 增量 before the project has written a package, and says why', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    await page.getByRole('button', { name: /打包/ }).click();
    const incremental = page.getByLabel(incrementalLabel);
    await page.getByText('这个项目还没有写过数据包：第一次报送请用全量').waitFor();
    expect(await incremental.isDisabled()).toBe(true);
    expect(await page.getByLabel('全量（全部记录）').isChecked()).toBe(true);
    await page.locator('.package-mode').scrollIntoViewIfNeeded();
    await saveScreenshot(page, '45-package-mode-first');
  });

  it('writes a full package, then counts one changed record as 增量', async () => {
    const { page } = served;
    await fillPackageForm();
    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成共享数据包');
    const written = page.locator('.written-package');
    expect(await written.locator('.package-mode-written').innerText()).toBe('全量包');
    fullRows = Number(
      (await written.locator('dt:text-is("打包记录") + dd').innerText()).replace(/\D/g, ''),
    );
    expect(fullRows).toBeGreaterThan(1000);
    [fullZip = ''] = await zips();

    // A record with no error (so it is in the full package) gets another phone number.
    await page.getByRole('button', { name: /检查与修正/ }).click();
    await waitForGridData(page);
    const row = page.locator('.grid .grid-row[data-rid]:not(:has(.error))').first();
    const cell = row.locator('[data-field="LXDH"]');
    await cell.dblclick();
    const editor = cell.locator('input');
    await editor.fill(newPhone);
    await editor.press('Enter');
    await expect.poll(() => cell.innerText()).toBe(newPhone);

    await page.getByRole('button', { name: /打包/ }).click();
    await fillPackageForm();
    await page.getByLabel(incrementalLabel).check();
    const counts = page.locator('.increment-counts');
    await expect
      .poll(() => counts.innerText().catch(() => ''), { timeout: 60_000 })
      .toBe(`新增 0 · 变更 1 · 删除 0 · 未变 ${(fullRows - 1).toLocaleString('zh-CN')}`);
    // One earlier package: no list, the base is named.
    expect(await page.locator('.increment-choice select').count()).toBe(0);
    expect(await page.locator('.increment-choice').innerText()).toContain(
      `${fullRows.toLocaleString('zh-CN')} 条`,
    );
    await page.locator('.package-mode').scrollIntoViewIfNeeded();
    await saveScreenshot(page, '46-package-mode-incremental-counts');
  });

  it('writes the 增量 package: only the changed record, and the panel names its base', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成共享增量数据包');
    expect(await page.locator('.notice').innerText()).toContain(
      `未变 ${(fullRows - 1).toLocaleString('en-US')} 条`,
    );
    const written = page.locator('.written-package');
    await expect
      .poll(() => written.locator('.package-mode-written').innerText())
      .toBe(`增量包 · 新增 0 · 变更 1 · 删除 0 · 未变 ${(fullRows - 1).toLocaleString('zh-CN')}`);
    const fullSha = createHash('sha256')
      .update(await readEntry(fullZip, 'datapackage.json'))
      .digest('hex');
    expect(await written.locator('dt:text-is("基础数据包") + dd').innerText()).toBe(
      `SHA-256 ${fullSha.slice(0, 12)}…`,
    );
    await written.locator('.package-mode-written').scrollIntoViewIfNeeded();
    await saveScreenshot(page, '47-package-incremental-written');

    const delta = (await zips()).find((n) => n.endsWith('_incremental.zip'));
    if (delta === undefined) throw new Error('an incremental zip was written');
    const manifest = JSON.parse((await readEntry(delta, 'datapackage.json')).toString('utf8')) as {
      'x-submission': { mode: string; base: { sha256: string }; changes: object };
    };
    expect(manifest['x-submission'].mode).toBe('增量');
    expect(manifest['x-submission'].base.sha256).toBe(fullSha);
    expect(manifest['x-submission'].changes).toEqual({
      added: 0,
      changed: 1,
      removed: 0,
      unchanged: fullRows - 1,
    });
    const lines = (await readEntry(delta, 'data/population.csv'))
      .toString('utf8')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]?.endsWith(',CZLX,GXSJ')).toBe(true);
    expect(lines[1]?.split(',').at(-2)).toBe('变更');

    // Two packages now: 增量 offers the list of bases, newest first.
    const options = page.locator('.increment-choice select option');
    await expect.poll(() => options.count()).toBe(2);
    expect(await options.first().innerText()).toContain('共享增量');
    expect(await options.last().innerText()).toContain('共享全量');
  });
});

describe('English mode', () => {
  it('says 增量 in English', async () => {
    const { page } = served;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Incremental (only added, changed and removed records)').waitFor();
    await page
      .getByText(/^0 added · 0 changed · 0 removed · [\d,]+ unchanged$/)
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await page.locator('.package-mode-written').innerText()).toMatch(
      /^Incremental package · 0 added · 1 changed · 0 removed · [\d,]+ unchanged$/,
    );
  });
});
