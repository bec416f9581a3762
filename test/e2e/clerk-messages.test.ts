/**
 * What the clerk reads and may click, in the real UI (browser mode, real engine, Chromium), for
 * issue #12 items 14-17: 一键采用建议值 applies once however fast it is clicked, and undo names
 * the rule in Chinese; 打包前检查 lists errors by rule and field, the same kinds a blocked attempt
 * counts; a field's exemption does not let destroyed IDs (3.71702E+17) in until the reviewer
 * names each record; closing the project takes its notice away.
 */
import { describe, expect, it } from 'vitest';
import { saveScreenshot, useServedPage, waitForGridData, openDemoProject } from './browser-mode.ts';

const served = useServedPage({ viewport: { width: 1440, height: 1100 } });

const errorCount = async (): Promise<number> =>
  Number((await served.page.locator('.project-bar .count.error').innerText()).replace(/\D/g, ''));

describe('messages and buttons a clerk meets', () => {
  it('applies 一键采用建议值 once on a double-click, and undo names the rule in Chinese', async () => {
    const { page } = served;
    await openDemoProject(page);
    await waitForGridData(page);
    const before = await errorCount();
    const rule = page.locator('.rule-row', { hasText: '全角字符' });
    const apply = rule.getByRole('button', { name: '一键采用建议值' });
    await apply.dblclick();
    await expect
      .poll(() => page.locator('.notice').innerText())
      .toMatch(/已采用建议值 [1-9]\d* 处/);
    await expect.poll(errorCount).toBeLessThan(before);
    await saveScreenshot(page, '70-suggestions-applied');

    // One undo takes the whole change back: the double-click recorded one operation.
    await page.locator('.topbar-actions button').first().click();
    await expect
      .poll(() => page.locator('.notice').innerText())
      .toMatch(/^已撤销：对「全角字符」的问题采用建议值（\d+ 处）/);
    expect(await page.locator('.notice').innerText()).not.toContain('full-width');
    await expect.poll(errorCount).toBe(before);

    // In English mode the same operation is told in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('.topbar-actions button').nth(1).click();
    await expect
      .poll(() => page.locator('.notice').innerText())
      .toMatch(/^Redone: Applied the suggestions for "Full-width characters" \(\d+ cell\(s\)\)/);
    await saveScreenshot(page, '70b-redo-in-english');
    await page.locator('.topbar-actions button').first().click();
    await expect.poll(() => page.locator('.notice').innerText()).toMatch(/^Undone: /);
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(errorCount).toBe(before);
  });

  it('blocks destroyed IDs after the field’s exemption until each record is named', async () => {
    const { page } = served;
    await page.getByRole('button', { name: /打包/ }).click();
    await page.getByRole('heading', { name: '打包前检查' }).waitFor();
    const rows = page.locator('.preflight tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    await page.getByLabel('数据管理员').fill('王科员');
    await page.getByLabel('豁免理由').fill('历史数据，待户籍系统核实后更正');
    await page.locator('form', { hasText: '豁免理由' }).getByLabel('审核人').fill('李科长');

    // Every rule and field that can be exempted as a whole is exempted.
    const exemptButtons = page.locator('.preflight').getByRole('button', { name: '豁免…' });
    while ((await exemptButtons.count()) > 0) {
      const left = await exemptButtons.count();
      await exemptButtons.first().click();
      await page.getByRole('button', { name: '记录豁免' }).click();
      await expect.poll(() => exemptButtons.count()).toBe(left - 1);
    }

    // The destroyed IDs still block, listed by record.
    const destroyed = page.locator('.unrecoverable-list li');
    await expect.poll(() => destroyed.count()).toBeGreaterThan(0);
    expect(await destroyed.first().innerText()).toMatch(/第 \d+ 条 · 公民身份号码：\d\.\d+E\+17/);
    const blocking = await page.locator('.preflight .badge.error').count();
    expect(blocking).toBeGreaterThan(0);
    await saveScreenshot(page, '71-preflight-unrecoverable');

    // A blocked attempt counts the same kinds the table shows as blocking.
    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain(`有 ${blocking} 类错误没有豁免`);
    await expect.poll(() => page.locator('.blocker-list li').count()).toBe(blocking);

    // The reviewer names each record: then the package is written.
    const named = page.locator('.unrecoverable-list').getByRole('button', { name: '豁免此条…' });
    const toName = await named.count();
    while ((await named.count()) > 0) {
      const left = await named.count();
      await named.first().click();
      await page.getByRole('button', { name: '记录豁免' }).click();
      await expect.poll(() => named.count()).toBe(left - 1);
    }
    await page.getByText('没有未豁免的错误，可以打包。').waitFor();
    // Each named record is its own exemption, with the reviewer who named it.
    const byRecord = page.locator('.exemption-list li', { hasText: /· 第 [\d,]+ 条：/ });
    expect(await byRecord.count()).toBe(toName);
    expect(await byRecord.first().innerText()).toContain('审核人 李科长');
    await saveScreenshot(page, '72-exemptions-by-field-and-record');
    await page.getByRole('button', { name: '生成数据包' }).click();
    await expect
      .poll(() => page.locator('.notice').innerText(), { timeout: 120_000 })
      .toContain('已生成共享数据包');
  });

  it('takes the last project’s notice away when the project is closed', async () => {
    const { page } = served;
    expect(await page.locator('.notice').count()).toBe(1);
    await page.getByRole('button', { name: '关闭项目' }).click();
    await page.getByRole('button', { name: '开始课程' }).waitFor();
    expect(await page.locator('.notice').count()).toBe(0);
    await saveScreenshot(page, '73-closed-no-old-notice');
  });
});
