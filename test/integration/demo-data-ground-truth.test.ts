/**
 * Demo data is only useful to trainers and tests if validation finds exactly what was
 * injected: every listed problem, and nothing on the clean records.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

const key = (i: { row: number; field: string; rule: string; severity: string }): string =>
  `${i.row} ${i.field} ${i.rule} ${i.severity}`;

describe.each([
  { seed: 1, rows: 3000, errorRate: 0.3 },
  { seed: 20261126, rows: 2000, errorRate: 0.05 },
])(
  'pop-base demo data, seed $seed, $rows rows, error rate $errorRate',
  ({ seed, rows, errorRate }) => {
    let truth: TruthFile;
    let report: ValidateJson;
    let validateCode: number;

    beforeAll(async () => {
      const csv = join(temp.dir, `demo-${seed}.csv`);
      const made = await runSteward([
        'demo-data',
        '--pack',
        'pop-base',
        '--rows',
        String(rows),
        '--seed',
        String(seed),
        '--error-rate',
        String(errorRate),
        '--out',
        csv,
        '--today',
        '2026-11-26',
      ]);
      expect(made.code, made.stderr).toBe(0);
      truth = JSON.parse(
        await readFile(join(temp.dir, `demo-${seed}.truth.json`), 'utf8'),
      ) as TruthFile;
      const run = await runSteward([
        'validate',
        csv,
        '--pack',
        'pop-base',
        '--format',
        'json',
        '--today',
        '2026-11-26',
      ]);
      validateCode = run.code;
      report = JSON.parse(run.stdout) as ValidateJson;
    });

    it('writes the rows asked for, with problems of every kind', () => {
      expect(report.rows).toBe(rows);
      expect(truth.rows).toBe(rows);
      const kinds = new Set(truth.injected.map((i) => i.kind));
      if (errorRate >= 0.3) expect(kinds.size).toBe(12);
      expect(truth.injected.length).toBeGreaterThan(rows * errorRate * 0.7);
    });

    it('finds every injected problem', () => {
      const found = new Set(report.issues.map(key));
      const missed = truth.injected.filter((i) => !found.has(key(i)));
      expect(missed).toEqual([]);
    });

    it('reports nothing that was not injected', () => {
      const injected = new Set(truth.injected.map(key));
      const extra = report.issues.filter((i) => !injected.has(key(i)));
      expect(extra).toEqual([]);
    });

    it('gives the spreadsheet row beside the record index (header on row 1)', () => {
      for (const issue of report.issues) expect(issue.sourceRow).toBe(issue.row + 1);
    });

    it('exits 1 because the injected problems include errors', () => {
      expect(validateCode).toBe(1);
    });
  },
);

describe('clean demo data', () => {
  it('validates with no issue and exit 0', async () => {
    const csv = join(temp.dir, 'clean.csv');
    const made = await runSteward([
      'demo-data',
      '--pack',
      'pop-base',
      '--rows',
      '3000',
      '--seed',
      '5',
      '--error-rate',
      '0',
      '--out',
      csv,
      '--today',
      '2026-11-26',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const run = await runSteward([
      'validate',
      csv,
      '--pack',
      'pop-base',
      '--format',
      'json',
      '--today',
      '2026-11-26',
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 3000, issues: [] });
    expect(run.code).toBe(0);
  });
});
