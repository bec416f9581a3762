/**
 * Browser-mode benchmark: how the 检查与修正 grid responds on a large project. Builds a project
 * of N demo rows (default 1,000,000) in a scratch data folder, starts browser mode on it, opens
 * it in Debian's Chromium, then measures:
 *   - opening the project until the first rows are drawn, and the engine calls it waited for;
 *   - jumps to random scrollbar positions until every drawn row there has its data;
 *   - switching the issue filter on and off until drawn;
 *   - a fast wheel fling: frame times while it runs, and how long until the rows are drawn after;
 *   - PageDown through the grid from a cell, and Ctrl+End to the last row;
 *   - single-cell edits in the grid (double-click, type, Enter) until the new value is drawn;
 *   - 查找: a common text searched in all columns until the grid jumps to the first match and
 *     draws it, then next, then previous round to the last match (the engine searches);
 *   - sort: a header clicked (ascending, descending, original order) until the rows are drawn;
 *   - main-thread long tasks (> 50 ms) in each phase, and the longest of all of them, printed
 *     last as `BENCH_BROWSER {"longestTaskMs":...}` for scripts/bench.ts, with find's and sort's
 *     own longest tasks and times (`findLongestTaskMs`, `findMs`, `sortLongestTaskMs`, `sortMs`).
 * The machine's load average is printed beside the numbers: on a shared machine they vary.
 *
 *   npx tsx scripts/bench-browser.ts --rows 1000000
 *     --reuse            keep the project built by an earlier run of the same size
 *     --project <dsw>    measure a copy of this project (of --rows rows) instead of building one
 *     --renderer <dir>   serve another renderer build (a vite build of another commit)
 *     --screenshots <dir> also save the grid scrolled to the middle, and filtered, as PNGs
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { createDemo } from '../shared/demo/create-demo.ts';
import { matchColumnsExactly } from '../shared/mapping/match-columns-exactly.ts';
import { findBundledPack } from '../shared/packs/index.ts';
import { writeDemoData } from '../electron/engine/demo/write-demo-data.ts';
import { openTable } from '../electron/engine/import/open-workbook.ts';
import { Workspace } from '../electron/engine/workspace/workspace.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    reuse: { type: 'boolean' },
    project: { type: 'string' },
    renderer: { type: 'string' },
    screenshots: { type: 'string' },
  },
});
const rows = Number(values.rows ?? '1000000');
const dataDir = join(root, '.bench', `browser-${rows}`);
const projectPath = join(dataDir, 'projects', 'bench.dsw');
const csv = join(root, '.bench', `browser-demo-${rows}.csv`);

const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const load = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

/** Builds the demo project of `rows` rows (the import and validation the app does). */
async function buildProject(): Promise<void> {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base is bundled');
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(join(dataDir, 'projects'), { recursive: true });
  const started = Date.now();
  const options = { rows, seed: 99, errorRate: 0.05, today: '2026-11-26' };
  const generator = createDemo(pack, options);
  if (!generator.ok) throw new Error(generator.error.message.en);
  await writeDemoData(generator.value, options, csv);
  const project = await Workspace.create(projectPath, {
    pack,
    dataset: 'population',
    department: '基准',
    period: 'bench',
  });
  if (!project.ok) throw new Error(project.error.message.en);
  const table = await openTable(csv);
  if (!table.ok) throw new Error(table.error.message.en);
  const match = matchColumnsExactly(project.value.dataset, table.value.columns);
  const width = project.value.dataset.fields.length;
  await project.value.importRecords(
    {
      file: table.value.file,
      sheet: table.value.sheet,
      format: table.value.format,
      headerRow: table.value.headerRow,
      columns: table.value.columns,
    },
    table.value.rows(),
    (cells) => {
      const out: (string | undefined)[] = new Array<string | undefined>(width).fill(undefined);
      match.fieldOfColumn.forEach((field, column) => {
        if (field !== undefined) out[field] = cells[column] ?? '';
      });
      return out;
    },
    { context: { today: '2026-11-26' } },
  );
  await project.value.close();
  console.log(
    `project of ${rows.toLocaleString('en-US')} rows built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Resolves once every row the grid draws has its data (no placeholder) and a cell is shown. */
async function waitDrawn(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('.grid [role=gridcell]') !== null &&
      document.querySelector('.grid-row.placeholder, .grid-row > .muted') === null,
    undefined,
    { timeout, polling: 'raf' },
  );
}

/** Starts recording main-thread long tasks; `takeLongTasks` returns and clears them. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}
/** The longest main-thread task of every phase taken so far. */
let longestTaskMs = 0;
/** The longest main-thread task of the last phase taken (0: none over 50 ms). */
let lastLongestMs = 0;
async function takeLongTasks(page: Page): Promise<string> {
  const tasks = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    const taken = w.longTasks;
    w.longTasks = [];
    return taken;
  });
  longestTaskMs = Math.max(longestTaskMs, ...tasks);
  lastLongestMs = Math.max(0, ...tasks);
  return `${tasks.length} long tasks, longest ${Math.round(Math.max(0, ...tasks))} ms`;
}

/** The grid's row count (the header row not counted, whichever grid build is served). */
async function rowCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const grid = document.querySelector('.grid');
    const count = Number(grid?.getAttribute('aria-rowcount'));
    return grid?.querySelector('.grid-space') === null ? count : count - 1;
  });
}

/** Drags the scrollbar to a fraction of its range; resolves to the row index expected on top. */
async function scrollToFraction(page: Page, fraction: number): Promise<number> {
  return page.evaluate((f) => {
    const body = document.querySelector<HTMLElement>('.grid-body');
    if (body === null) throw new Error('no grid');
    const header = document.querySelector<HTMLElement>('.grid-header')?.offsetHeight ?? 0;
    const count = Number(document.querySelector('.grid')?.getAttribute('aria-rowcount'));
    const rowsCount = body.querySelector('.grid-space') === null ? count : count - 1;
    body.scrollTop = f * (body.scrollHeight - body.clientHeight);
    return Math.floor((f * (rowsCount * 30 - (body.clientHeight - header))) / 30);
  }, fraction);
}

/** Waits until a row near `index` is drawn (by its row index, or its source row number in a
 * grid build without row indexes), with every drawn row's data. */
async function waitRowNear(page: Page, index: number): Promise<void> {
  await page.waitForFunction(
    (row) =>
      [...document.querySelectorAll('.grid-row')].some((r) => {
        const at = r.getAttribute('aria-rowindex') ?? r.querySelector('.row-number')?.textContent;
        return Math.abs(Number(at) - (row + 2)) < 40;
      }),
    index,
    { timeout: 60_000, polling: 'raf' },
  );
  await waitDrawn(page);
}

const startedLoad = load();
if (values.project !== undefined) {
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(join(dataDir, 'projects'), { recursive: true });
  await copyFile(resolve(values.project), projectPath);
  console.log(`measuring a copy of ${values.project}`);
} else if (values.reuse === true && existsSync(projectPath)) console.log(`reusing ${projectPath}`);
else await buildProject();

// The renderer the browser host serves is the one vite builds into dist/renderer (as `npm run
// serve` does): build it, so the bench measures this checkout's UI on a fresh clone too.
if (values.renderer === undefined)
  await build({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });

const server = spawn(
  process.execPath,
  [
    join(root, 'node_modules/tsx/dist/cli.mjs'),
    join(root, 'electron/serve/serve-main.ts'),
    '--data-dir',
    dataDir,
    ...(values.renderer === undefined ? [] : ['--renderer', resolve(values.renderer)]),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise<string>((resolveUrl) => {
  let out = '';
  server.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const found = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/m.exec(out)?.[1];
    if (found !== undefined) resolveUrl(found);
  });
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  console.log(`load average before: ${startedLoad}`);

  // Open.
  const openStart = Date.now();
  const clickedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: '打开' }).first().click();
  await page.locator('.grid [role=gridcell]').first().waitFor({ timeout: 600_000 });
  await waitDrawn(page, 600_000);
  const drawnAfter = Date.now() - openStart;
  await page.locator('.quality-chart .bar-row').first().waitFor({ timeout: 600_000 });
  console.log(
    `open project until the first rows are drawn: ${drawnAfter} ms; until the quality summary is shown: ${Date.now() - openStart} ms`,
  );
  const calls = await page.evaluate(
    (since) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/call/') && e.startTime >= since)
        .map((e) => ({
          channel: e.name.replace(/^.*\/api\/call\//, ''),
          start: Math.round(e.startTime - since),
          ms: Math.round(e.duration),
        })),
    clickedAt,
  );
  console.log(
    `  engine calls during the open (start after click +duration): ${calls
      .slice(0, 8)
      .map((c) => `${c.channel} @${c.start} +${c.ms}`)
      .join(', ')}`,
  );
  await watchLongTasks(page);

  // Jumps.
  const jumps: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const t0 = Date.now();
    const target = await scrollToFraction(page, Math.random());
    await waitRowNear(page, target);
    jumps.push(Date.now() - t0);
  }
  console.log(
    `jump to a random scrollbar position until drawn: median ${percentile(jumps, 50)} ms, p95 ${percentile(jumps, 95)} ms (30 jumps); ${await takeLongTasks(page)}`,
  );

  // Filter on and off.
  const filterOn: number[] = [];
  const filterOff: number[] = [];
  await scrollToFraction(page, 0);
  await waitDrawn(page);
  for (let i = 0; i < 5; i += 1) {
    const t0 = Date.now();
    await page.getByLabel('只看有问题的行').check();
    await page.waitForFunction(
      (n) => {
        const grid = document.querySelector('.grid');
        const count = Number(grid?.getAttribute('aria-rowcount'));
        return (grid?.querySelector('.grid-space') === null ? count : count - 1) < n;
      },
      rows,
      { polling: 'raf' },
    );
    await waitDrawn(page);
    filterOn.push(Date.now() - t0);
    const t1 = Date.now();
    await page.getByLabel('只看有问题的行').uncheck();
    await page.waitForFunction(
      (n) => {
        const grid = document.querySelector('.grid');
        const count = Number(grid?.getAttribute('aria-rowcount'));
        return (grid?.querySelector('.grid-space') === null ? count : count - 1) === n;
      },
      rows,
      { polling: 'raf' },
    );
    await waitDrawn(page);
    filterOff.push(Date.now() - t1);
  }
  console.log(
    `filter to rows with issues until drawn: median ${percentile(filterOn, 50)} ms, max ${Math.max(...filterOn)} ms; back to all rows: median ${percentile(filterOff, 50)} ms, max ${Math.max(...filterOff)} ms (5 runs each); ${await takeLongTasks(page)}`,
  );

  // A fast wheel fling over the grid, 60 wheel turns of 40 rows each as fast as they come.
  const box = await page.locator('.grid-body').boundingBox();
  if (box === null) throw new Error('no grid body');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // A string, not a function: the bundler would wrap a named callback in a helper the page lacks.
  await page.evaluate(`(() => {
    window.frames_ = [];
    window.isFlinging = true;
    const tick = (time) => {
      window.frames_.push(time);
      if (window.isFlinging) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const firstRow = async () =>
    page.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll('.grid-row .row-number')]
          .map((c) => Number(c.textContent))
          .filter((n) => Number.isFinite(n)),
      ),
    );
  const flingFrom = await firstRow();
  const flingStart = Date.now();
  for (let i = 0; i < 60; i += 1) await page.mouse.wheel(0, 1200);
  const flingSent = Date.now();
  await waitDrawn(page);
  const settled = Date.now() - flingSent;
  const frames = await page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; isFlinging: boolean };
    w.isFlinging = false;
    return w.frames_.slice(1).map((t, i) => t - (w.frames_[i] ?? t));
  });
  const flingTo = await firstRow();
  console.log(
    `wheel fling (60 turns of 1200 px in ${flingSent - flingStart} ms, rows ${flingFrom} -> ${flingTo}): ${frames.length} frames, p95 frame ${Math.round(percentile(frames, 95))} ms, ${frames.filter((f) => f > 50).length} frames over 50 ms; all rows drawn ${settled} ms after the last turn; ${await takeLongTasks(page)}`,
  );

  // Keyboard: PageDown from a cell, then Ctrl+End.
  await page.locator('.grid [role=gridcell]').nth(1).click();
  const hasCells = (await page.locator('.grid .grid-cell.active').count()) > 0;
  if (!hasCells) console.log('keyboard: this grid build has no active cell; not measured');
  else {
    // From the top: the fling may have ended near the last row, where PageDown moves nothing.
    await page.keyboard.press('Control+Home');
    await waitRowNear(page, 0);
    const downs: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const before = await page.evaluate(
        () =>
          document
            .querySelector('.grid .grid-cell.active')
            ?.closest('.grid-row')
            ?.getAttribute('data-row') ?? '',
      );
      const t0 = Date.now();
      await page.keyboard.press('PageDown');
      await page.waitForFunction(
        (row) => {
          const active = document.querySelector('.grid .grid-cell.active')?.closest('.grid-row');
          return active !== null && active !== undefined && active.getAttribute('data-row') !== row;
        },
        before,
        { polling: 'raf' },
      );
      await waitDrawn(page);
      downs.push(Date.now() - t0);
    }
    const t0 = Date.now();
    await page.keyboard.press('Control+End');
    await page.waitForFunction(
      (n) =>
        document
          .querySelector('.grid .grid-cell.active')
          ?.closest('.grid-row')
          ?.getAttribute('data-row') === n,
      String(rows - 1),
      { polling: 'raf' },
    );
    await waitDrawn(page);
    console.log(
      `PageDown from a cell until drawn: median ${percentile(downs, 50)} ms, p95 ${percentile(downs, 95)} ms (30 presses); Ctrl+End to row ${rows.toLocaleString('en-US')}: ${Date.now() - t0} ms; ${await takeLongTasks(page)}`,
    );
  }

  // Single-cell edits in the grid, as a clerk makes them: double-click, type, Enter, until the
  // new value is drawn (the engine has answered).
  await page.keyboard.press('Control+Home');
  await waitRowNear(page, 0);
  const edits: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const cell = page.locator('.grid-row [data-field="XM"]').nth(i % 5);
    const value = `改名${i}`;
    const t0 = Date.now();
    await cell.dblclick();
    await cell.locator('input').fill(value);
    await cell.locator('input').press('Enter');
    await page.waitForFunction(
      (v) =>
        [...document.querySelectorAll('.grid-row [data-field="XM"]')].some(
          (c) => c.textContent?.includes(v) === true && c.querySelector('input') === null,
        ),
      value,
      { polling: 'raf', timeout: 60_000 },
    );
    edits.push(Date.now() - t0);
  }
  console.log(
    `edit a cell until the new value is drawn: median ${percentile(edits, 50)} ms, p95 ${percentile(edits, 95)} ms (10 edits); ${await takeLongTasks(page)}`,
  );

  // 查找: the engine searches every row; the grid jumps to the match and draws it.
  const findStatus = page.locator('.grid-find .find-status');
  const findBox = page.getByRole('searchbox', { name: '查找' });
  await page.keyboard.press('Control+Home');
  await waitRowNear(page, 0);
  await findBox.fill('牡丹区');
  const finds: number[] = [];
  const findStep = async (press: () => Promise<void>, expected: (text: string) => boolean) => {
    const before = await findStatus.innerText();
    const t0 = Date.now();
    await press();
    await page
      .waitForFunction(
        (before) => {
          const text = document.querySelector('.grid-find .find-status')?.textContent ?? '';
          return text.startsWith('第') && text !== before;
        },
        before,
        { polling: 'raf', timeout: 300_000 },
      )
      .catch(async (error: unknown) => {
        await page.screenshot({ path: join(root, '.bench', 'find-failed.png') });
        throw new Error(`查找 said "${await findStatus.innerText()}"`, { cause: error });
      });
    await waitDrawn(page, 600_000);
    const text = await findStatus.innerText();
    if (!expected(text)) throw new Error(`查找 said "${text}"`);
    finds.push(Date.now() - t0);
    return text;
  };
  const firstFound = await findStep(
    () => findBox.press('Enter'),
    (text) => text.startsWith('第 1 /'),
  );
  for (let i = 0; i < 5; i += 1)
    await findStep(
      () => page.getByRole('button', { name: '下一个' }).click(),
      (text) => text.startsWith(`第 ${i + 2} /`),
    );
  for (let i = 0; i < 5; i += 1)
    await findStep(
      () => page.getByRole('button', { name: '上一个' }).click(),
      () => true,
    );
  const wrapped = await findStep(
    () => page.getByRole('button', { name: '上一个' }).click(),
    (text) => text.includes('从末尾继续'),
  );
  const findLongest = await takeLongTasks(page);
  const findLongestTaskMs = lastLongestMs;
  console.log(
    `find a common text in all columns until the match is drawn: first ${finds[0]} ms (${firstFound}), next/previous median ${percentile(finds.slice(1), 50)} ms, previous round to the last match ${finds.at(-1)} ms (${wrapped}); ${findLongest}`,
  );
  await findBox.fill('');

  // Sort by a header click: ascending, descending, the original order.
  const sortHeader = page.getByRole('columnheader', { name: /出生日期/ });
  const sorts: number[] = [];
  for (const expected of ['ascending', 'descending', null]) {
    const t0 = Date.now();
    await sortHeader.getByRole('button', { name: /^出生日期/ }).click();
    await page.waitForFunction(
      (sort) =>
        document
          .querySelector('.grid [role=columnheader][data-field="CSRQ"]')
          ?.getAttribute('aria-sort') === sort &&
        document.querySelector('.grid[aria-busy="true"]') === null,
      expected,
      { polling: 'raf', timeout: 600_000 },
    );
    await waitDrawn(page, 600_000);
    sorts.push(Date.now() - t0);
  }
  const sortLongest = await takeLongTasks(page);
  const sortLongestTaskMs = lastLongestMs;
  console.log(
    `sort by 出生日期 until drawn: ascending ${sorts[0]} ms, descending ${sorts[1]} ms, original order ${sorts[2]} ms; ${sortLongest}`,
  );

  if (values.screenshots !== undefined) {
    const dir = resolve(values.screenshots);
    await mkdir(dir, { recursive: true });
    if (hasCells) {
      await page.keyboard.press('Control+Home');
      await waitRowNear(page, 0);
    }
    await waitRowNear(page, await scrollToFraction(page, 0.5));
    await page.locator('.grid .grid-cell:not(.row-number)').nth(40).hover();
    await page.screenshot({ path: join(dir, `grid-${rows}-middle.png`) });
    await page.getByLabel('只看有问题的行').check();
    await page.waitForFunction((n) => {
      const grid = document.querySelector('.grid');
      const count = Number(grid?.getAttribute('aria-rowcount'));
      return count > 1 && count - 1 < n && grid?.getAttribute('aria-busy') !== 'true';
    }, rows);
    await waitRowNear(page, await scrollToFraction(page, 0.5));
    await page.screenshot({ path: join(dir, `grid-${rows}-filtered-middle.png`) });
    console.log(`screenshots in ${dir}`);
  }
  console.log(`rows in the grid: ${(await rowCount(page)).toLocaleString('en-US')}`);
  console.log(`load average after: ${load()}`);
  console.log(
    `BENCH_BROWSER ${JSON.stringify({
      longestTaskMs: Math.round(longestTaskMs),
      findLongestTaskMs: Math.round(findLongestTaskMs),
      findMs: finds[0],
      sortLongestTaskMs: Math.round(sortLongestTaskMs),
      sortMs: sorts[0],
    })}`,
  );
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
