/**
 * Records the SQL statements that change a project's database, in the order they ran, so an
 * operation can be made durable by appending them to the project's journal instead of saving
 * the whole file (issue #11, 持久化修改). Replaying the same statements, with the same bound
 * values, on the same snapshot gives the same database: SQLite gives a new row the next rowid
 * after the largest, and every time, user and value an operation writes is a bound value.
 *
 * The recorder sits in front of sql.js (a Proxy with the Database's own interface), so every
 * store that writes through `db.run`, `db.exec` or a prepared statement is recorded without
 * knowing it. Statements of a transaction that is rolled back are dropped; a statement that
 * throws is not recorded (SQLite undid it). Reads (SELECT, EXPLAIN, a PRAGMA without `=`) are
 * not recorded. What cannot be replayed faithfully by this scheme (savepoints, a script with
 * its own transaction), or is too big to journal (an import, a validation of every record),
 * marks the recorder as overflowed: the operation is then made durable by a checkpoint (a full
 * snapshot) instead.
 *
 * Written by hand: no library records sql.js statements; it is a thin wrapper over four calls.
 */
import type { BindParams, Database, ParamsObject, SqlValue, Statement } from 'sql.js';

/** One recorded statement: `run` (one statement, bound values) or `exec` (a script). */
export type RecordedStatement = readonly ['run' | 'exec', string, BindParams | null];

/** Above this many bytes (estimated) of statements, an operation is checkpointed instead. */
export const recordBudgetBytes = 32 * 1024 * 1024;

/** What kind of statement a piece of SQL is, by its first keyword. */
type SqlKind = 'read' | 'write' | 'begin' | 'commit' | 'rollback' | 'unsupported';

/** Classifies SQL by its first keyword (comments and whitespace skipped). */
export function classifySql(sql: string): SqlKind {
  const text = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  const word = /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase() ?? '';
  switch (word) {
    case 'SELECT':
    case 'EXPLAIN':
      return 'read';
    case 'PRAGMA':
      return text.includes('=') ? 'write' : 'read';
    case 'BEGIN':
      return 'begin';
    case 'COMMIT':
    case 'END':
      return 'commit';
    case 'ROLLBACK':
      return /^ROLLBACK\s+(TRANSACTION\s+)?TO\b/i.test(text) ? 'unsupported' : 'rollback';
    case 'SAVEPOINT':
    case 'RELEASE':
      return 'unsupported';
    default:
      return 'write';
  }
}

/** Whether a script run by `exec` holds transaction control of its own after its first statement. */
function hasInnerTransactionControl(sql: string): boolean {
  return /;\s*(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(sql);
}

/** Estimated bytes of a statement in the journal (for the budget, not exact). */
function estimateBytes(sql: string, params: BindParams | null): number {
  let bytes = sql.length + 8;
  if (params === null) return bytes;
  const values: SqlValue[] = Array.isArray(params) ? params : Object.values(params as ParamsObject);
  for (const value of values) bytes += typeof value === 'string' ? value.length * 2 + 3 : 12;
  return bytes;
}

/** The statements of the database's changes since the last `take`, and whether they fit. */
export class StatementRecorder {
  private pending: RecordedStatement[] = [];
  private pendingBytes = 0;
  /** Where the open transaction's statements start in `pending`, while one is open. */
  private transactionStart: number | undefined;
  private overflowed = false;
  /** Whether the open transaction is what overflowed (its rollback then undoes that too). */
  private isOverflowedInTransaction = false;

  /** Whether a transaction is open now (a checkpoint must wait until it ends). */
  get isInTransaction(): boolean {
    return this.transactionStart !== undefined;
  }

  /** Whether changes were made that the statements cannot carry: checkpoint instead. */
  get isOverflowed(): boolean {
    return this.overflowed;
  }

  /** Whether any change was made since the last `take` or `reset`. */
  get hasChanges(): boolean {
    return this.overflowed || this.pending.length > 0;
  }

  /** Says that the changes from now on are to be checkpointed, not journaled (an import). */
  overflow(): void {
    if (!this.overflowed && this.transactionStart !== undefined)
      this.isOverflowedInTransaction = true;
    this.overflowed = true;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.transactionStart !== undefined) this.transactionStart = 0;
  }

  /** Notes a statement that ran successfully. */
  noteStatement(kind: 'run' | 'exec', sql: string, params: BindParams | null): void {
    const sqlKind = classifySql(sql);
    if (kind === 'exec' && hasInnerTransactionControl(sql)) {
      this.overflow();
      return;
    }
    switch (sqlKind) {
      case 'read':
        return;
      case 'begin':
        this.transactionStart = this.pending.length;
        return;
      case 'commit':
        this.transactionStart = undefined;
        this.isOverflowedInTransaction = false;
        return;
      case 'rollback':
        if (this.isOverflowedInTransaction) this.overflowed = false;
        this.isOverflowedInTransaction = false;
        if (this.transactionStart !== undefined) {
          this.pending.length = this.transactionStart;
          this.pendingBytes = this.pending.reduce((sum, [, s, p]) => sum + estimateBytes(s, p), 0);
        }
        this.transactionStart = undefined;
        return;
      case 'unsupported':
        this.overflow();
        return;
      case 'write':
        if (this.overflowed) return;
        // Bound values are copied: a caller may reuse its array for the next row.
        this.pending.push([kind, sql, copyParams(params)]);
        this.pendingBytes += estimateBytes(sql, params);
        if (this.pendingBytes > recordBudgetBytes) this.overflow();
        return;
    }
  }

  /**
   * Takes the statements of committed changes (not those of a transaction still open), to
   * append them to the journal. Undefined when they overflowed: checkpoint instead.
   */
  take(): RecordedStatement[] | undefined {
    if (this.overflowed) return undefined;
    const end = this.transactionStart ?? this.pending.length;
    const taken = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    if (this.transactionStart !== undefined) this.transactionStart = 0;
    this.pendingBytes = this.pending.reduce((sum, [, s, p]) => sum + estimateBytes(s, p), 0);
    return taken;
  }

  /** Forgets every change noted so far: a checkpoint has put them into the snapshot. */
  reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.overflowed = false;
    this.isOverflowedInTransaction = false;
    this.transactionStart = undefined;
  }
}

function copyParams(params: BindParams | null | undefined): BindParams | null {
  if (params === null || params === undefined) return null;
  return Array.isArray(params) ? [...(params as SqlValue[])] : { ...(params as ParamsObject) };
}

/**
 * A Database that behaves exactly like `db` and notes every statement that ran successfully
 * with `recorder`. Prepared statements of writes are wrapped too; reads are handed out as is.
 */
export function createRecordingDatabase(db: Database, recorder: StatementRecorder): Database {
  const proxy: Database = new Proxy(db, {
    get(target, property) {
      switch (property) {
        case 'run':
          return (sql: string, params?: BindParams): Database => {
            target.run(sql, params);
            recorder.noteStatement(params === undefined ? 'exec' : 'run', sql, params ?? null);
            return proxy;
          };
        case 'exec':
          return (sql: string, params?: BindParams) => {
            const result = target.exec(sql, params);
            recorder.noteStatement('exec', sql, params ?? null);
            return result;
          };
        case 'prepare':
          return (sql: string, params?: BindParams): Statement => {
            const statement = target.prepare(sql, params);
            return classifySql(sql) === 'read'
              ? statement
              : createRecordingStatement(statement, sql, params ?? null, recorder);
          };
        case 'each':
        case 'iterateStatements':
          // Not used by the workbench; a write through them would escape the journal.
          throw new Error(`the project database does not offer ${String(property)}`);
        default: {
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function'
            ? (value as (...args: unknown[]) => unknown).bind(target)
            : value;
        }
      }
    },
  });
  return proxy;
}

/** A write statement that notes each execution with the values bound to it. */
function createRecordingStatement(
  statement: Statement,
  sql: string,
  initial: BindParams | null,
  recorder: StatementRecorder,
): Statement {
  let bound = copyParams(initial);
  const proxy: Statement = new Proxy(statement, {
    get(target, property) {
      switch (property) {
        case 'bind':
          return (params?: BindParams): boolean => {
            const result = target.bind(params);
            // sql.js keeps the earlier values when bind is given none.
            if (params !== undefined && params !== null) bound = copyParams(params);
            return result;
          };
        case 'run':
          return (params?: BindParams): void => {
            if (params !== undefined && params !== null) bound = copyParams(params);
            target.run(params);
            recorder.noteStatement('run', sql, bound);
          };
        case 'step':
          return (): boolean => {
            const result = target.step();
            recorder.noteStatement('run', sql, bound);
            return result;
          };
        case 'get':
        case 'getAsObject':
          return (params?: BindParams) => {
            // Only given values make get() step (and so run) the statement.
            const isRun = params !== undefined && params !== null;
            if (isRun) bound = copyParams(params);
            const result = property === 'get' ? target.get(params) : target.getAsObject(params);
            if (isRun) recorder.noteStatement('run', sql, bound);
            return result;
          };
        default: {
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function'
            ? (value as (...args: unknown[]) => unknown).bind(target)
            : value;
        }
      }
    },
  });
  return proxy;
}
