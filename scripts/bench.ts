/**
 * `npm run bench`: the numbers of issue #11's table on the register `steward demo-data` makes,
 * each step in its own process as a user (or the app's engine) runs it. Every time is also given
 * as a multiple of REF, `sha256sum` of the step's input file measured in the same run, beside its
 * peak memory (max RSS of the process that ran the step) and the goal, met or not. The table is
 * printed and written as JSON to .bench/results-<timestamp>.json.
 *
 *   npm run bench                                  # 100,000 and 1,000,000 rows, every step
 *   npm run bench -- --rows 100000                 # one size (repeatable)
 *   npm run bench -- --steps package,edit          # some steps: package, import-csv,
 *                                                  #   import-xlsx, edit, reopen, browser, pandas
 *   npm run bench -- --no-browser                  # skip the Chromium step (said in the table)
 *   npm run bench -- --pandas-rows 300000 --edits 50
 *
 * `steward package` runs as the installed app ships it: the bundles are built once per run into
 * <bench-dir>/app (scripts/write-app-bundles.ts) and the command line's bundle runs under plain
 * Node (scripts/bench-steward.ts), so no tsx compilation is timed; its CPU time is printed too.
 *
 * The pandas step compares `steward package` with scripts/pandas-baseline.py on one CSV of
 * --pandas-rows rows; it runs when a python3 with pandas is found (Debian's python3-pandas).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeXlsxFromCsv } from './bench-import.ts';
import { bundledSteward, stewardBundlePath } from './bench-steward.ts';
import { writeAppBundles } from './write-app-bundles.ts';
import {
  browserRows,
  formatBenchTable,
  formatBytes,
  isGoalMet,
  parseSteps,
  percentile,
  ratioToRef,
  type BenchRow,
} from './bench-report.ts';

const root = resolve(import.meta.dirname, '..');
const gb = 1024 * 1024 * 1024;

/** What one process did: wall time, peak memory, exit code, and the stats line it printed. */
interface ProcessResult {
  readonly seconds: number;
  readonly maxRssBytes: number | undefined;
  readonly exitCode: number;
  readonly stats: Record<string, unknown>;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command, timing it; reads the `<tag> {json}` line it prints on stderr or stdout. */
function run(
  command: string,
  argv: readonly string[],
  options: { tag?: string; env?: Record<string, string>; onLine?: (line: string) => void } = {},
): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, argv, {
      cwd: root,
      env: { ...process.env, STEWARD_STATS: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.onLine === undefined) return;
      partial += chunk.toString();
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const tag = `${options.tag ?? 'STEWARD_STATS'} `;
      const line = `${stderr}\n${stdout}`.split('\n').find((l) => l.startsWith(tag));
      const stats = line === undefined ? {} : (JSON.parse(line.slice(tag.length)) as object);
      const rss = (stats as { maxRssBytes?: unknown }).maxRssBytes;
      resolvePromise({
        seconds,
        maxRssBytes: typeof rss === 'number' ? rss : undefined,
        exitCode: code ?? -1,
        stats: stats as Record<string, unknown>,
        stdout,
        stderr,
      });
    });
  });
}

const steward = (args: readonly string[]) =>
  run(process.execPath, [join(root, 'bin/steward.js'), ...args], {
    env: { STEWARD_TEMPLATES_DIR: templatesDir },
  });
/** The app's bundles, written once per run into the bench folder (what the installed app runs). */
let bundledApp: Promise<string> | undefined;
/** `steward` as the installed app runs it: the built command line bundle under plain Node. */
const shippedSteward = async (args: readonly string[]) => {
  bundledApp ??= (async () => {
    const appDir = join(benchDir, 'app');
    const started = Date.now();
    await writeAppBundles(appDir);
    console.log(`built the app's bundles in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return stewardBundlePath(appDir);
  })();
  const { argv, env } = bundledSteward(await bundledApp, args);
  return run(process.execPath, argv, { env: { STEWARD_TEMPLATES_DIR: templatesDir, ...env } });
};
const script = (path: string, args: readonly string[], options: Parameters<typeof run>[2] = {}) =>
  run(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, path), ...args],
    options,
  );

/** Why a process's numbers are not the step's: a refusal or a crash, with its last words. */
function failureNote(result: ProcessResult, okCodes: readonly number[] = [0]): string | undefined {
  if (okCodes.includes(result.exitCode)) return undefined;
  const last = result.stderr.trim().split('\n').slice(-3).join(' | ');
  process.stderr.write(`step failed (exit ${result.exitCode}):\n${result.stderr}\n`);
  return `failed (exit ${result.exitCode}): ${last.slice(0, 60)}`;
}

/** sha256sum of a file, the median of three runs (the first one also warms the page cache). */
async function measureRef(file: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const result = await run('sha256sum', [file]);
    if (result.exitCode !== 0) throw new Error(`sha256sum ${file} failed: ${result.stderr}`);
    times.push(result.seconds);
  }
  return percentile(times, 50);
}

/** The demo register of `rows` rows, written once by `steward demo-data` and kept. */
async function demoCsv(rows: number): Promise<string> {
  const csv = join(benchDir, `demo-${rows}.csv`);
  if (existsSync(csv)) return csv;
  const made = await steward([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    String(rows),
    '--seed',
    '7',
    '--error-rate',
    '0.05',
    '--today',
    '2026-11-26',
    '--out',
    csv,
  ]);
  if (made.exitCode !== 0) throw new Error(`steward demo-data failed:\n${made.stderr}`);
  console.log(`wrote ${csv} in ${made.seconds.toFixed(1)} s`);
  return csv;
}

/** The mapping template, saved once by `steward map --save-template` from a demo file. */
async function savedTemplate(csv: string): Promise<string> {
  const template = join(benchDir, 'demo-template.json');
  if (existsSync(template)) return template;
  const saved = await steward([
    'map',
    csv,
    '--pack',
    'pop-base',
    '--save-template',
    template,
    '--name',
    '基准测试',
  ]);
  if (saved.exitCode !== 0) throw new Error(`steward map --save-template failed:\n${saved.stderr}`);
  return template;
}

/** `steward package` of a CSV with the saved template, end to end (a zip in a fresh folder). */
async function runPackage(csv: string, template: string, rows: number): Promise<ProcessResult> {
  const out = join(benchDir, `package-${rows}`);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  // Exit 1 is "written, with data problems listed"; the demo data carries injected problems.
  const result = await shippedSteward([
    'package',
    csv,
    '--pack',
    'pop-base',
    '--template',
    template,
    '--kind',
    'share',
    '--out',
    out,
    '--department',
    '基准测试',
    '--period',
    'bench',
    '--on-error',
    'exclude',
    '--created',
    '2026-11-26T10:00:00+08:00',
  ]);
  const cpu = result.stats.cpuSeconds;
  if (typeof cpu === 'number')
    console.log(`  steward package ${rows} rows: CPU ${cpu.toFixed(2)} s (user + system)`);
  return result;
}

/** A python3 that has pandas: the one on PATH, else Debian's. */
function findPandasPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import pandas'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', multiple: true },
    steps: { type: 'string', multiple: true },
    'no-browser': { type: 'boolean' },
    edits: { type: 'string' },
    'pandas-rows': { type: 'string' },
    'bench-dir': { type: 'string' },
  },
});
const benchDir = resolve(values['bench-dir'] ?? join(root, '.bench'));
const templatesDir = join(benchDir, 'templates');
const dataDir = join(benchDir, 'data');
const sizes = (values.rows ?? ['100000', '1000000']).map(Number);
const steps = parseSteps(values.steps);
const edits = Number(values.edits ?? '50');
const pandasRows = Number(values['pandas-rows'] ?? '300000');
if ([...sizes, edits, pandasRows].some((n) => !Number.isInteger(n) || n <= 0))
  throw new Error('--rows, --edits and --pandas-rows take positive whole numbers');

await mkdir(benchDir, { recursive: true });
const startedAt = new Date();
console.log(
  `bench: node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, ${startedAt.toISOString()}`,
);
const results: BenchRow[] = [];
const refs: { file: string; bytes: number; seconds: number }[] = [];
const refOf = async (file: string): Promise<number> => {
  const seconds = await measureRef(file);
  refs.push({ file, bytes: (await stat(file)).size, seconds });
  console.log(
    `REF sha256sum ${file}: ${seconds.toFixed(3)} s (${formatBytes((await stat(file)).size)})`,
  );
  return seconds;
};
const add = (row: BenchRow): void => {
  results.push(row);
  console.log(formatBenchTable([row]).split('\n')[2]);
};

for (const rows of sizes) {
  const csv = await demoCsv(rows);
  const template = await savedTemplate(csv);
  const csvRef = await refOf(csv);
  const projectName = `demo-${rows}-csv`;

  if (steps.has('package')) {
    const result = await runPackage(csv, template, rows);
    add({
      step: 'steward package (csv, template)',
      rows,
      seconds: result.seconds,
      refSeconds: csvRef,
      ...(result.maxRssBytes === undefined ? {} : { peakBytes: result.maxRssBytes }),
      goal: { maxRatio: 15, maxPeakBytes: 1.0 * gb },
      ...optionalNote(failureNote(result, [0, 1])),
    });
  }
  const needsProject = steps.has('edit') || steps.has('reopen') || steps.has('browser');
  const projectPath = join(dataDir, 'projects', `${projectName}.dsw`);
  if (steps.has('import-csv') || (needsProject && !existsSync(projectPath))) {
    const result = await script('scripts/bench-project.ts', [
      'import',
      csv,
      dataDir,
      projectName,
      template,
    ]);
    add({
      step: 'import csv into a project',
      rows,
      seconds: result.seconds,
      refSeconds: csvRef,
      ...(result.maxRssBytes === undefined ? {} : { peakBytes: result.maxRssBytes }),
      goal: { maxRatio: 20, maxPeakBytes: 1.2 * gb },
      ...optionalNote(failureNote(result)),
    });
  }
  if (steps.has('import-xlsx')) {
    const xlsx = join(benchDir, `demo-${rows}.xlsx`);
    if (!existsSync(xlsx)) {
      const started = Date.now();
      await writeXlsxFromCsv(csv, xlsx);
      console.log(`wrote ${xlsx} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const xlsxRef = await refOf(xlsx);
    const result = await script('scripts/bench-project.ts', [
      'import',
      xlsx,
      dataDir,
      `demo-${rows}-xlsx`,
      template,
    ]);
    add({
      step: 'import xlsx into a project',
      rows,
      seconds: result.seconds,
      refSeconds: xlsxRef,
      ...(result.maxRssBytes === undefined ? {} : { peakBytes: result.maxRssBytes }),
      goal: { maxRatio: 50 },
      ...optionalNote(failureNote(result)),
    });
  }
  if (steps.has('edit')) {
    const result = await script('scripts/bench-project.ts', [
      'edit',
      dataDir,
      projectName,
      String(edits),
    ]);
    const samples = Array.isArray(result.stats.editsMs) ? (result.stats.editsMs as number[]) : [];
    add({
      step: `cell edit on disk (${edits} edits)`,
      rows,
      p50Ms: percentile(samples, 50),
      p95Ms: percentile(samples, 95),
      ...(result.maxRssBytes === undefined ? {} : { peakBytes: result.maxRssBytes }),
      goal: { maxMs: 50, isP95: true },
      ...optionalNote(failureNote(result)),
    });
  }
  if (steps.has('reopen')) {
    const result = await script('scripts/bench-project.ts', ['reopen', dataDir, projectName]);
    const ms = typeof result.stats.firstPageMs === 'number' ? result.stats.firstPageMs : undefined;
    add({
      step: 'reopen until the first page',
      rows,
      ...(ms === undefined ? {} : { seconds: ms / 1000 }),
      refSeconds: csvRef,
      ...(result.maxRssBytes === undefined ? {} : { peakBytes: result.maxRssBytes }),
      goal: { maxMs: 5000 },
      ...optionalNote(failureNote(result)),
    });
  }
  if (steps.has('browser')) {
    if (values['no-browser'] === true) {
      add({
        step: 'UI longest task (browser)',
        rows,
        note: 'skipped (--no-browser)',
        goal: { maxMs: 100 },
      });
    } else {
      const result = await script(
        'scripts/bench-browser.ts',
        ['--rows', String(rows), '--project', projectPath],
        { tag: 'BENCH_BROWSER', onLine: (line) => console.log(`  browser: ${line}`) },
      );
      for (const row of browserRows(rows, result.stats, failureNote(result))) add(row);
    }
  }
}

if (steps.has('pandas')) {
  const csv = await demoCsv(pandasRows);
  const template = await savedTemplate(csv);
  const ref = await refOf(csv);
  const python = findPandasPython();
  const pandas =
    python === undefined
      ? undefined
      : await run(
          python,
          [
            join(root, 'scripts/pandas-baseline.py'),
            csv,
            join(benchDir, `pandas-${pandasRows}.csv`),
          ],
          {
            tag: 'PANDAS_STATS',
          },
        );
  const result = await runPackage(csv, template, pandasRows);
  const pandasNote = pandas === undefined ? undefined : failureNote(pandas);
  const hasPandas = pandas !== undefined && pandasNote === undefined;
  add({
    step: 'steward package vs pandas',
    rows: pandasRows,
    seconds: result.seconds,
    refSeconds: ref,
    ...(result.maxRssBytes === undefined ? {} : { peakBytes: result.maxRssBytes }),
    ...(hasPandas ? { goal: { maxSeconds: { seconds: pandas.seconds, label: 'pandas' } } } : {}),
    ...optionalNote(failureNote(result, [0, 1])),
  });
  add({
    step: 'pandas baseline (part of the job)',
    rows: pandasRows,
    ...(pandas === undefined
      ? { note: 'pandas is not installed (apt-get install python3-pandas)' }
      : {
          seconds: pandas.seconds,
          refSeconds: ref,
          ...(pandas.maxRssBytes === undefined ? {} : { peakBytes: pandas.maxRssBytes }),
          ...optionalNote(pandasNote),
        }),
  });
  if (hasPandas)
    console.log(
      `steward package / pandas at ${pandasRows.toLocaleString('en-US')} rows: ${(result.seconds / pandas.seconds).toFixed(2)} x`,
    );
}

function optionalNote(note: string | undefined): { note?: string } {
  return note === undefined ? {} : { note };
}

console.log(`\n${formatBenchTable(results)}`);
const refLines = refs.map(
  (r) => `REF = sha256sum ${r.file} (${formatBytes(r.bytes)}): ${r.seconds.toFixed(3)} s`,
);
console.log(refLines.join('\n'));
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const jsonPath = join(benchDir, `results-${stamp}.json`);
await writeFile(
  jsonPath,
  `${JSON.stringify(
    {
      startedAt: startedAt.toISOString(),
      node: process.version,
      load: loadavg(),
      command: process.argv.slice(2),
      refs,
      results: results.map((row) => ({
        ...row,
        ratio: ratioToRef(row.seconds, row.refSeconds),
        isGoalMet: isGoalMet(row),
      })),
    },
    null,
    2,
  )}\n`,
);
console.log(`results: ${jsonPath}`);
// A step that failed is a broken bench, not a slow one: say so in the exit code.
const failed = results.filter((row) => row.note?.startsWith('failed') === true);
if (failed.length > 0) {
  console.log(`steps that failed: ${failed.map((row) => row.step).join(', ')}`);
  process.exitCode = 1;
}
