/**
 * The fuzz run: seeded mutations of the corpus and of generated files (a register as CSV and
 * xlsx, a sealed package, an error workbook), each fed to the `steward` verb that reads it
 * (inspect and validate, verify, merge) in this process, exactly as `bin/steward.js` runs them.
 *
 *   npm run fuzz -- --seed 7 --cases 2000 [--only 123] [--keep dir]
 *
 * It prints one JSON line per case on stdout (`{"type":"case",...}`) and a last summary line
 * with the peak memory. A case fails when the verb throws (exit 3 from the command line), ends
 * with an unhandled rejection, exits with a code outside 0/1/2, prints a stack trace, prints
 * anything but one JSON document under `--format json`, or ends in the reader's stall timeout.
 * A case that never ends is caught by whoever runs this (test/integration/fuzz.test.ts): the
 * line `{"type":"start"}` names it. Replay one case with `--seed S --only N`.
 */
import { writeSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as XLSX from 'xlsx';
import { main } from '../electron/cli/main.ts';
import { createRandom, type Random } from '../shared/demo/random.ts';
import { createPackWorkspace } from '../test/helpers/create-pack-workspace.ts';
import { mutateInput } from './fuzz/mutate-input.ts';
import { peakRssBytes } from './peak-rss.ts';

const repoRoot = resolve(import.meta.dirname, '..');

/** What a case fed to which verb. */
type Target = 'table' | 'package' | 'error-workbook';

interface Seed {
  readonly target: Target;
  readonly path: string;
}

interface VerbRun {
  readonly args: readonly string[];
  readonly code: number;
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly threw?: string;
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261206' },
    cases: { type: 'string', default: '240' },
    only: { type: 'string' },
    keep: { type: 'string' },
    corpus: { type: 'string', default: resolve(repoRoot, '../shared/corpus') },
  },
});
const seed = Number(values.seed);
const cases = Number(values.cases);
if (!Number.isInteger(seed) || !Number.isInteger(cases) || cases < 1) {
  throw new Error('--seed and --cases take whole numbers');
}

/** Writes one JSON line to the real stdout, past the capture the verbs write through. */
function report(line: object): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

/** A stray error raised while a verb ran: it belongs to that case. Outside a verb it is ours. */
let pendingFault: string | undefined;
let isVerbRunning = false;
function strayError(kind: string, error: unknown): void {
  const text = `${kind}: ${error instanceof Error ? error.stack : String(error)}`;
  if (!isVerbRunning) {
    report({ type: 'driver-error', error: text });
    process.exit(1);
  }
  pendingFault ??= text;
}
process.on('unhandledRejection', (reason) => strayError('unhandled rejection', reason));
process.on('uncaughtException', (error) => strayError('uncaught exception', error));

/** Runs a verb in this process with its output captured, as `bin/steward.js` would run it. */
async function runVerb(args: readonly string[]): Promise<VerbRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  const capture =
    (into: string[]) =>
    (chunk: string | Uint8Array): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
  process.stdout.write = capture(stdout) as typeof process.stdout.write;
  process.stderr.write = capture(stderr) as typeof process.stderr.write;
  const started = performance.now();
  isVerbRunning = true;
  let code: number;
  let threw: string | undefined;
  try {
    code = await main(args);
  } catch (error) {
    code = 3;
    threw = error instanceof Error ? (error.stack ?? error.message) : String(error);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  // Let a stray rejection of this case surface before the next case starts.
  await new Promise((r) => setTimeout(r, 0));
  isVerbRunning = false;
  return {
    args,
    code,
    ms: Math.round(performance.now() - started),
    stdout: stdout.join(''),
    stderr: stderr.join(''),
    ...(threw === undefined ? {} : { threw }),
  };
}

const stackTrace = /\n\s+at .+:\d+:\d+\)?/;
const stallTimeout = /读取超时|timed out/;

/** What is wrong with a verb's run, or undefined when it ended as a user may see it end. */
function faultOf(run: VerbRun, isJson: boolean): string | undefined {
  if (run.threw !== undefined) return `threw (exit 3): ${run.threw}`;
  if (![0, 1, 2].includes(run.code)) return `exit ${run.code}`;
  if (stackTrace.test(run.stdout) || stackTrace.test(run.stderr)) return 'printed a stack trace';
  if (stallTimeout.test(run.stdout) || stallTimeout.test(run.stderr)) return 'stall timeout';
  if (isJson) {
    try {
      JSON.parse(run.stdout);
    } catch {
      return `--format json printed no JSON document: ${JSON.stringify(run.stdout.slice(0, 200))}`;
    }
  }
  return undefined;
}

async function expectOk(args: readonly string[]): Promise<void> {
  const run = await runVerb(args);
  if (run.code !== 0) throw new Error(`setup: steward ${args.join(' ')}: ${run.stderr}`);
}

/** The files to mutate: the corpus and generated ones, each with the verb that reads it. */
async function createSeeds(dir: string, corpus: string): Promise<Seed[]> {
  const seeds: Seed[] = [];
  for (const name of (await readdir(corpus)).sort()) {
    if (/^(MANIFEST\.csv|README\.md|SHA256SUMS)$/.test(name)) continue;
    seeds.push({ target: 'table', path: join(corpus, name) });
  }
  const csv = join(dir, '户籍.csv');
  await expectOk([
    'demo-data',
    '--pack',
    'pop-base',
    '--rows',
    '120',
    '--seed',
    '5',
    '--error-rate',
    '0.1',
    '--out',
    csv,
    '--today',
    '2026-11-26',
  ]);
  seeds.push({ target: 'table', path: csv });
  const rows = XLSX.utils.sheet_to_json<string[]>(
    XLSX.read(await readFile(csv), { type: 'buffer', raw: true }).Sheets.Sheet1 ?? {},
    { header: 1, raw: false },
  );
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '户籍');
  const xlsx = join(dir, '户籍.xlsx');
  await writeFile(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  seeds.push({ target: 'table', path: xlsx });

  const packages = join(dir, 'packages');
  await mkdir(packages);
  await expectOk([
    'package',
    csv,
    '--pack',
    'pop-base',
    '--kind',
    'share',
    '--on-error',
    'exclude',
    '--department',
    '牡丹区公安分局',
    '--period',
    '2026Q4',
    '--created',
    '2026-11-26T10:00:00+08:00',
    '--out',
    packages,
  ]);
  const [zip] = (await readdir(packages)).filter((n) => n.endsWith('.zip'));
  if (zip === undefined) throw new Error('setup: no package written');
  seeds.push({ target: 'package', path: join(packages, zip) });

  const { workspace, path } = await createPackWorkspace(dir, 'pop-base', {
    rows: 60,
    errorRate: 0.2,
  });
  await workspace.close();
  const errors = join(dir, 'errors.xlsx');
  await expectOk([
    'export-errors',
    path,
    '--out',
    errors,
    '--created',
    '2026-11-26T10:00:00+08:00',
  ]);
  seeds.push({ target: 'error-workbook', path: errors }, { target: 'error-workbook', path });
  return seeds;
}

/**
 * The verbs that read a mutated file of a target. Every table is inspected; validate (mapping
 * and every rule) runs on the generated register, whose columns map, and on a quarter of the rest.
 */
function verbsFor(
  target: Target,
  file: string,
  project: string | undefined,
  isRegister: boolean,
  random: Random,
): string[][] {
  switch (target) {
    case 'table':
      return [
        ['inspect', file, '--format', 'json'],
        ...(isRegister || random.chance(0.25)
          ? [['validate', file, '--pack', 'pop-base', '--format', 'json']]
          : []),
      ];
    case 'package':
      return [['verify', file, '--format', 'json']];
    case 'error-workbook':
      return [['merge', project ?? '', file, '--who', '模糊测试', '--format', 'json']];
  }
}

async function runCase(index: number, seeds: readonly Seed[], dir: string): Promise<void> {
  const random: Random = createRandom((seed * 1_000_003 + index) >>> 0);
  const target = random.weighted<Target>([
    ['table', 12],
    ['package', 5],
    ['error-workbook', 3],
  ]);
  const candidates = seeds.filter((s) => s.target === target && !s.path.endsWith('.dsw'));
  const source = random.pick(candidates);
  const bytes = await readFile(source.path);
  const mutation = await mutateInput(basename(source.path), bytes, random);
  const caseDir = join(dir, `case-${index}`);
  await mkdir(caseDir);
  const file = join(caseDir, `mutated${extname(source.path)}`);
  await writeFile(file, mutation.bytes);
  let project: string | undefined;
  if (target === 'error-workbook') {
    const original = seeds.find((s) => s.path.endsWith('.dsw'));
    if (original === undefined) throw new Error('setup: no project');
    project = join(caseDir, 'project.dsw');
    await copyFile(original.path, project);
  }
  const described = {
    case: index,
    seed,
    source: basename(source.path),
    operators: mutation.operators,
  };
  report({ type: 'start', ...described });
  const faults: string[] = [];
  const runs: { verb: string; code: number; ms: number }[] = [];
  const isRegister = source.path.startsWith(dir);
  for (const args of verbsFor(target, file, project, isRegister, random)) {
    const run = await runVerb(args);
    runs.push({ verb: args[0] ?? '', code: run.code, ms: run.ms });
    const fault = faultOf(run, args.includes('json')) ?? pendingFault;
    pendingFault = undefined;
    if (fault !== undefined) faults.push(`${args[0]}: ${fault}`);
  }
  report({ type: 'case', ...described, runs, faults });
  if (values.keep !== undefined && faults.length > 0) {
    await mkdir(values.keep, { recursive: true });
    await copyFile(file, join(values.keep, `case-${index}${extname(source.path)}`));
  }
  await rm(caseDir, { recursive: true, force: true });
}

const dir = await mkdtemp(join(tmpdir(), 'steward-fuzz-'));
// Node ends a run whose top-level await can never settle with code 13: say which case it was in.
process.on('exit', (code) => {
  if (code === 13) report({ type: 'driver-error', error: 'a verb never settled' });
});
try {
  const seeds = await createSeeds(dir, values.corpus);
  const indexes =
    values.only === undefined
      ? Array.from({ length: cases }, (_, i) => i)
      : values.only.split(',').map(Number);
  for (const index of indexes) await runCase(index, seeds, dir);
  report({
    type: 'summary',
    seed,
    cases: indexes.length,
    maxRssBytes: peakRssBytes(),
  });
} catch (error) {
  report({ type: 'driver-error', error: error instanceof Error ? error.stack : String(error) });
  process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
