/**
 * Bulk inserts through sql.js: rows are gathered and written by one prepared statement of many
 * rows (a multi-row VALUES), so a million-row import runs 20,000 statements instead of a
 * million (each run of a sql.js statement crosses into WebAssembly to bind, step and reset).
 */
import type { Database, SqlValue, Statement } from 'sql.js';
import { prepareBulk, type BulkStatement } from './bulk-statement.ts';

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

/** How a batched insert writes. */
export interface BatchInsertOptions {
  /** Rows per statement (default 50). */
  readonly rowsPerStatement?: number;
  /**
   * Whether a checkpoint, not the journal, makes these rows durable (an import): full batches
   * are then bound at once (bulk-statement.ts), past the statement recorder.
   */
  readonly isCheckpointed?: boolean;
}

/** Creates a batched insert into `table`'s `columns`, in the current transaction. */
export function createBatchInsert(
  db: Database,
  table: string,
  columns: readonly string[],
  options: BatchInsertOptions = {},
): BatchInsert {
  const rowsPerStatement = options.rowsPerStatement ?? defaultRowsPerStatement;
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
  const row = `(${columns.map(() => '?').join(', ')})`;
  let many: Statement | BulkStatement | undefined;
  let one: Statement | undefined;
  const pending: SqlValue[] = [];
  const width = columns.length;
  const batchSize = width * rowsPerStatement;
  return {
    add(values) {
      for (let i = 0; i < width; i += 1) pending.push(values[i] ?? null);
      if (pending.length < batchSize) return;
      if (many === undefined) {
        const sql = head + new Array<string>(rowsPerStatement).fill(row).join(', ');
        many =
          (options.isCheckpointed === true ? prepareBulk(db, sql) : undefined) ?? db.prepare(sql);
      }
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
