/**
 * 培训模式's lesson in the real UI (browser mode, real engine, Debian's Chromium): 帮助 (the
 * five-step guide and the glossary) and the first-run guide; a trainee's own project from the
 * department's file shipped with the app, walked through all seven steps, each ticked by the
 * app from the project's real state, with a step restarted and the panel hidden and shown; a
 * second start of the same trainee asks before resetting. 开始课程 is 培训模式's only way in.
 * Screenshots of every step go to test-results/e2e (training-*.png).
 */
import { describe, expect, it } from 'vitest';
import { createTrainingDepartmentFile } from '../../shared/demo/training-department-file.ts';
import { findBundledPack } from '../../shared/packs/index.ts';
import { saveScreenshot, useServedPage, waitForGridData } from './browser-mode.ts';

const served = useServedPage({ viewport: { width: 1440, height: 960 } });

const pack = findBundledPack('pop-base');
if (pack === undefined) throw new Error('pop-base is bundled');
const departmentFile = createTrainingDepartmentFile(pack);

/** The lesson panel's status line of the current step. */
const status = () => served.page.locator('.lesson-panel .lesson-status');

/** Waits until the app has ticked the current step. */
async function stepDone(): Promise<void> {
  await expect.poll(() => status().innerText(), { timeout: 120_000 }).toBe('✓ 本步已完成');
}

/** Goes to the next lesson step and checks the panel shows it. */
async function nextStep(n: number): Promise<void> {
  await served.page.locator('.lesson-panel').getByRole('button', { name: '下一步' }).click();
  await expect
    .poll(() => served.page.locator('.lesson-body h3').innerText())
    .toContain(`第 ${n} 步`);
  expect(await status().innerText()).not.toContain('✓');
}

/** How many controls wear the highlight ring. */
const ringed = () => served.page.locator('.lesson-target').count();

describe('help', () => {
  it('shows the first-run guide once, and 帮助 opens the guide and the glossary', async () => {
    const { page } = served;
    const guide = page.getByRole('region', { name: '第一次使用？五步完成一次报送' });
    await guide.waitFor();
    expect(await guide.locator('.guide-steps li').count()).toBe(5);
    await saveScreenshot(page, 'training-00-first-run-guide');
    await guide.getByRole('button', { name: '知道了' }).click();
    await page.reload();
    await page.getByRole('button', { name: '开始课程' }).waitFor();
    expect(await guide.count()).toBe(0);

    await page.getByRole('button', { name: '帮助' }).click();
    const dialog = page.getByRole('dialog', { name: '帮助' });
    expect(await dialog.locator('.guide-steps li').count()).toBe(5);
    await saveScreenshot(page, 'training-01-help-guide');
    await dialog.getByRole('tab', { name: '术语' }).click();
    const terms = await dialog.locator('.glossary dt').allInnerTexts();
    expect(terms).toEqual(expect.arrayContaining(['共享', '开放', '豁免', '脱敏', '代码表']));
    await saveScreenshot(page, 'training-02-help-glossary');
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
  });
});

describe('the training lesson', () => {
  it('starts a trainee’s project at 导入, nothing imported yet, pointing at the training file', async () => {
    const { page } = served;
    // 培训模式 has one way in, the lesson: no second button opens data already imported.
    const card = page.locator('.training-card');
    expect(await card.getByRole('button').allInnerTexts()).toEqual(['开始课程']);
    await saveScreenshot(page, 'training-03-start-card');
    await page.getByLabel('学员姓名').fill('张敏');
    await page.getByRole('button', { name: '开始课程' }).click();
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('0 条记录');
    expect(await page.locator('.lesson-body h3').innerText()).toContain('第 1 步');
    await expect
      .poll(() => page.locator('[data-lesson="training-file"].lesson-target').count())
      .toBe(1);
    await saveScreenshot(page, 'training-10-step1-import');
  });

  it('step 1: the department’s file is opened, and a restart of the step takes it back', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '使用培训文件' }).click();
    await expect
      .poll(() => page.locator('.preview').innerText(), { timeout: 30_000 })
      .toContain(`数据行：${departmentFile.records}`);
    await stepDone();
    expect(await ringed()).toBe(0);
    await saveScreenshot(page, 'training-11-step1-done');

    await page.getByRole('button', { name: '重新开始本步' }).click();
    await expect.poll(() => status().innerText()).not.toContain('✓');
    expect(await page.locator('.preview').count()).toBe(0);
    await page.getByRole('button', { name: '使用培训文件' }).click();
    await stepDone();
  });

  it('step 2: the mapping is fixed by hand (家庭编号 -> 户号) and the file imported', async () => {
    const { page } = served;
    await nextStep(2);
    const column = page.getByLabel('家庭编号', { exact: true });
    await column.waitFor();
    expect(await column.inputValue()).toBe('');
    await expect
      .poll(() => column.evaluate((e) => e.classList.contains('lesson-target')))
      .toBe(true);
    await column.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'training-20-step2-mapping');
    await column.selectOption('HH');
    await page.getByRole('button', { name: '开始导入并检查' }).click();
    await expect
      .poll(() => page.locator('.project-bar').innerText(), { timeout: 120_000 })
      .toContain(`${departmentFile.records} 条记录`);
    await stepDone();
    await waitForGridData(page);
    await saveScreenshot(page, 'training-21-step2-done');
  });

  it('step 3: the ID errors are found and one is fixed by hand', async () => {
    const { page } = served;
    await nextStep(3);
    const rule = page.locator('[data-rule="resident-id"] > .rule-row');
    await expect.poll(() => rule.evaluate((e) => e.classList.contains('lesson-target'))).toBe(true);
    await saveScreenshot(page, 'training-30-step3-find-ids');
    await rule.getByRole('button').first().click();
    const fix = departmentFile.corrections.find((c) => c.kind === 'bad-checksum');
    if (fix === undefined) throw new Error('the training file has a bad checksum');
    const rid = fix.sheetRow - departmentFile.headerRow;
    const cell = page.locator(`.grid-row[data-rid="${rid}"] [role=gridcell][data-field="GMSFHM"]`);
    await cell.waitFor({ timeout: 30_000 });
    expect(await cell.innerText()).toBe(fix.value);
    await cell.dblclick();
    await cell.locator('input').fill(fix.corrected);
    await cell.locator('input').press('Enter');
    await stepDone();
    await saveScreenshot(page, 'training-31-step3-done');
  });

  it('step 4: suggestions are applied', async () => {
    const { page } = served;
    await nextStep(4);
    const apply = page.locator('[data-lesson="apply-suggestions"]').first();
    await expect
      .poll(() => apply.evaluate((e) => e.classList.contains('lesson-target')))
      .toBe(true);
    await saveScreenshot(page, 'training-40-step4-suggestions');
    await apply.click();
    await stepDone();
  });

  it('step 5: the error workbook is exported', async () => {
    const { page } = served;
    await nextStep(5);
    await saveScreenshot(page, 'training-50-step5-export');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.locator('[data-lesson="export-errors"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^问题数据表_.*\.xlsx$/);
    await stepDone();
  });

  it('step 6: the department’s fixes (模拟部门修改) merge back', async () => {
    const { page } = served;
    await nextStep(6);
    expect(await page.locator('.lesson-panel').innerText()).toContain('培训中没有真实的部门');
    const errorsBefore = await page.locator('.project-bar .count.error').innerText();
    await saveScreenshot(page, 'training-60-step6-merge');
    await page.getByRole('button', { name: '模拟部门修改' }).click();
    await stepDone();
    await expect
      .poll(() => page.locator('.project-bar .count.error').innerText())
      .not.toBe(errorsBefore);
    await saveScreenshot(page, 'training-61-step6-done');
  });

  it('step 7: the package is written', async () => {
    const { page } = served;
    await nextStep(7);
    // The lesson took the trainee to 打包 (下一步 goes where the step happens).
    await page.getByRole('heading', { name: '打包前检查' }).waitFor();
    await page.getByLabel('数据管理员').fill('张敏');
    await page.getByLabel('剔除有错误的记录，并在清单中计数').check();
    await saveScreenshot(page, 'training-70-step7-package');
    await page.locator('[data-lesson="write-package"]').click();
    await stepDone();
    expect(await page.locator('.lesson-chip[data-step-done="true"]').count()).toBe(7);
    await saveScreenshot(page, 'training-71-all-done');
  });

  it('hides the lesson panel and shows it again', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '隐藏课程' }).click();
    expect(await page.locator('.lesson-panel').count()).toBe(0);
    await page.getByRole('button', { name: '显示课程（第 7 步）' }).click();
    await page.locator('.lesson-panel').waitFor();
  });

  it('asks before resetting a trainee’s project; another trainee gets their own', async () => {
    const { page } = served;
    await page.getByRole('button', { name: '关闭项目' }).click();
    await page.getByLabel('学员姓名').fill('张敏');
    await page.getByRole('button', { name: '开始课程' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('学员「张敏」已有培训项目');
    await saveScreenshot(page, 'training-80-reset-asks');
    await confirm.getByRole('button', { name: '取消' }).click();
    expect(await page.locator('.project-bar').count()).toBe(0);

    await page.getByLabel('学员姓名').fill('李强');
    await page.getByRole('button', { name: '开始课程' }).click();
    await expect.poll(() => page.locator('.project-bar').innerText()).toContain('0 条记录');
    expect(await page.locator('.lesson-body h3').innerText()).toContain('第 1 步');
    await page.getByRole('button', { name: '关闭项目' }).click();
    const names = async () =>
      (await page.locator('.project-list .project-name').allInnerTexts()).map((n) => n.trim());
    await expect.poll(names).toEqual(expect.arrayContaining(['培训 培训-张敏', '培训 培训-李强']));
  });
});
