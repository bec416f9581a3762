/**
 * 设置 / 签名 in the 打包 step (issue #15), in the real UI (browser mode, real engine, Debian's
 * Chromium): the clerk creates the office key (office name, passphrase twice), sees its
 * fingerprint in groups, exports the public key, and packages signed; a wrong passphrase says
 * 口令不正确, the right one writes a package that shows its signer and verifies with the exported
 * public key.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSteward } from '../helpers/run-steward.ts';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

const served = useServedPage({ viewport: { width: 1366, height: 1000 } });
const office = '牡丹区大数据中心';
const passphrase = 'mudan-签名-2026';
let publicKeyPath = '';

describe('the office signing key in the 打包 step', () => {
  it('creates the key in a dialog and shows its fingerprint in groups', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    await page.getByRole('button', { name: /打包/ }).click();
    await page.getByText('本单位还没有签名密钥。').waitFor();
    await page.getByRole('button', { name: '创建签名密钥' }).click();
    const dialog = page.getByRole('dialog', { name: '创建签名密钥' });
    await dialog.getByLabel('单位名称').fill(office);
    await dialog.getByLabel('口令', { exact: true }).fill(passphrase);
    await dialog.getByLabel('再次输入口令').fill(`${passphrase}x`);
    await dialog.getByText('两次输入的口令不一致。').waitFor();
    expect(await dialog.getByRole('button', { name: '创建' }).isDisabled()).toBe(true);
    await dialog.getByLabel('再次输入口令').fill(passphrase);
    await saveScreenshot(page, '40-signing-key-dialog');
    await dialog.getByRole('button', { name: '创建' }).click();
    const fingerprint = page.locator('.signing-panel .fingerprint');
    await fingerprint.waitFor({ timeout: 60_000 });
    expect(await fingerprint.textContent()).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await saveScreenshot(page, '41-signing-key-created');
  });

  it('exports the public key as a download', async () => {
    const { page, dir } = served;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出公钥' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${office}_签名公钥.pem`);
    publicKeyPath = join(dir, 'exported', 'office.pem');
    await download.saveAs(publicKeyPath);
  });

  it('says 口令不正确 for a wrong passphrase, and signs with the right one', async () => {
    const { page, dir } = served;
    await page.getByLabel('数据管理员').fill('王科员');
    await page.getByLabel('剔除有错误的记录，并在清单中计数').check();
    await page.getByLabel(`用本单位密钥签名（${office}）`).check();
    await page.getByLabel('签名口令').fill('not-the-passphrase');
    await page.getByRole('button', { name: '生成数据包' }).click();
    await page
      .getByText(/口令不正确/)
      .first()
      .waitFor({ timeout: 60_000 });

    await page.getByLabel('签名口令').fill(passphrase);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: '生成数据包' }).click(),
    ]);
    const signer = page.locator('.written-package .package-signer');
    await signer.waitFor();
    expect(await signer.textContent()).toContain(office);
    await signer.scrollIntoViewIfNeeded();
    await saveScreenshot(page, '42-signed-package');
    const saved = join(dir, 'downloaded', download.suggestedFilename());
    await download.saveAs(saved);
    const verified = await runSteward(['verify', saved, '--public-key', publicKeyPath]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`签名有效：由 ${office}`);
  });
});
