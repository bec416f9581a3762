/**
 * Freshness of a dataset (issue #15): the start of the current update cycle (更新周期) and whether
 * the dataset's last package is older than it. Everything is in Beijing time (UTC+8, no daylight
 * saving), whatever the machine's zone, so a county and the province agree on "this quarter".
 * Written by hand: it is a few lines of calendar arithmetic on a fixed offset, and the date
 * libraries at hand would add a dependency to `shared` for no gain.
 */
import type { UpdateCycle } from '../pack/pack-schema.ts';

const beijingOffsetMs = 8 * 3_600_000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** The Beijing calendar date (`YYYY-MM-DD`) of an instant. */
export function beijingDate(instant: Date): string {
  const t = new Date(instant.getTime() + beijingOffsetMs);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Midnight in Beijing of a Beijing calendar date, as an instant. */
const beijingMidnight = (year: number, month0: number, day: number): Date =>
  new Date(Date.UTC(year, month0, day) - beijingOffsetMs);

/** The cycle that holds `now`: its first instant and how a clerk names it. */
export interface CycleStart {
  readonly start: Date;
  readonly label: string;
}

/**
 * The start of the cycle that holds `now`: today for 实时 and 每日 (the workbench packages in
 * batches, so real-time data is expected at least daily), Monday for 每周, the first of the
 * month, of the quarter (1 January, April, July, October) or of the year.
 */
export function cycleStart(cycle: UpdateCycle, now: Date): CycleStart {
  const t = new Date(now.getTime() + beijingOffsetMs);
  const year = t.getUTCFullYear();
  const month0 = t.getUTCMonth();
  const day = t.getUTCDate();
  switch (cycle) {
    case '实时':
    case '每日': {
      const start = beijingMidnight(year, month0, day);
      return { start, label: `今天（${beijingDate(start)}）` };
    }
    case '每周': {
      const sinceMonday = (t.getUTCDay() + 6) % 7;
      const start = beijingMidnight(year, month0, day - sinceMonday);
      return { start, label: `本周（${beijingDate(start)} 起）` };
    }
    case '每月':
      return { start: beijingMidnight(year, month0, 1), label: `${year}年${month0 + 1}月` };
    case '每季度': {
      const quarter = Math.floor(month0 / 3);
      return {
        start: beijingMidnight(year, quarter * 3, 1),
        label: `${year}年第${quarter + 1}季度`,
      };
    }
    case '每年':
      return { start: beijingMidnight(year, 0, 1), label: `${year}年` };
  }
}

/** Whether a dataset was packaged in its current cycle. */
export interface Freshness {
  /**
   * `fresh`: a package was written since the cycle began; `overdue`: the last one is older;
   * `never`: none was written; `no-cycle`: the pack declares no update cycle.
   */
  readonly status: 'fresh' | 'overdue' | 'never' | 'no-cycle';
  readonly cycle?: UpdateCycle;
  /** The current cycle's name, e.g. `2026年第4季度`. */
  readonly cycleLabel?: string;
  /** The Beijing date the current cycle began (the package is due since then). */
  readonly dueSince?: string;
  /** The Beijing date of the last package. */
  readonly lastPackaged?: string;
}

/**
 * Overdue means: the pack declares an update cycle, and the last package was written before the
 * current cycle began (每季度 on 7 December: before 1 October 00:00 Beijing time).
 */
export function detectFreshness(
  cycle: UpdateCycle | undefined,
  lastPackaged: Date | undefined,
  now: Date,
): Freshness {
  const last = lastPackaged === undefined ? {} : { lastPackaged: beijingDate(lastPackaged) };
  if (cycle === undefined) return { status: 'no-cycle', ...last };
  const { start, label } = cycleStart(cycle, now);
  const due = { cycle, cycleLabel: label, dueSince: beijingDate(start), ...last };
  if (lastPackaged === undefined) return { status: 'never', ...due };
  return { status: lastPackaged.getTime() < start.getTime() ? 'overdue' : 'fresh', ...due };
}
