/**
 * The 打包 step in the real UI (browser mode, real engine, Debian's Chromium): the check before
 * packaging says which errors would block, a blocked attempt lists them, a reviewer's
 * exemptions clear them, and the written packages show their report summary and, for 开放,
 * which fields were masked or dropped. The zip's manifest carries the same exemptions.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openZipFile } from '../../electron/engine/package/read-zip.ts';
import { createTempDir } from '../helpers/run-steward.ts';
import {
  launchChromium,
  saveScreenshot,
  serveApp,
  type ServedApp,
  collectPageErrors,
  openDemoProject,
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

const preflightRows = () => page.locator('.preflight tr');

async function manifestOf(zip: string): Promise<{
  'x-submission': { kind: string; exemptions: { rule: string; reviewer: string }[] };
}> {
  const opened = await openZipFile(join(temp.dir, 'data/packages', zip));
  try {
    const entry = opened.entries.find((e) => e.name === 'datapackage.json');
    if (entry === undefined) throw new Error(`${zip} has no datapackage.json`);
    return JSON.parse((await opened.read(entry)).toString('utf8')) as Awaited<
      ReturnType<typeof manifestOf>
    >;
  } finally {
    opened.close();
  }
}

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the 打包 step', () => {
  it('says before packaging which errors would block it', async () => {
    await page.goto(app.url);
    await openDemoProject(page);
    await page.locator('.grid [role=gridcell]').first().waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: /打包/ }).click();
    await page.getByRole('heading', { name: '打包前检查' }).waitFor();
    await expect.poll(() => preflightRows().count()).toBeGreaterThan(2);
    expect(await page.locator('.preflight .badge', { hasText: '阻止打包' }).count()).toBe(
      await preflightRows().count(),
    );
    expect(await page.getByText(/按“阻止打包”将无法生成数据包/).count()).toBe(1);
    // The steward is needed before anything is written.
    expect(await page.getByRole('button', { name: '生成数据包' }).isDisabled()).toBe(true);
  });

  it('lists what blocked an attempt, and writes nothing', async () => {
    await page.getByLabel('数据管理员').fill('王科员');
    await page.getByRole('button', { name: '生成数据包' }).click();
    await page.getByRole('heading', { name: /上次打包未完成/ }).waitFor({ timeout: 120_000 });
    expect(await page.locator('.notice').innerText()).toContain('未生成数据包');
    expect(await page.locator('.blocker-list li').count()).toBeGreaterThan(0);
    expect(await page.locator('.blocker-list').innerText()).toContain('条记录');
    const packages = await readdir(join(temp.dir, 'data/packages')).catch(() => []);
    expect(packages.filter((name) => name.endsWith('.zip'))).toEqual([]);
    await saveScreenshot(page, '21-package-blocked');
  });

  it('records a reviewer’s exemption for every blocking rule and field, then writes the 共享 package', async () => {
    const rules = await preflightRows().count();
    await page.getByLabel('豁免理由').fill('历史数据，待户籍系统核实后更正');
    await page.locator('form', { hasText: '豁免理由' }).getByLabel('审核人').fill('李科长');
    // By rule and field first; a value a spreadsheet destroyed then needs its record named.
    let recorded = 0;
    for (const name of ['豁免…', '豁免此条…']) {
      const buttons = page.locator('.preflight, .unrecoverable-list').getByRole('button', { name });
      while ((await buttons.count()) > 0) {
        const left = await buttons.count();
        await buttons.first().click();
        await page.getByRole('button', { name: '记录豁免' }).click();
        await expect.poll(() => buttons.count()).toBe(left - 1);
        recorded += 1;
      }
    }
    await page.getByText('没有未豁免的错误，可以打包。').waitFor();
    expect(await page.locator('.preflight .badge', { hasText: '已豁免' }).count()).toBe(rules);
    const exemptions = await page.locator('.exemption-list li').count();
    expect(exemptions).toBe(recorded);

    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成共享数据包');
    const summary = page.locator('.written-package');
    await summary.getByRole('heading', { name: '检查报告摘要' }).waitFor();
    const errors = Number(
      (await summary.locator('dt:text-is("错误") + dd').innerText()).replace(/\D/g, ''),
    );
    const exempted = Number(
      (await summary.locator('dt:text-is("已豁免错误") + dd').innerText()).replace(/\D/g, ''),
    );
    expect(errors).toBeGreaterThan(0);
    expect(exempted).toBe(errors);
    expect(await summary.locator('dt:text-is("打包记录") + dd').innerText()).toBe('2,000');
    await saveScreenshot(page, '22-package-share-exempted');

    const zips = (await readdir(join(temp.dir, 'data/packages'))).filter((n) => n.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    const manifest = await manifestOf(zips[0] ?? '');
    expect(manifest['x-submission'].kind).toBe('共享');
    expect(manifest['x-submission'].exemptions).toHaveLength(exemptions);
    expect(manifest['x-submission'].exemptions.every((e) => e.reviewer === '李科长')).toBe(true);
  });

  it('shows which fields a 开放 package masked or dropped', async () => {
    await page.getByLabel(/开放（公开发布/).check();
    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成开放数据包');
    const handling = page.locator('.written-package');
    await handling.getByRole('heading', { name: '字段处理' }).waitFor();
    const idRow = handling.locator('tr', { hasText: 'GMSFHM' });
    expect(await idRow.locator('.badge').innerText()).toMatch(/脱敏|不予提供/);
    await saveScreenshot(page, '23-package-open-fields');
  });
});
