/**
 * 数据集更新情况 on the start page (issue #15 item 3), in the real UI (browser mode, real engine,
 * Debian's Chromium): the data folder holds a pop-base package (更新周期 每季度) written long ago
 * for one department and one written today for another; the start page says the first is overdue
 * and the second is on time; the 打包 step of a project of an overdue dataset says so too.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSteward } from '../helpers/run-steward.ts';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

/** Writes a pop-base package of `register` for `department` into the data folder's packages. */
async function writePackage(dir: string, register: string, department: string, created?: string) {
  const run = await runSteward([
    ...['package', register, '--pack', 'pop-base', '--kind', 'share', '--division', '371702'],
    ...['--department', department, '--period', '2025年第2季度', '--steward', '王科员'],
    ...['--on-error', 'exclude', '--out', join(dir, 'data', 'packages')],
    ...(created === undefined ? [] : ['--created', created]),
  ]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
}

const served = useServedPage({
  viewport: { width: 1366, height: 900 },
  prepare: async (dir) => {
    await mkdir(join(dir, 'data', 'packages'), { recursive: true });
    const register = join(dir, 'register.csv');
    const made = await runSteward([
      ...['demo-data', '--pack', 'pop-base', '--rows', '20', '--seed', '7'],
      ...['--error-rate', '0', '--today', '2025-05-01', '--out', register],
    ]);
    expect(made.code, made.stderr).toBe(0);
    await writePackage(dir, register, '牡丹区民政局', '2025-05-10T09:00:00+08:00');
    await writePackage(dir, register, '牡丹区公安分局');
    await writePackage(dir, register, '牡丹区（培训）', '2025-05-11T09:00:00+08:00');
  },
});

describe('the start page says which datasets are overdue for their update cycle', () => {
  it('shows the overdue notice for the old package and on time for today’s', async () => {
    const { page } = served;
    const card = page.getByRole('region', { name: '数据集更新情况' });
    await card.waitFor();
    await expect(card.getByRole('alert').count()).resolves.toBe(2);
    const overdue = card.locator('li', { hasText: '牡丹区民政局' }).getByRole('alert');
    const text = (await overdue.textContent()) ?? '';
    expect(text).toContain('已逾期：按每季度更新，上次打包于 2025-05-10');
    expect(text).toMatch(/\d{4}年第[1-4]季度（\d{4}-\d{2}-01 起）还没有报送/);
    // Overdue datasets come first.
    const last = card.locator('li').last();
    expect(await last.textContent()).toContain('人口基础信息 · 牡丹区公安分局');
    expect(await last.textContent()).toContain('按期：按每季度更新');
    await saveScreenshot(page, '50-freshness-overdue');
  });

  it('shows the same notice in the 打包 step of a project of that dataset and department', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    await page.getByRole('button', { name: /打包/ }).click();
    const notice = page.locator('.package .freshness.overdue');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('已逾期：按每季度更新，上次打包于 2025-05-11');
    await saveScreenshot(page, '51-freshness-package-step');
  });
});
