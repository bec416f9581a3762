/**
 * The 检查与修正 grid at 5,000,000 rows, in the real UI in Chromium: more rows than a browser
 * can scroll at full height (30 px × 5,000,000 = 150,000,000 px). The engine's pages are
 * stood in for by synthetic rows (a project that size does not fit in sql.js); everything
 * else is the real app. The last row must be reachable by the scrollbar and by Ctrl+End, the
 * middle of the scrollbar must show the middle rows, and the wheel must move by exact pixels.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir } from '../helpers/run-steward.ts';
import {
  launchChromium,
  serveApp,
  waitForGridData,
  type ServedApp,
  collectPageErrors,
  openDemoProject,
} from './browser-mode.ts';

const total = 5_000_000;
const fieldCount = 13; // pop-base / population

let temp: Awaited<ReturnType<typeof createTempDir>>;
let app: ServedApp;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  temp = await createTempDir();
  app = await serveApp(join(temp.dir, 'data'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  pageErrors = collectPageErrors(page);
  await page.route('**/api/call/records:page', async (route) => {
    const { offset, limit } = route.request().postDataJSON() as { offset: number; limit: number };
    const rows = [];
    for (let index = offset; index < Math.min(total, offset + limit); index += 1)
      rows.push({
        rid: index + 1,
        sourceRow: index + 2,
        values: Array.from({ length: fieldCount }, (_, f) => `r${index + 2}c${f}`),
      });
    await route.fulfill({ json: { ok: true, value: { total, rows, issues: [] } } });
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await temp?.cleanup();
});

/** The source row numbers of the rows whose middle is inside the grid's viewport. */
async function visibleRows(): Promise<number[]> {
  return page.evaluate(() => {
    const body = document.querySelector('.grid-body')?.getBoundingClientRect();
    const header = document.querySelector('.grid-header')?.getBoundingClientRect();
    if (body === undefined || header === undefined) return [];
    return [...document.querySelectorAll('.grid-row:not(.placeholder)')]
      .filter((row) => {
        const box = row.getBoundingClientRect();
        const middle = box.top + box.height / 2;
        return middle > header.bottom && middle < body.bottom;
      })
      .map((row) => Number(row.querySelector('.row-number')?.textContent))
      .sort((a, b) => a - b);
  });
}

/** The first row in view once rows are drawn there (a scroll may still be landing). */
async function firstDrawnRow(): Promise<number> {
  await waitForGridData(page);
  await expect.poll(async () => (await visibleRows()).length).toBeGreaterThan(0);
  return (await visibleRows())[0] ?? 0;
}

async function scrollTo(fraction: number): Promise<void> {
  await page.evaluate((f) => {
    const body = document.querySelector('.grid-body');
    if (body !== null) body.scrollTop = f * (body.scrollHeight - body.clientHeight);
  }, fraction);
}

// A UI bug (an uncaught error in the page) fails the test that hit it.
afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

describe('the records grid at 5,000,000 rows', () => {
  it('counts every row but keeps the scrolled height under the browser limit', async () => {
    await page.goto(app.url);
    await openDemoProject(page);
    await waitForGridData(page);
    expect(await page.locator('.grid').getAttribute('aria-rowcount')).toBe(String(total + 1));
    const height = await page.locator('.grid-body').evaluate((body) => body.scrollHeight);
    expect(height).toBeLessThanOrEqual(10_100_000);
    expect(await visibleRows()).toContain(2);
  });

  it('shows the last row at the bottom of the scrollbar', async () => {
    await scrollTo(1);
    await waitForGridData(page);
    await expect.poll(visibleRows).toContain(total + 1);
    expect(await page.locator('.grid-footer').innerText()).toContain('5,000,000');
  });

  it('shows the middle rows at the middle of the scrollbar', async () => {
    await scrollTo(0.5);
    await waitForGridData(page);
    // Both bounds in one poll: right after the scroll the rows of the end may still be drawn.
    await expect
      .poll(async () => (await visibleRows())[0] ?? 0)
      .toSatisfy((first: number) => first > 2_499_000 && first < 2_501_000);
  });

  it('moves by exact rows with the wheel although one scrolled pixel is 15 rows of pixels', async () => {
    const before = await firstDrawnRow();
    const box = await page.locator('.grid-body').boundingBox();
    await page.mouse.move((box?.x ?? 0) + 300, (box?.y ?? 0) + 300);
    await page.mouse.wheel(0, 3 * 30);
    await expect.poll(async () => (await visibleRows())[0]).toBe(before + 3);
    await page.mouse.wheel(0, -30);
    await expect.poll(async () => (await visibleRows())[0]).toBe(before + 2);
  });

  it('goes to the last and the first row with Ctrl+End and Ctrl+Home', async () => {
    await page.locator('.grid [role=gridcell]').nth(3).click();
    await page.keyboard.press('Control+End');
    await waitForGridData(page);
    await expect
      .poll(() => page.locator('.grid .grid-row.active-row .row-number').innerText())
      .toBe(String(total + 1));
    expect(await visibleRows()).toContain(total + 1);
    expect(await page.locator('.grid .grid-cell.active').innerText()).toBe(
      `r${total + 1}c${fieldCount - 1}`,
    );
    await page.keyboard.press('Control+Home');
    await waitForGridData(page);
    await expect.poll(visibleRows).toContain(2);
    expect(await page.locator('.grid .grid-cell.active').innerText()).toBe('r2c0');
  });

  it('pages down by a screen of rows with PageDown', async () => {
    const first = await firstDrawnRow();
    const screen = await page.evaluate(() => {
      const body = document.querySelector('.grid-body');
      const header = document.querySelector<HTMLElement>('.grid-header');
      return Math.floor(((body?.clientHeight ?? 0) - (header?.offsetHeight ?? 0)) / 30);
    });
    await page.keyboard.press('PageDown');
    await waitForGridData(page);
    await expect
      .poll(() => page.locator('.grid .grid-row.active-row .row-number').innerText())
      .toBe(String(2 + screen));
    expect((await visibleRows())[0]).toBeGreaterThan(first);
  });
});
