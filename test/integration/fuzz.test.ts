/**
 * The fuzz run in CI: a few hundred seeded mutations of the corpus, a generated register, a
 * sealed package and an error workbook, each read by the verb a clerk would use (scripts/fuzz.ts).
 * No case may end as a bug (exit 3, a stack trace, an unhandled rejection), print anything but
 * JSON under --format json, stall until the reader's timeout, or never end; the run's peak memory
 * stays bounded. A failure names the seed and the case: `npm run fuzz -- --seed S --only N`
 * replays it. FUZZ_SEED and FUZZ_CASES run another seed or a longer run.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-steward.ts';

const seed = process.env.FUZZ_SEED ?? '20261206';
const cases = Number(process.env.FUZZ_CASES ?? '240');
/** A case still running after this long never ends on its own (a real one takes seconds). */
const hangMs = 150_000;
/** The run's peak memory: every reader's heap is bounded, so the sum stays far below this. */
const maxRssBytes = 1.5 * 1024 ** 3;

interface CaseLine {
  readonly type: 'start' | 'case';
  readonly case: number;
  readonly source: string;
  readonly operators: readonly string[];
  readonly faults?: readonly string[];
}

interface Outcome {
  readonly finished: CaseLine[];
  readonly hung?: CaseLine;
  readonly driverErrors: string[];
  readonly summary?: { maxRssBytes: number };
  readonly exitCode: number | null;
  readonly stderr: string;
}

function runFuzz(): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/fuzz.ts', '--seed', seed, '--cases', String(cases)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const finished: CaseLine[] = [];
    const driverErrors: string[] = [];
    let summary: { maxRssBytes: number } | undefined;
    let running: CaseLine | undefined;
    let hung: CaseLine | undefined;
    let stderr = '';
    let watchdog: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        hung = running;
        child.kill('SIGKILL');
      }, hangMs);
    };
    arm();
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as
        | CaseLine
        | { type: 'summary'; maxRssBytes: number }
        | { type: 'driver-error'; error: string };
      if (line.type === 'start') {
        running = line;
        arm();
      } else if (line.type === 'case') {
        finished.push(line);
      } else if (line.type === 'summary') {
        summary = line;
      } else if (line.type === 'driver-error') {
        driverErrors.push(line.error);
      }
    });
    child.on('close', (exitCode) => {
      clearTimeout(watchdog);
      resolve({
        finished,
        driverErrors,
        exitCode,
        stderr,
        ...(hung === undefined ? {} : { hung }),
        ...(summary === undefined ? {} : { summary }),
      });
    });
  });
}

describe(`fuzz: ${cases} seeded mutations (seed ${seed})`, () => {
  it(
    'reads every mutated file to an answer a clerk can act on, in bounded memory',
    async () => {
      const outcome = await runFuzz();
      const replay = (c: CaseLine): string =>
        `case ${c.case} (${c.source}: ${c.operators.join(' + ')}); replay: npm run fuzz -- --seed ${seed} --only ${c.case}`;
      expect(outcome.hung === undefined ? 'no hang' : `never ended: ${replay(outcome.hung)}`).toBe(
        'no hang',
      );
      expect(outcome.driverErrors).toEqual([]);
      const faults = outcome.finished.flatMap((c) =>
        (c.faults ?? []).map((fault) => `${replay(c)}: ${fault.slice(0, 600)}`),
      );
      expect(faults).toEqual([]);
      expect(outcome.finished).toHaveLength(cases);
      expect(outcome.exitCode, outcome.stderr).toBe(0);
      expect(outcome.summary?.maxRssBytes).toBeLessThan(maxRssBytes);
    },
    cases * 20_000,
  );
});
