/**
 * A double-click on 生成数据包 (issue #12 item 14) in the real UI (browser mode, real engine,
 * Debian's Chromium): the button is disabled from the first click until the package is written,
 * exactly one package lands in the data folder, and the clerk sees no refusal.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../helpers/run-steward.ts';
import {
  collectPageErrors,
  launchChromium,
  saveScreenshot,
  serveApp,
  type ServedApp,
} from './browser-mode.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  temp = await createTempDir();
  app = await serveApp(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await app?.stop();
  await browser?.close();
  await temp.cleanup();
});

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

const zips = async () =>
  (await readdir(join(temp.dir, 'data/packages')).catch(() => [])).filter((name) =>
    name.endsWith('.zip'),
  );

describe('生成数据包 clicked twice', () => {
  it('writes one package, with the button disabled until it is written', async () => {
    await page.goto(app.url);
    await page.getByRole('button', { name: '开始培训' }).click();
    await page.locator('.grid [role=gridcell]').first().waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: /打包/ }).click();
    await page.getByRole('heading', { name: '打包前检查' }).waitFor();
    await page.getByLabel('数据管理员').fill('王科员');
    // 剔除有错误的记录: the package is written without exemptions.
    await page.getByLabel(/剔除有错误的记录/).check();

    const write = page.getByRole('button', { name: /生成数据包|正在生成/ });
    await write.dblclick();
    // From the first click until the job ends, the button cannot be clicked again.
    expect(await write.isDisabled()).toBe(true);
    await saveScreenshot(page, '24-package-writing');
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成共享数据包');
    await expect.poll(() => write.isEnabled()).toBe(true);
    expect(await zips()).toHaveLength(1);
    expect(await page.locator('.notice').innerText()).not.toContain('正在生成');
    await saveScreenshot(page, '25-package-written-once');
  });
});
