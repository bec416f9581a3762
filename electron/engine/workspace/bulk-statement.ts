/**
 * A prepared INSERT that binds a whole batch of values at once, for bulk loads (an import).
 *
 * sql.js binds each value on its own: for a string it measures and encodes it in JavaScript,
 * mallocs wasm memory for it, binds it through a wrapper, and frees it at the next reset. An
 * import binds some 20 values a row, and a CPU profile of a 100,000-row import spent more time
 * binding (15 %) than SQLite spent storing the rows (6 %). Here the strings of a batch are
 * encoded by Node in one call into one wasm buffer and each is bound by its offset (SQLite
 * reads them in place), numbers are bound directly, NULL is what a cleared binding holds.
 *
 * Written by hand: sql.js has no bulk bind, and no other SQLite runs here (see TOOLCHAIN.md).
 * It uses the C functions sql.js exports on its module (sqlite3_bind_text and friends, the same
 * ones its own Statement calls) and finds its statement's handle by asking SQLite for each
 * candidate's SQL text. When any of that is missing (another sql.js build), `prepareBulk`
 * answers undefined and the caller uses sql.js's own bind.
 *
 * The statement bypasses a recording proxy in front of the database (statement-recorder.ts):
 * use it only for writes a checkpoint makes durable, not the journal.
 */
import { Buffer } from 'node:buffer';
import type { Database, SqlValue, Statement } from 'sql.js';
import { loadedSqlite } from './load-sqlite.ts';

/** The C functions of SQLite that sql.js exports on its module, as used here. */
interface SqliteExports {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  writeArrayToMemory(bytes: Uint8Array, pointer: number): void;
  UTF8ToString(pointer: number): string;
  _sqlite3_sql(statement: number): number;
  _sqlite3_bind_text(
    statement: number,
    index: number,
    text: number,
    bytes: number,
    destructor: number,
  ): number;
  _sqlite3_bind_int(statement: number, index: number, value: number): number;
  _sqlite3_bind_double(statement: number, index: number, value: number): number;
  _sqlite3_step(statement: number): number;
  _sqlite3_reset(statement: number): number;
  _sqlite3_clear_bindings(statement: number): number;
}

const requiredExports: readonly (keyof SqliteExports)[] = [
  '_malloc',
  '_free',
  'writeArrayToMemory',
  'UTF8ToString',
  '_sqlite3_sql',
  '_sqlite3_bind_text',
  '_sqlite3_bind_int',
  '_sqlite3_bind_double',
  '_sqlite3_step',
  '_sqlite3_reset',
  '_sqlite3_clear_bindings',
];

const sqliteDone = 101;
/** SQLITE_STATIC: SQLite reads the bound text in place; it stays until the bindings clear. */
const sqliteStatic = 0;

/** A prepared INSERT that runs with one batch of values. */
export interface BulkStatement {
  /** Runs the statement with `values` bound to its parameters in order (missing: NULL). */
  run(values: readonly SqlValue[]): void;
  /** Frees the statement. */
  free(): void;
}

function sqliteExports(): SqliteExports | undefined {
  const module = loadedSqlite() as unknown as Partial<SqliteExports> | undefined;
  if (module === undefined) return undefined;
  for (const name of requiredExports) if (typeof module[name] !== 'function') return undefined;
  return module as SqliteExports;
}

/** The SQLite handle of a sql.js statement: the own number property SQLite says runs `sql`. */
function handleOf(statement: Statement, sql: string, sqlite: SqliteExports): number | undefined {
  for (const value of Object.values(statement)) {
    // Small numbers are sql.js's bind position, not a handle.
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 4096) continue;
    try {
      if (sqlite.UTF8ToString(sqlite._sqlite3_sql(value)) === sql) return value;
    } catch {
      // Not a statement: reading through it left wasm memory; try the next candidate.
    }
  }
  return undefined;
}

/** Throws SQLite's error for `code` as sql.js does (its typings omit the code argument). */
function throwSqliteError(db: Database, code: number): never {
  (db.handleError as (code: number) => null).call(db, code);
  throw new Error(`SQLite step failed with code ${code}`);
}

/**
 * Prepares `sql` (an INSERT) for bulk runs on `db`, or undefined when this build of sql.js
 * does not allow it (the caller then uses `db.prepare`).
 */
export function prepareBulk(db: Database, sql: string): BulkStatement | undefined {
  const sqlite = sqliteExports();
  if (sqlite === undefined) return undefined;
  const statement = db.prepare(sql);
  const handle = handleOf(statement, sql, sqlite);
  if (handle === undefined) {
    statement.free();
    return undefined;
  }
  return {
    run(values) {
      const texts: string[] = [];
      const lengths: number[] = [];
      for (let i = 0; i < values.length; i += 1) {
        const value = values[i];
        if (typeof value === 'string') {
          texts.push(value);
          lengths.push(Buffer.byteLength(value, 'utf8'));
        }
      }
      // One NUL between texts keeps a lone surrogate at the end of one text from pairing with
      // one at the start of the next: each text encodes as it does alone (as byteLength says).
      const bytes = Buffer.from(texts.join('\u0000'), 'utf8');
      // A blob run through sql.js (below) that failed left the statement unreset: bind would refuse.
      sqlite._sqlite3_reset(handle);
      const buffer = sqlite._malloc(Math.max(bytes.length, 1));
      try {
        sqlite.writeArrayToMemory(bytes, buffer);
        let at = buffer;
        let text = 0;
        for (let i = 0; i < values.length; i += 1) {
          const value = values[i];
          if (typeof value === 'string') {
            const length = lengths[text] ?? 0;
            sqlite._sqlite3_bind_text(handle, i + 1, at, length, sqliteStatic);
            at += length + 1;
            text += 1;
          } else if (typeof value === 'number') {
            // As sql.js binds a number: a 32-bit integer as INTEGER, any other as REAL.
            if (value === (value | 0)) sqlite._sqlite3_bind_int(handle, i + 1, value);
            else sqlite._sqlite3_bind_double(handle, i + 1, value);
          } else if (value !== null && value !== undefined) {
            // A blob: none is bulk loaded; sql.js's own statement binds it.
            sqlite._sqlite3_clear_bindings(handle);
            statement.run(values as SqlValue[]);
            return;
          }
        }
        const code = sqlite._sqlite3_step(handle);
        try {
          // SQLite's own message, thrown by sql.js as for its own statements. Not the statement
          // run again through sql.js: when SQLite ran out of memory it rolled the transaction
          // back, so a second run could succeed outside it. A memory database notes the code.
          if (code !== sqliteDone) throwSqliteError(db, code);
        } finally {
          sqlite._sqlite3_reset(handle);
        }
      } finally {
        sqlite._sqlite3_clear_bindings(handle);
        sqlite._free(buffer);
      }
    },
    free() {
      statement.free();
    },
  };
}
