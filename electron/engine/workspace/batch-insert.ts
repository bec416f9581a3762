/**
 * Bulk inserts through sql.js: rows are gathered and written by one prepared statement of many
 * rows (a multi-row VALUES), so a million-row import runs 20,000 statements instead of a
 * million (each run of a sql.js statement crosses into WebAssembly to bind, step and reset).
 */
import type { Database, SqlValue, Statement } from 'sql.js';

/** Rows per statement: 50 rows of 18 values stay far below SQLite's 32,766 variables. */
const defaultRowsPerStatement = 50;

/** Adds rows to one table; `flush()` writes the rows still gathered. */
export interface BatchInsert {
  /** Adds one row (its values in the column order given). */
  add(values: readonly SqlValue[]): void;
  /** Writes the rows gathered so far. */
  flush(): void;
  /** Frees the statements (rows not flushed are dropped). */
  free(): void;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates a batched insert into `table`'s `columns`, in the current transaction. */
export function createBatchInsert(
  db: Database,
  table: string,
  columns: readonly string[],
  rowsPerStatement = defaultRowsPerStatement,
): BatchInsert {
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
  const row = `(${columns.map(() => '?').join(', ')})`;
  let many: Statement | undefined;
  let one: Statement | undefined;
  const pending: SqlValue[] = [];
  const width = columns.length;
  const batchSize = width * rowsPerStatement;
  return {
    add(values) {
      for (let i = 0; i < width; i += 1) pending.push(values[i] ?? null);
      if (pending.length < batchSize) return;
      many ??= db.prepare(head + new Array<string>(rowsPerStatement).fill(row).join(', '));
      many.run(pending);
      pending.length = 0;
    },
    flush() {
      if (pending.length === 0) return;
      one ??= db.prepare(head + row);
      for (let at = 0; at < pending.length; at += width) one.run(pending.slice(at, at + width));
      pending.length = 0;
    },
    free() {
      pending.length = 0;
      many?.free();
      one?.free();
    },
  };
}
