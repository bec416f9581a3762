import { describe, expect, it } from 'vitest';
import {
  browserRows,
  formatBenchTable,
  isGoalMet,
  parseSteps,
  percentile,
  ratioToRef,
} from '../../../scripts/bench-report.ts';

const gb = 1024 * 1024 * 1024;

describe('bench report helpers', () => {
  it('gives a time as a multiple of sha256sum of the same file', () => {
    expect(ratioToRef(3, 0.2)).toBeCloseTo(15);
    expect(ratioToRef(3, 0)).toBeUndefined();
    expect(ratioToRef(undefined, 0.2)).toBeUndefined();
  });

  it('takes nearest-rank percentiles of the edit times', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 .. 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('says a goal is met only when every part of it is', () => {
    const goal = { maxRatio: 15, maxPeakBytes: 1 * gb };
    expect(
      isGoalMet({ step: 'p', rows: 1, seconds: 1.4, refSeconds: 0.1, peakBytes: gb / 2, goal }),
    ).toBe(true);
    expect(
      isGoalMet({ step: 'p', rows: 1, seconds: 1.6, refSeconds: 0.1, peakBytes: gb / 2, goal }),
    ).toBe(false);
    expect(
      isGoalMet({ step: 'p', rows: 1, seconds: 1.4, refSeconds: 0.1, peakBytes: 2 * gb, goal }),
    ).toBe(false);
    expect(
      isGoalMet({ step: 'e', rows: 1, p50Ms: 10, p95Ms: 60, goal: { maxMs: 50, isP95: true } }),
    ).toBe(false);
    expect(
      isGoalMet({ step: 'b', rows: 1, note: 'skipped (--no-browser)', goal: { maxMs: 100 } }),
    ).toBeUndefined();
  });

  it('reads --steps as a comma list and refuses an unknown step', () => {
    expect([...parseSteps(['package,edit', 'reopen'])]).toEqual(['package', 'edit', 'reopen']);
    expect(parseSteps(undefined).size).toBe(7);
    expect(() => parseSteps(['pakage'])).toThrow(/unknown step "pakage"/);
  });

  it('prints one aligned line per row with the ratio, peak, goal and verdict', () => {
    const table = formatBenchTable([
      {
        step: 'package',
        rows: 100_000,
        seconds: 3,
        refSeconds: 0.25,
        peakBytes: 300 * 1024 * 1024,
        goal: { maxRatio: 15, maxPeakBytes: gb },
      },
      { step: 'edit', rows: 100_000, p50Ms: 12.4, p95Ms: 80, goal: { maxMs: 50, isP95: true } },
      { step: 'browser', rows: 100_000, note: 'skipped (--no-browser)', goal: { maxMs: 100 } },
    ]);
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^step\s+rows\s+time\s+x REF\s+peak\s+goal\s+result$/);
    expect(lines[2]).toMatch(
      /^package\s+100,000\s+3\.00 s\s+12\.0 x\s+300 MB\s+<= 15 x REF, <= 1\.0 GB\s+met$/,
    );
    expect(lines[3]).toMatch(/p50 12 ms, p95 80 ms .*p95 <= 50 ms\s+NOT MET$/);
    expect(lines[4]).toMatch(/skipped \(--no-browser\).*not measured$/);
    // Columns line up: each row's goal starts where the header's does.
    const goalAt = lines[0]?.indexOf('goal');
    expect(lines[2]?.indexOf('<= 15')).toBe(goalAt);
  });

  it('prints find and sort of the browser step as rows, each held to no UI task over 100 ms', () => {
    const rows = browserRows(
      1_000_000,
      {
        longestTaskMs: 80,
        findMs: 2400,
        findLongestTaskMs: 0,
        sortMs: 3100,
        sortLongestTaskMs: 140,
      },
      undefined,
    );
    const lines = formatBenchTable(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[2]).toMatch(
      /^UI longest task \(browser\)\s+1,000,000\s+max 80 ms.*<= 100 ms\s+met$/,
    );
    expect(lines[3]).toMatch(/^find until the match is drawn \(browser\)\s+1,000,000\s+2\.40 s/);
    expect(lines[4]).toMatch(/^find: longest UI task \(browser\)\s+1,000,000\s+max 0 ms.*met$/);
    expect(lines[5]).toMatch(/^sort until drawn \(browser\)\s+1,000,000\s+3\.10 s/);
    expect(lines[6]).toMatch(
      /^sort: longest UI task \(browser\)\s+1,000,000\s+max 140 ms.*NOT MET$/,
    );
    // A run that printed nothing: every row says why, none claims a result.
    const failed = browserRows(100_000, {}, 'exit 1');
    expect(formatBenchTable(failed)).not.toMatch(/\bmet\b/);
    expect(failed.every((row) => row.note === 'exit 1')).toBe(true);
  });
});
