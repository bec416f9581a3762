/**
 * What the project's stores share: the live database handle and the project's shape, behind
 * one small object the `Workspace` facade hands each store. The database is read through a
 * getter on every use, never kept: it is replaced when an import moves it into memory and when
 * a failed save reloads the project from disk.
 */
import type { Database, SqlValue } from 'sql.js';
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';

/** Who does an operation and why; `who` defaults to the signed-in user. */
export interface Actor {
  readonly who?: string;
  readonly why?: string;
}

/** The kinds of operations the history records. */
export type OperationKind =
  | 'create'
  | 'import'
  | 'cell-edit'
  | 'bulk-replace'
  | 'apply-suggestions'
  | 'mapping-change'
  | 'merge'
  | 'exemption'
  | 'exclusion';

/** The project as a store sees it. */
export interface StoreContext {
  /** The database every store writes through (journaled); read it anew on every use. */
  readonly db: Database;
  readonly pack: Pack;
  readonly dataset: Dataset;
  /** The dataset's field names, in field (and column) order. */
  readonly fieldNames: readonly string[];
  /** Records an operation in the history (discarding what was undone) and returns its id. */
  recordOperation(
    kind: OperationKind,
    actor: Actor,
    summary: LocalizedText,
    payload?: object,
  ): number;
  /** Makes every change so far durable (Workspace.save). */
  save(): Promise<void>;
}

/** The current time as the history records it. */
export const now = (): string => new Date().toISOString();

/** A name quoted as an SQL identifier (field names come from packs). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The first column of the first row a query returns, or undefined when it returns none. */
export function scalar(db: Database, sql: string, params: SqlValue[] = []): SqlValue | undefined {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    return statement.step() ? statement.get()[0] : undefined;
  } finally {
    statement.free();
  }
}

/** A query over the active records (their import is in force), in record order. */
export function activeRecordsSql(columns: string, where = '1 = 1'): string {
  return `SELECT ${columns} FROM records WHERE _source_id IN (SELECT s.id FROM sources s JOIN operations o ON o.id = s.operation_id WHERE o.state = 'done') AND ${where} ORDER BY _rid`;
}
