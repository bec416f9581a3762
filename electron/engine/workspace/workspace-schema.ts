/**
 * The project file's schema (a `.dsw` file is a SQLite database any SQLite tool can open).
 * `PRAGMA user_version` holds the schema version; `migrations[n]` takes a file from version n
 * to n + 1, so an old project opens in a new app.
 */
import type { Database } from 'sql.js';
import { packageHistorySql } from './package-history.ts';

/** The schema version this build writes. */
export const schemaVersion = 3;

/** The text stored under meta.format, to recognise a project file. */
export const projectFormat = 'data-steward-workbench project';

const version1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- One row per imported file or sheet: where the records came from (provenance).
CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  file        TEXT NOT NULL,
  sheet       TEXT NOT NULL,
  format      TEXT NOT NULL,
  encoding    TEXT,
  header_row  INTEGER NOT NULL,
  columns     TEXT NOT NULL,          -- JSON array of the source headers
  row_count   INTEGER NOT NULL DEFAULT 0,
  first_rid   INTEGER,                -- an import's records have ids first_rid..last_rid
  last_rid    INTEGER,
  imported_at TEXT NOT NULL,
  operation_id INTEGER
);
-- The source cells exactly as read, one row per record: the standardised values are derived
-- from these by the mapping, and edits never touch them.
CREATE TABLE source_rows (
  rid        INTEGER PRIMARY KEY,     -- the record id, also records._rid
  source_id  INTEGER NOT NULL,
  source_row INTEGER NOT NULL,        -- the row number the clerk sees in the spreadsheet
  cells      TEXT NOT NULL            -- JSON array, one string per source column
);
-- Issues found by the last validation, stored with the rows so the UI can page and filter.
CREATE TABLE issues (
  id         INTEGER PRIMARY KEY,
  rid        INTEGER NOT NULL,
  field      TEXT NOT NULL,
  rule       TEXT NOT NULL,
  severity   TEXT NOT NULL,
  value      TEXT NOT NULL,
  message_zh TEXT NOT NULL,
  message_en TEXT NOT NULL,
  suggestion TEXT
);
CREATE INDEX issues_rid ON issues (rid);
CREATE INDEX issues_rule ON issues (rule, severity);
CREATE INDEX issues_field ON issues (field, severity);
-- The operation history: every change, with who, when, what and why. Undone operations stay
-- (state 'undone'); a new operation after an undo marks them 'discarded'. Nothing is deleted.
CREATE TABLE operations (
  id        INTEGER PRIMARY KEY,
  kind      TEXT NOT NULL,
  who       TEXT NOT NULL,
  at        TEXT NOT NULL,
  why       TEXT NOT NULL DEFAULT '',
  summary   TEXT NOT NULL,
  payload   TEXT NOT NULL DEFAULT '{}',
  state     TEXT NOT NULL DEFAULT 'done',
  undone_at TEXT
);
-- Every cell an operation changed, old and new, for undo, redo and the audit trail.
CREATE TABLE cell_changes (
  operation_id INTEGER NOT NULL,
  rid          INTEGER NOT NULL,
  field        TEXT NOT NULL,
  old          TEXT,
  new          TEXT
);
CREATE INDEX cell_changes_operation ON cell_changes (operation_id);
-- Exemptions a reviewer recorded for blocking issues: a rule, optionally narrowed to a field
-- and a record. In force while their operation is done.
CREATE TABLE exemptions (
  operation_id INTEGER NOT NULL,
  rule         TEXT NOT NULL,
  field        TEXT,
  rid          INTEGER,
  reason       TEXT NOT NULL,
  reviewer     TEXT NOT NULL
);
-- Records left out of packages, each with the operation that excluded it.
CREATE TABLE exclusions (
  operation_id INTEGER NOT NULL,
  rid          INTEGER NOT NULL
);
CREATE INDEX exclusions_rid ON exclusions (rid);
`;

/** Creates the records table: system columns, then one TEXT column per standard field. */
export function createRecordsTableSql(fieldNames: readonly string[]): string {
  const columns = fieldNames.map((name) => `  "${name}" TEXT`).join(',\n');
  return `CREATE TABLE records (
  _rid        INTEGER PRIMARY KEY,
  _source_id  INTEGER NOT NULL,
  _source_row INTEGER NOT NULL,
  _excluded   INTEGER NOT NULL DEFAULT 0,
${columns}
);`;
}

/** Migrations by the version they start from. */
const migrations: Readonly<Record<number, (db: Database) => void>> = {
  // 2: an operation's summary in English too, for the history and undo in English mode
  // (empty in projects from version 1: those show the Chinese summary).
  1: (db) => db.exec("ALTER TABLE operations ADD COLUMN summary_en TEXT NOT NULL DEFAULT ''"),
  // 3: the packages the project wrote and their records' fingerprints, for incremental
  // packages (增量报送, issue #15).
  2: (db) => db.exec(packageHistorySql),
};

/** Creates the schema in an empty database. */
export function createSchema(db: Database, fieldNames: readonly string[]): void {
  db.exec(version1);
  db.exec(createRecordsTableSql(fieldNames));
  db.exec('PRAGMA user_version = 1');
  migrate(db);
}

/** Brings an opened project to the current schema; refuses one from a newer app. */
export function migrate(db: Database): { from: number } | { tooNew: number } {
  const from = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0);
  if (from > schemaVersion) return { tooNew: from };
  for (let version = from; version < schemaVersion; version += 1) {
    const step = migrations[version];
    if (step === undefined) throw new Error(`no migration from schema version ${version}`);
    step(db);
    db.exec(`PRAGMA user_version = ${version + 1}`);
  }
  return { from };
}
