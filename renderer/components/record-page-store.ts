/**
 * The grid's pages of records, asked of the engine by the page (neighbouring pages in one
 * request). Only the pages the grid wants now are requested, at most two requests at once, so
 * a fast scroll never queues requests for
 * rows already gone past; pages are kept in an LRU bounded by count, per filter, so switching
 * a filter off and on again draws at once. After a change (an edit, an undo) the kept pages
 * are stale: they are still drawn, and fetched again when wanted, so nothing flashes.
 */
import { LRUCache } from 'lru-cache';
import type { ChannelInput, ChannelOutput, StoredIssueView } from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';
import type { WindowApi } from '../api/window-api.ts';

/** Which records the grid shows (all, or those with issues of a kind), filtered and sorted by column. */
export type RecordFilter = ChannelInput<'records:page'>['filter'];

/** A record as the grid draws it: its values in field order and its issues by field. */
export interface GridRecord {
  readonly rid: number;
  readonly sourceRow: number;
  readonly values: readonly (string | null)[];
  readonly issues: ReadonlyMap<string, readonly StoredIssueView[]>;
}

interface CachedPage {
  readonly rows: readonly GridRecord[];
  readonly generation: number;
}

/** Rows per request. */
export const recordPageSize = 100;

/** Pages kept (40,000 rows: a few MB). */
const maxCachedPages = 400;

/** Requests in flight at once: enough to fill a window, few enough that the engine keeps up. */
const maxInFlight = 2;

/** Pages one request may carry (the contract allows 1,000 rows). */
const maxPagesPerRequest = 4;

/** Pages of records for the grid, fetched on demand and cached. */
export class RecordPageStore {
  private readonly api: WindowApi;
  private readonly onError: (message: { zh: string; en: string }) => void;
  private readonly pages = new LRUCache<string, CachedPage>({ max: maxCachedPages });
  private readonly totals = new Map<string, number>();
  /** Every record of the project, as last heard (the status line's 共 M 行). */
  private all: number | undefined;
  private readonly inFlight = new Set<string>();
  private requests = 0;
  private readonly failed = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private wanted: {
    filterKey: string;
    drawn: readonly number[];
    margin: readonly number[];
  } = { filterKey: '', drawn: [], margin: [] };
  private generation = 0;
  private version = 0;
  private isStopped = false;

  constructor(api: WindowApi, onError: (message: { zh: string; en: string }) => void) {
    this.api = api;
    this.onError = onError;
  }

  /** Calls `listener` whenever a page arrives; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever what the store holds changes (for useSyncExternalStore). */
  readonly getVersion = (): number => this.version;

  /** The record at a row index of a filter, if its page was fetched (perhaps before a change). */
  recordAt(filterKey: string, index: number): GridRecord | undefined {
    const page = this.pages.get(pageKey(filterKey, Math.floor(index / recordPageSize)));
    return page?.rows[index % recordPageSize];
  }

  /** How many records a filter selects, as last heard from the engine. */
  totalOf(filterKey: string): number | undefined {
    return this.totals.get(filterKey);
  }

  /** How many records the project has, whatever the filter, as last heard from the engine. */
  allRecords(): number | undefined {
    return this.all;
  }

  /** Whether these pages are all fetched since the last change. */
  isCurrent(filterKey: string, pages: readonly number[]): boolean {
    return pages.every(
      (page) => this.pages.peek(pageKey(filterKey, page))?.generation === this.generation,
    );
  }

  /**
   * Says which pages the grid wants now: the pages of the drawn rows, then those around them
   * (fetched after); fetches what is missing or stale.
   */
  want(filterKey: string, drawn: readonly number[], margin: readonly number[] = []): void {
    this.wanted = { filterKey, drawn, margin };
    this.pump();
  }

  /** Marks every kept page stale (the records changed): they are fetched again when wanted. */
  invalidate(): void {
    this.generation += 1;
    this.failed.clear();
    this.notify(); // the grid is busy until the wanted pages are fetched again
    this.pump();
  }

  /** Stops asking for pages (the grid is gone); what arrives is still kept. */
  stop(): void {
    this.isStopped = true;
  }

  /** Asks for pages again (the grid is back: React may unmount and mount a component). */
  start(): void {
    this.isStopped = false;
    this.pump();
  }

  private pump(): void {
    if (this.isStopped) return;
    const { filterKey, drawn, margin } = this.wanted;
    const isNeeded = (page: number): boolean => {
      const key = pageKey(filterKey, page);
      return (
        !this.inFlight.has(key) &&
        !this.failed.has(key) &&
        this.pages.peek(key)?.generation !== this.generation
      );
    };
    // The drawn rows' pages first, in one small request; the margin after, in larger ones,
    // one at a time, so a request for newly drawn rows always finds a free place.
    for (const [group, limit] of [
      [drawn.filter(isNeeded), maxInFlight],
      [margin.filter(isNeeded), maxInFlight - 1],
    ] as const) {
      const taken = new Set<number>();
      for (const page of group) {
        if (this.requests >= limit) break;
        if (taken.has(page)) continue;
        let count = 1;
        while (count < maxPagesPerRequest && group.includes(page + count)) count += 1;
        for (let i = 0; i < count; i += 1) taken.add(page + i);
        void this.fetch(filterKey, page, count);
      }
    }
  }

  private async fetch(filterKey: string, first: number, count: number): Promise<void> {
    const keys = Array.from({ length: count }, (_, i) => pageKey(filterKey, first + i));
    const generation = this.generation;
    for (const key of keys) this.inFlight.add(key);
    this.requests += 1;
    let result: Result<ChannelOutput<'records:page'>>;
    try {
      result = await this.api.invoke('records:page', {
        offset: first * recordPageSize,
        limit: count * recordPageSize,
        filter: JSON.parse(filterKey) as RecordFilter,
      });
    } finally {
      this.requests -= 1;
      for (const key of keys) this.inFlight.delete(key);
    }
    if (!result.ok) {
      // Not retried until the records change: never a request loop.
      for (const key of keys) this.failed.add(key);
      this.onError(result.error.message);
      return;
    }
    const value = result.value;
    const byRecord = new Map<number, Map<string, StoredIssueView[]>>();
    for (const issue of value.issues) {
      const cells = byRecord.get(issue.row) ?? new Map<string, StoredIssueView[]>();
      const list = cells.get(issue.field) ?? [];
      list.push(issue);
      cells.set(issue.field, list);
      byRecord.set(issue.row, cells);
    }
    const records: GridRecord[] = value.rows.map((row) => ({
      rid: row.rid,
      sourceRow: row.sourceRow,
      values: row.values,
      issues: byRecord.get(row.rid) ?? emptyIssues,
    }));
    // A page fetched before a change is still better than nothing: it is kept and drawn, and
    // fetched again (its generation is old) while it is wanted.
    keys.forEach((key, i) => {
      const kept = this.pages.peek(key);
      if (kept !== undefined && kept.generation > generation) return;
      this.pages.set(key, {
        generation,
        rows: records.slice(i * recordPageSize, (i + 1) * recordPageSize),
      });
    });
    if (generation === this.generation || !this.totals.has(filterKey)) {
      this.totals.set(filterKey, value.total);
      this.all = value.all;
    }
    this.notify();
    this.pump();
  }

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

const emptyIssues: ReadonlyMap<string, readonly StoredIssueView[]> = new Map();

function pageKey(filterKey: string, page: number): string {
  return `${page}\u0000${filterKey}`;
}
