/**
 * Demo data is only useful to trainers and tests if validation finds exactly what was
 * injected: every listed problem, and nothing on the clean records. Each pack with demo data is
 * generated and validated through the real command line, at a high and a low error rate, and
 * clean.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBundledPack } from '../../shared/packs/index.ts';
import { createTempDir, runSteward } from '../helpers/run-steward.ts';

interface TruthFile {
  readonly rows: number;
  readonly injected: readonly {
    row: number;
    field: string;
    rule: string;
    severity: string;
    kind: string;
  }[];
}

interface ValidateJson {
  readonly rows: number;
  readonly issues: readonly {
    row: number;
    sourceRow: number;
    field: string;
    rule: string;
    severity: string;
  }[];
}

/** One generated file and what validate made of it. */
interface DemoRun {
  readonly truth: TruthFile;
  readonly report: ValidateJson;
  readonly validateCode: number;
}

const today = '2026-11-26';

/** The packs with demo data, and how many kinds of problem each injects. */
const packs = [
  { pack: 'pop-base', kinds: 12 },
  { pack: 'legal-entity-base', kinds: 18 },
  { pack: 'sgs-xzxk', kinds: 29 },
  { pack: 'sgs-xzcf', kinds: 31 },
] as const;

/** At a high error rate every kind of problem shows up; at a low one most records are clean. */
const high = packs.map(({ pack, kinds }) => ({ pack, kinds, seed: 1, rows: 3000, errorRate: 0.3 }));
const low = packs.map(({ pack }) => ({ pack, seed: 20261126, rows: 2000, errorRate: 0.05 }));
const spoiled = [...high, ...low];
const clean = packs.map(({ pack }) => ({ pack, seed: 5, rows: 2000, errorRate: 0 }));

const runKey = (pack: string, seed: number): string => `${pack}-${seed}`;

let temp: Awaited<ReturnType<typeof createTempDir>>;
const runs = new Map<string, DemoRun>();

/** Generates a demo file with the real command line, then validates it. */
async function generateAndValidate(
  pack: string,
  seed: number,
  rows: number,
  errorRate: number,
): Promise<DemoRun> {
  const csv = join(temp.dir, `${runKey(pack, seed)}.csv`);
  const made = await runSteward([
    'demo-data',
    '--pack',
    pack,
    '--rows',
    String(rows),
    '--seed',
    String(seed),
    '--error-rate',
    String(errorRate),
    '--out',
    csv,
    '--today',
    today,
  ]);
  expect(made.code, made.stderr).toBe(0);
  const truth = JSON.parse(
    await readFile(join(temp.dir, `${runKey(pack, seed)}.truth.json`), 'utf8'),
  ) as TruthFile;
  const run = await runSteward([
    'validate',
    csv,
    '--pack',
    pack,
    '--format',
    'json',
    '--today',
    today,
  ]);
  return { truth, report: JSON.parse(run.stdout) as ValidateJson, validateCode: run.code };
}

beforeAll(async () => {
  temp = await createTempDir();
  // A few command lines at a time: each is its own Node process.
  const jobs = [...spoiled, ...clean];
  const worker = async (): Promise<void> => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      const run = await generateAndValidate(job.pack, job.seed, job.rows, job.errorRate);
      runs.set(runKey(job.pack, job.seed), run);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}, 600_000);

afterAll(async () => {
  await temp.cleanup();
});

const key = (i: { row: number; field: string; rule: string; severity: string }): string =>
  `${i.row} ${i.field} ${i.rule} ${i.severity}`;

function runOf(pack: string, seed: number): DemoRun {
  const run = runs.get(runKey(pack, seed));
  if (run === undefined) throw new Error(`no demo run for ${pack} seed ${seed}`);
  return run;
}

describe.each(spoiled)(
  '$pack demo data, seed $seed, $rows rows, error rate $errorRate',
  ({ pack, seed, rows, errorRate }) => {
    it('writes the rows asked for, about the error rate of them with a problem', () => {
      const { truth, report } = runOf(pack, seed);
      expect(report.rows).toBe(rows);
      expect(truth.rows).toBe(rows);
      expect(truth.injected.length).toBeGreaterThan(rows * errorRate * 0.7);
      expect(truth.injected.length).toBeLessThan(rows * errorRate * 1.3);
    });

    it('injects at most one problem per record', () => {
      const { truth } = runOf(pack, seed);
      expect(new Set(truth.injected.map((i) => i.row)).size).toBe(truth.injected.length);
    });

    it('finds every injected problem', () => {
      const { truth, report } = runOf(pack, seed);
      const found = new Set(report.issues.map(key));
      const missed = truth.injected.filter((i) => !found.has(key(i)));
      expect(missed).toEqual([]);
    });

    it('reports nothing that was not injected', () => {
      const { truth, report } = runOf(pack, seed);
      const injected = new Set(truth.injected.map(key));
      const extra = report.issues.filter((i) => !injected.has(key(i)));
      expect(extra).toEqual([]);
    });

    it('gives the spreadsheet row beside the record index (header on row 1)', () => {
      for (const issue of runOf(pack, seed).report.issues) {
        expect(issue.sourceRow).toBe(issue.row + 1);
      }
    });

    it('exits 1 because the injected problems include errors', () => {
      expect(runOf(pack, seed).validateCode).toBe(1);
    });
  },
);

describe.each(high)('$pack demo data at a high error rate', ({ pack, kinds, seed }) => {
  it('injects problems of every kind', () => {
    expect(new Set(runOf(pack, seed).truth.injected.map((i) => i.kind)).size).toBe(kinds);
  });

  it('exercises every cross-field rule the pack declares', () => {
    const declared = findBundledPack(pack)?.datasets[0]?.rules?.map((r) => r.id) ?? [];
    expect(declared.length).toBeGreaterThan(0);
    const injected = new Set(runOf(pack, seed).truth.injected.map((i) => i.rule));
    expect(declared.filter((id) => !injected.has(id))).toEqual([]);
  });
});

describe.each(clean)('clean $pack demo data', ({ pack, seed, rows }) => {
  it('validates with no issue and exit 0', () => {
    const { truth, report, validateCode } = runOf(pack, seed);
    expect(truth.injected).toEqual([]);
    expect(report).toMatchObject({ rows, issues: [] });
    expect(validateCode).toBe(0);
  });
});
