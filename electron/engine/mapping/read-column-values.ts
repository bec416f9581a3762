/** Reads what the map step needs from a table's rows: samples per column and distinct values. */
import type { ColumnSample } from '../../../shared/mapping/suggest-mapping.ts';
import type { ValueCount } from '../../../shared/mapping/suggest-value-map.ts';
import type { SourceRecord, SourceTable } from '../import/source-table.ts';

/** The samples and the distinct values (with counts) of each column. */
export interface ColumnValues {
  readonly samples: ColumnSample[];
  /** Per column, the distinct values and their counts (at most `maxDistinct` listed). */
  readonly distinct: ReadonlyMap<string, number>[];
  /** Per column, true when it has more distinct values than were counted. */
  readonly isTruncated: boolean[];
  readonly rows: number;
}

/** How much to keep. */
export interface ColumnValueLimits {
  /** Rows whose values are kept as samples for the suggestions. */
  readonly sampleRows?: number;
  /** Distinct values counted per column (a column of names has thousands: they are not codes). */
  readonly maxDistinct?: number;
}

/** Reads rows to the end, keeping samples from the first rows and counting distinct values. */
export async function readColumnValues(
  columns: readonly string[],
  rows: AsyncIterable<SourceRecord>,
  limits: ColumnValueLimits = {},
): Promise<ColumnValues> {
  const sampleRows = limits.sampleRows ?? 500;
  const maxDistinct = limits.maxDistinct ?? 1000;
  const samples = columns.map((header) => ({ header, samples: [] as string[] }));
  const distinct = columns.map(() => new Map<string, number>());
  const isTruncated = columns.map(() => false);
  let count = 0;
  for await (const record of rows) {
    count += 1;
    record.cells.forEach((cell, i) => {
      if (count <= sampleRows) samples[i]?.samples.push(cell);
      const values = distinct[i];
      if (values === undefined) return;
      const seen = values.get(cell);
      if (seen !== undefined) values.set(cell, seen + 1);
      else if (values.size < maxDistinct) values.set(cell, 1);
      else isTruncated[i] = true;
    });
  }
  return { samples, distinct, isTruncated, rows: count };
}

/** The distinct values of a column as a list for the value-map suggestions. */
export function toValueCounts(distinct: ReadonlyMap<string, number>): ValueCount[] {
  return [...distinct].map(([value, count]) => ({ value, count }));
}

/** The first rows of a stream, and the whole stream again (the first rows, then the rest). */
export async function peekRows(
  rows: AsyncIterable<SourceRecord>,
  count: number,
): Promise<{ head: SourceRecord[]; all: AsyncIterable<SourceRecord> }> {
  const iterator = rows[Symbol.asyncIterator]();
  const head: SourceRecord[] = [];
  let isDone = false;
  while (head.length < count) {
    const next = await iterator.next();
    if (next.done === true) {
      isDone = true;
      break;
    }
    head.push(next.value);
  }
  async function* all(): AsyncGenerator<SourceRecord> {
    yield* head;
    if (isDone) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head, all: all() };
}

/** Samples per column from some rows. */
export function samplesOf(
  columns: readonly string[],
  rows: readonly SourceRecord[],
): ColumnSample[] {
  return columns.map((header, i) => ({ header, samples: rows.map((row) => row.cells[i] ?? '') }));
}

/** The same table, reading its rows from `rows` (after peekRows took the first ones). */
export function withRows(table: SourceTable, rows: AsyncIterable<SourceRecord>): SourceTable {
  return {
    ...table,
    // Read through: a table read in a single pass completes these as its rows end.
    get rowCount() {
      return table.rowCount;
    },
    get footerRows() {
      return table.footerRows;
    },
    get flagged() {
      return table.flagged;
    },
    get flaggedCount() {
      return table.flaggedCount;
    },
    rows: () => rows,
    close: () => table.close(),
  };
}
