/**
 * Browser-mode benchmark: how the 检查与修正 grid responds on a large project. Builds a project
 * of N demo rows (default 1,000,000) in a scratch data folder, starts browser mode on it, opens
 * it in Debian's Chromium, then measures (a) jumps to random scroll positions until the rows
 * there are drawn, (b) switching the issue filter on and off, (c) the longest main-thread task.
 *
 *   npx tsx scripts/bench-browser.ts --rows 1000000
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { createDemo } from '../shared/demo/create-demo.ts';
import { matchColumnsExactly } from '../shared/mapping/match-columns-exactly.ts';
import { findBundledPack } from '../shared/packs/index.ts';
import { writeDemoData } from '../electron/engine/demo/write-demo-data.ts';
import { openTable } from '../electron/engine/import/open-workbook.ts';
import { Workspace } from '../electron/engine/workspace/workspace.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { rows: { type: 'string' } } });
const rows = Number(values.rows ?? '1000000');
const dataDir = join(root, '.bench', `browser-${rows}`);
const csv = join(root, '.bench', `browser-demo-${rows}.csv`);

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

const pack = findBundledPack('pop-base');
if (pack === undefined) throw new Error('pop-base is bundled');
await rm(dataDir, { recursive: true, force: true });
await mkdir(join(dataDir, 'projects'), { recursive: true });
const started = Date.now();
const options = { rows, seed: 99, errorRate: 0.05, today: '2026-11-26' };
const generator = createDemo(pack, options);
if (!generator.ok) throw new Error(generator.error.message.en);
await writeDemoData(generator.value, options, csv);
const project = await Workspace.create(join(dataDir, 'projects', 'bench.dsw'), {
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

const server = spawn(
  process.execPath,
  [
    join(root, 'node_modules/tsx/dist/cli.mjs'),
    join(root, 'electron/serve/serve-main.ts'),
    '--data-dir',
    dataDir,
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
  const openStart = Date.now();
  await page.getByRole('button', { name: '打开' }).first().click();
  await page.locator('.grid [role=gridcell]').first().waitFor({ timeout: 600_000 });
  console.log(`open project and draw the first rows: ${Date.now() - openStart} ms`);
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        (window as unknown as { longTasks: number[] }).longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const jumps: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const target = Math.floor(Math.random() * (rows - 50));
    const t0 = Date.now();
    await page.evaluate((row) => {
      const body = document.querySelector('.grid-body');
      if (body !== null) body.scrollTop = row * 30;
    }, target);
    await page.waitForFunction(
      (row) =>
        document.querySelector(`.grid-row .row-number`)?.textContent !== '…' &&
        [...document.querySelectorAll('.grid-row .row-number')].some(
          (c) => Math.abs(Number(c.textContent) - (row + 2)) < 60,
        ),
      target,
      { timeout: 60_000 },
    );
    jumps.push(Date.now() - t0);
  }
  const filters: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const t0 = Date.now();
    await page.getByLabel('只看有问题的行').check();
    await page.waitForFunction(
      (n) => Number(document.querySelector('.grid')?.getAttribute('aria-rowcount')) < n,
      rows,
    );
    await page.locator('.grid [role=gridcell]').first().waitFor();
    filters.push(Date.now() - t0);
    await page.getByLabel('只看有问题的行').uncheck();
    await page.waitForFunction(
      (n) => Number(document.querySelector('.grid')?.getAttribute('aria-rowcount')) === n,
      rows,
    );
  }
  const longTasks = await page.evaluate(
    () => (window as unknown as { longTasks: number[] }).longTasks,
  );
  console.log(
    `scroll jump to a random row until drawn: median ${percentile(jumps, 50)} ms, p95 ${percentile(jumps, 95)} ms (30 jumps)`,
  );
  console.log(
    `filter to rows with issues, drawn: median ${percentile(filters, 50)} ms, max ${Math.max(...filters)} ms (5 runs)`,
  );
  console.log(
    `main-thread long tasks (>50 ms) during the runs: ${longTasks.length}, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
  );
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
