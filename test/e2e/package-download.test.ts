/**
 * Taking the package out of the app (issue #12 item 1), in the real UI (browser mode, real
 * engine, Debian's Chromium): after 生成数据包 the zip comes as a download, like the error
 * workbook, and 下载数据包 offers it again; the downloaded zip passes `steward verify`. The
 * package's validation.html (打开校验报告) comes out the same way.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSteward } from '../helpers/run-steward.ts';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

const served = useServedPage({ viewport: { width: 1366, height: 900 } });

describe('the written package, taken out of the app', () => {
  it('downloads the zip after 生成数据包, and the download verifies', async () => {
    const { page, dir } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    await page.getByRole('button', { name: /打包/ }).click();
    await page.getByLabel('数据管理员').fill('王科员');
    await page.getByLabel('剔除有错误的记录，并在清单中计数').check();

    // The download starts by itself once the package is written.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: '生成数据包' }).click(),
    ]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/\.zip$/);
    await page.locator('.written-package').getByText(name).first().waitFor();
    const saved = join(dir, 'downloaded', name);
    await download.saveAs(saved);

    const verified = await runSteward(['verify', saved, '--format', 'json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect((JSON.parse(verified.stdout) as { ok: boolean }).ok).toBe(true);
    await saveScreenshot(page, '24-package-download');
  });

  it('offers the zip again with 下载数据包', async () => {
    const { page, dir } = served;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载数据包' }).click(),
    ]);
    const saved = join(dir, 'again', download.suggestedFilename());
    await download.saveAs(saved);
    const verified = await runSteward(['verify', saved]);
    expect(verified.code, verified.stderr).toBe(0);
  });

  it('gives the package’s validation report with 打开校验报告', async () => {
    const { page, dir } = served;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '打开校验报告' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/校验报告\.html$/);
    const saved = join(dir, 'report', download.suggestedFilename());
    await download.saveAs(saved);
    const html = await readFile(saved, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('数据质量报告');
    expect(html).toContain('报送记录数');
  });
});
