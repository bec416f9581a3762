/**
 * A double-click on 生成数据包 (issue #12 item 14) in the real UI (browser mode, real engine,
 * Debian's Chromium): the button is disabled from the first click until the package is written,
 * exactly one package lands in the data folder, and the clerk sees no refusal.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, useServedPage, openDemoProject } from './browser-mode.ts';

const served = useServedPage({ viewport: { width: 1440, height: 1100 } });

const zips = async () =>
  (await readdir(join(served.dir, 'data/packages')).catch(() => [])).filter((name) =>
    name.endsWith('.zip'),
  );

describe('生成数据包 clicked twice', () => {
  it('writes one package, with the button disabled until it is written', async () => {
    await served.page.goto(served.app.url);
    await openDemoProject(served.page);
    await served.page.locator('.grid [role=gridcell]').first().waitFor({ timeout: 90_000 });
    await served.page.getByRole('button', { name: /打包/ }).click();
    await served.page.getByRole('heading', { name: '打包前检查' }).waitFor();
    await served.page.getByLabel('数据管理员').fill('王科员');
    // 剔除有错误的记录: the package is written without exemptions.
    await served.page.getByLabel(/剔除有错误的记录/).check();

    const write = served.page.getByRole('button', { name: /生成数据包|正在生成/ });
    await write.dblclick();
    // From the first click until the job ends, the button cannot be clicked again.
    expect(await write.isDisabled()).toBe(true);
    await saveScreenshot(served.page, '24-package-writing');
    await expect
      .poll(() => served.page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成共享数据包');
    await expect.poll(() => write.isEnabled()).toBe(true);
    expect(await zips()).toHaveLength(1);
    expect(await served.page.locator('.notice').innerText()).not.toContain('正在生成');
    await saveScreenshot(served.page, '25-package-written-once');
  });
});
