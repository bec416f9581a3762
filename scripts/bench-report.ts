/**
 * The pure parts of `npm run bench`: ratios to the reference time, percentiles, goals met or
 * not, the step list, and the printed table. Kept apart from the runner so a unit test can run
 * them without timing anything.
 */

/** The steps `npm run bench` knows, in the order it runs them. */
export const benchSteps = [
  'package',
  'import-csv',
  'import-xlsx',
  'edit',
  'reopen',
  'browser',
  'pandas',
] as const;

/** One step's name. */
export type BenchStep = (typeof benchSteps)[number];

/** A goal of the table: a ratio to REF, a peak memory, or a time in milliseconds. */
export interface BenchGoal {
  readonly maxRatio?: number;
  readonly maxPeakBytes?: number;
  readonly maxMs?: number;
  /** A time to beat, in seconds, and what it is (pandas doing part of the job). */
  readonly maxSeconds?: { readonly seconds: number; readonly label: string };
  /** Whether `maxMs` applies to the p95 of several samples (edits) rather than one time. */
  readonly isP95?: boolean;
}

/** One measured row of the table. */
export interface BenchRow {
  readonly step: string;
  readonly rows: number;
  /** Wall time of the step, if it has one (edits have percentiles instead). */
  readonly seconds?: number;
  /** sha256sum of the same input file in the same run, in seconds. */
  readonly refSeconds?: number;
  readonly peakBytes?: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  /** Longest UI-thread task, for the browser step. */
  readonly maxMs?: number;
  readonly goal?: BenchGoal;
  /** Why the step was not measured (skipped by a flag, a tool missing, a failure). */
  readonly note?: string;
}

/**
 * The browser step's rows: the longest UI-thread task of the whole run, and 查找's and sort's
 * own (each with the goal of no task over 100 ms), with the time until the first match, and the
 * sorted rows, were drawn. A number the run did not print leaves its row unmeasured.
 */
export function browserRows(
  rows: number,
  stats: Readonly<Record<string, unknown>>,
  note: string | undefined,
): BenchRow[] {
  const number = (key: string): number | undefined =>
    typeof stats[key] === 'number' ? stats[key] : undefined;
  const longest = (step: string, key: string): BenchRow => {
    const ms = number(key);
    return {
      step,
      rows,
      ...(ms === undefined ? {} : { maxMs: ms }),
      goal: { maxMs: 100 },
      ...(note === undefined ? {} : { note }),
    };
  };
  const time = (step: string, key: string): BenchRow => {
    const ms = number(key);
    return {
      step,
      rows,
      ...(ms === undefined ? {} : { seconds: ms / 1000 }),
      ...(note === undefined ? {} : { note }),
    };
  };
  return [
    longest('UI longest task (browser)', 'longestTaskMs'),
    time('find until the match is drawn (browser)', 'findMs'),
    longest('find: longest UI task (browser)', 'findLongestTaskMs'),
    time('sort until drawn (browser)', 'sortMs'),
    longest('sort: longest UI task (browser)', 'sortLongestTaskMs'),
  ];
}

/** Time as a multiple of the reference; undefined when either is missing or REF is zero. */
export function ratioToRef(seconds: number | undefined, refSeconds: number | undefined) {
  if (seconds === undefined || refSeconds === undefined || !(refSeconds > 0)) return undefined;
  return seconds / refSeconds;
}

/** The p-th percentile (nearest rank) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Whether the row meets every part of its goal; undefined when it has no goal or no numbers. */
export function isGoalMet(row: BenchRow): boolean | undefined {
  const { goal } = row;
  if (goal === undefined || row.note !== undefined) return undefined;
  const checks: boolean[] = [];
  if (goal.maxRatio !== undefined) {
    const ratio = ratioToRef(row.seconds, row.refSeconds);
    if (ratio === undefined) return undefined;
    checks.push(ratio <= goal.maxRatio);
  }
  if (goal.maxPeakBytes !== undefined) {
    if (row.peakBytes === undefined) return undefined;
    checks.push(row.peakBytes <= goal.maxPeakBytes);
  }
  if (goal.maxMs !== undefined) {
    const ms = goal.isP95 === true ? row.p95Ms : (row.maxMs ?? msOf(row.seconds));
    if (ms === undefined || Number.isNaN(ms)) return undefined;
    checks.push(ms <= goal.maxMs);
  }
  if (goal.maxSeconds !== undefined) {
    if (row.seconds === undefined) return undefined;
    checks.push(row.seconds < goal.maxSeconds.seconds);
  }
  return checks.length === 0 ? undefined : checks.every(Boolean);
}

function msOf(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}

/** The goal as the table writes it: `<= 15 x REF, <= 1.0 GB`. */
export function describeGoal(goal: BenchGoal | undefined): string {
  if (goal === undefined) return '';
  const parts: string[] = [];
  if (goal.maxRatio !== undefined) parts.push(`<= ${goal.maxRatio} x REF`);
  if (goal.maxPeakBytes !== undefined) parts.push(`<= ${formatBytes(goal.maxPeakBytes)}`);
  if (goal.maxMs !== undefined)
    parts.push(`${goal.isP95 === true ? 'p95 ' : ''}<= ${formatMs(goal.maxMs)}`);
  if (goal.maxSeconds !== undefined)
    parts.push(`< ${goal.maxSeconds.label} ${goal.maxSeconds.seconds.toFixed(2)} s`);
  return parts.join(', ');
}

/** Bytes in MB below a gigabyte, else in GB with one decimal. */
export function formatBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb < 1024 ? `${Math.round(mb)} MB` : `${(mb / 1024).toFixed(1)} GB`;
}

/** Milliseconds below a second, else seconds. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Reads `--steps a,b` (repeatable, comma separated); every step when absent. */
export function parseSteps(values: readonly string[] | undefined): Set<BenchStep> {
  if (values === undefined || values.length === 0) return new Set(benchSteps);
  const chosen = new Set<BenchStep>();
  for (const name of values.flatMap((v) => v.split(',')).map((v) => v.trim())) {
    if (name === '') continue;
    const step = benchSteps.find((s) => s === name);
    if (step === undefined)
      throw new Error(`unknown step "${name}"; the steps are ${benchSteps.join(', ')}`);
    chosen.add(step);
  }
  return chosen;
}

/** Display width: CJK and other wide characters take two columns. */
function widthOf(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(char)
        ? 2
        : 1;
  return width;
}

function pad(text: string, width: number, isRight: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return isRight ? fill + text : text + fill;
}

/** The cells of one row as printed. */
export function rowCells(row: BenchRow): string[] {
  const ratio = ratioToRef(row.seconds, row.refSeconds);
  const met = isGoalMet(row);
  let time = '';
  if (row.note !== undefined) time = row.note;
  else if (row.p95Ms !== undefined)
    time = `p50 ${formatMs(row.p50Ms ?? Number.NaN)}, p95 ${formatMs(row.p95Ms)}`;
  else if (row.maxMs !== undefined) time = `max ${formatMs(row.maxMs)}`;
  else if (row.seconds !== undefined) time = `${row.seconds.toFixed(2)} s`;
  return [
    row.step,
    row.rows.toLocaleString('en-US'),
    time,
    ratio === undefined ? '' : `${ratio.toFixed(1)} x`,
    row.peakBytes === undefined ? '' : formatBytes(row.peakBytes),
    describeGoal(row.goal),
    met === undefined ? (row.goal === undefined ? '' : 'not measured') : met ? 'met' : 'NOT MET',
  ];
}

/** The results as a plain-text table with a header line, columns aligned. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const header = ['step', 'rows', 'time', 'x REF', 'peak', 'goal', 'result'];
  const right = [false, true, false, true, true, false, false];
  const table = [header, ...rows.map(rowCells)];
  const widths = header.map((_, c) => Math.max(...table.map((cells) => widthOf(cells[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => pad(cell, widths[c] ?? 0, right[c] ?? false))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.slice(1).map(line)]
    .join('\n')
    .concat('\n');
}
