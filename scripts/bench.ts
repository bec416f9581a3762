/**
 * `npm run bench`: times the headless steps on generated demo data and prints rows/s and peak
 * memory (max RSS of the child process that ran the step). Each step runs in its own process,
 * exactly as a user runs it: `node bin/steward.js ...`.
 *
 *   npm run bench                 # 100k and 1M rows (then the importer alone, CSV and xlsx)
 *   npm run bench -- --rows 100000
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, '.bench');

interface StepResult {
  readonly seconds: number;
  readonly maxRssBytes: number;
  readonly exitCode: number;
}

/** Runs `steward <args>` with its stdout discarded; reads the stats line the CLI prints on exit. */
function runSteward(args: readonly string[]): Promise<StepResult> {
  return runNode([join(root, 'bin/steward.js'), ...args]);
}

/** Runs a TypeScript script through tsx, likewise. */
function runScript(script: string, args: readonly string[]): Promise<StepResult> {
  return runNode([join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, script), ...args]);
}

/** Runs node with the arguments in its own process and reads the STEWARD_STATS line it prints. */
function runNode(argv: readonly string[]): Promise<StepResult> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, {
      env: { ...process.env, STEWARD_STATS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = stderr.split('\n').find((l) => l.startsWith('STEWARD_STATS '));
      const stats = line
        ? (JSON.parse(line.slice('STEWARD_STATS '.length)) as { maxRssBytes: number })
        : undefined;
      if (stats === undefined) {
        reject(new Error(`${argv.join(' ')} printed no stats:\n${stderr}`));
        return;
      }
      resolvePromise({ seconds, maxRssBytes: stats.maxRssBytes, exitCode: code ?? -1 });
    });
  });
}

function report(step: string, rows: number, result: StepResult): void {
  const rate = Math.round(rows / result.seconds).toLocaleString('en-US');
  const mb = (result.maxRssBytes / 1024 / 1024).toFixed(0);
  console.log(
    `${step.padEnd(28)} ${rows.toLocaleString('en-US').padStart(10)} rows  ${result.seconds.toFixed(2).padStart(7)} s  ${rate.padStart(10)} rows/s  peak ${mb.padStart(5)} MB  (exit ${result.exitCode})`,
  );
}

const { values } = parseArgs({ options: { rows: { type: 'string', multiple: true } } });
const sizes = (values.rows ?? ['100000', '1000000']).map(Number);
await mkdir(benchDir, { recursive: true });
console.log(`bench: node ${process.version}, ${new Date().toISOString()}`);
for (const rows of sizes) {
  const csv = join(benchDir, `pop-demo-${rows}.csv`);
  const common = ['--today', '2026-11-26'];
  report(
    'demo-data (write csv)',
    rows,
    await runSteward([
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      String(rows),
      '--seed',
      '7',
      '--error-rate',
      '0.05',
      '--out',
      csv,
      ...common,
    ]),
  );
  report(
    'validate --format json',
    rows,
    await runSteward(['validate', csv, '--pack', 'pop-base', '--format', 'json', ...common]),
  );
  report(
    'import into workspace (.dsw)',
    rows,
    await runScript('scripts/bench-workspace-import.ts', [
      csv,
      join(benchDir, `pop-demo-${rows}.dsw`),
    ]),
  );
}

// The importer alone, CSV and xlsx at the same sizes (its own script writes the files).
console.log('\nimport (steward inspect reads every row):');
spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/tsx/dist/cli.mjs'),
    join(root, 'scripts/bench-import.ts'),
    ...sizes.flatMap((rows) => ['--rows', String(rows)]),
  ],
  { stdio: 'inherit' },
);
