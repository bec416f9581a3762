/**
 * The issues store: validates every active record (replacing the stored issues), checks a few
 * records again after an edit, and answers the issue counts and values, keeping the error and
 * warning tally exact between full validations.
 */
import type { SqlValue, Statement } from 'sql.js';
import type { Issue } from '../../../shared/issue.ts';
import type { FirstRowIndex } from '../../../shared/rules/first-row-index.ts';
import { primaryKeyScope } from '../../../shared/rules/primary-key.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import { createDatasetValidator } from '../../../shared/validate/dataset-validator.ts';
import {
  countRecord,
  createValidationSummary,
  type ValidationSummary,
} from '../../../shared/validate/validation-summary.ts';
import { createBatchInsert } from './batch-insert.ts';
import { activeRecordsSql, quoteIdentifier, scalar, type StoreContext } from './store-context.ts';

/** The stored issues of one project. */
export class IssuesStore {
  /**
   * How many errors and warnings are stored: counted once (a scan of every issue: tens of
   * milliseconds at 1,000,000 rows, on every edit's answer) and kept exact as records are
   * checked again; forgotten when every record is checked again or imports come or go.
   */
  private tally: { errors: number; warnings: number } | undefined;

  constructor(private readonly context: StoreContext) {}

  /**
   * The first and last "today" the stored issues were checked with (a full validation sets
   * both, checking records again after an edit widens them); undefined for a project whose
   * issues predate this record. A package uses it to find the records whose day-dependent
   * rules could answer otherwise on its own day (write-package.ts).
   */
  checkedDays(): CheckedDays | undefined {
    // Read each time, never cached: a rolled-back transaction takes its change back with it.
    const from = scalar(this.context.db, 'SELECT value FROM meta WHERE key = ?', [checkedFromKey]);
    const to = scalar(this.context.db, 'SELECT value FROM meta WHERE key = ?', [checkedToKey]);
    return typeof from === 'string' && typeof to === 'string' ? { from, to } : undefined;
  }

  /** Notes that issues were checked as of `today` (every issue when `isAll`), inside the caller's transaction. */
  private noteCheckedDay(today: string, isAll: boolean): void {
    const known = isAll ? undefined : this.checkedDays();
    if (!isAll && known === undefined) return;
    const from = known === undefined || today < known.from ? today : known.from;
    const to = known === undefined || today > known.to ? today : known.to;
    if (known !== undefined && known.from === from && known.to === to) return;
    const upsert = 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)';
    this.context.db.run(upsert, [checkedFromKey, from]);
    this.context.db.run(upsert, [checkedToKey, to]);
  }

  /** The stored issues, in record order and, within a record, in the order the rules found them. */
  *iterateIssues(): Generator<Issue> {
    const statement = this.context.db.prepare(
      'SELECT rid, field, rule, severity, value, message_zh, message_en, suggestion FROM issues ORDER BY rid, id',
    );
    try {
      while (statement.step()) {
        const [rid, field, rule, severity, value, zh, en, suggestion] = statement.get();
        yield {
          rule: String(rule),
          severity: severity === 'error' ? 'error' : 'warning',
          row: Number(rid),
          field: String(field),
          value: String(value),
          message: { zh: String(zh), en: String(en) },
          ...(suggestion === null || suggestion === undefined
            ? {}
            : { suggestion: String(suggestion) }),
        };
      }
    } finally {
      statement.free();
    }
  }

  /** Forgets the error and warning tally (imports came or went): the next count scans. */
  forgetTally(): void {
    this.tally = undefined;
  }

  /** Runs every rule over every active record and replaces the stored issues. */
  validateAll(context: RuleContext): ValidationSummary {
    const validator = createDatasetValidator(this.context.pack, this.context.dataset, context);
    const summary = createValidationSummary();
    const db = this.context.db;
    this.tally = undefined;
    db.exec('BEGIN');
    try {
      db.run('DELETE FROM issues');
      this.noteCheckedDay(context.today, true);
      const insert = createBatchInsert(db, 'issues', issueColumns);
      const select = db.prepare(
        activeRecordsSql(['_rid', ...this.context.fieldNames.map(quoteIdentifier)].join(', ')),
      );
      try {
        while (select.step()) {
          const row = select.get();
          const rid = Number(row[0]);
          const values = row.slice(1).map((v) => (v === null ? undefined : String(v)));
          const issues = validator.validateRecord(rid, values);
          countRecord(summary, issues);
          for (const issue of issues) insert.add(issueRow(issue));
        }
        insert.flush();
      } finally {
        select.free();
        insert.free();
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    return summary;
  }

  /**
   * Starts validating records as they are written, in record order, inside the caller's
   * transaction (an import into a project with no active records): the stored issues are
   * replaced as `validateAll` would, without reading every record back from the database.
   */
  startValidation(context: RuleContext): RecordValidation {
    const validator = createDatasetValidator(this.context.pack, this.context.dataset, context);
    const summary = createValidationSummary();
    const db = this.context.db;
    this.tally = undefined;
    db.run('DELETE FROM issues');
    this.noteCheckedDay(context.today, true);
    // Only an import starts this; the checkpoint after it makes the issues durable.
    const insert = createBatchInsert(db, 'issues', issueColumns, { isCheckpointed: true });
    return {
      add(rid, values) {
        const issues = validator.validateRecord(rid, values);
        countRecord(summary, issues);
        for (const issue of issues) insert.add(issueRow(issue));
      },
      finish() {
        try {
          insert.flush();
        } finally {
          insert.free();
        }
        return summary;
      },
      free() {
        insert.free();
      },
    };
  }

  /**
   * Checks some records again after an edit: the edited ones, and those that share a unique
   * or primary-key value with them before or after the edit (a duplicate may have appeared or
   * gone). Uniqueness is answered from the stored records, in record order.
   */
  revalidate(
    rids: ReadonlySet<number>,
    keyValues: ReadonlyMap<string, Set<string>>,
    context: RuleContext,
  ): void {
    const affected = new Set(rids);
    for (const [field, values] of keyValues) {
      const statement = this.context.db.prepare(
        activeRecordsSql('_rid', `${quoteIdentifier(field)} = ?`),
      );
      try {
        for (const value of values) {
          statement.bind([value]);
          while (statement.step()) affected.add(Number(statement.get()[0]));
          statement.reset();
        }
      } finally {
        statement.free();
      }
    }
    this.noteCheckedDay(context.today, false);
    const index = this.createStoredFirstRowIndex();
    const validator = createDatasetValidator(
      this.context.pack,
      this.context.dataset,
      context,
      index,
    );
    const select = this.context.db.prepare(
      activeRecordsSql(
        ['_rid', ...this.context.fieldNames.map(quoteIdentifier)].join(', '),
        '_rid = ?',
      ),
    );
    const remove = this.context.db.prepare('DELETE FROM issues WHERE rid = ?');
    const insert = this.context.db.prepare(
      'INSERT INTO issues (rid, field, rule, severity, value, message_zh, message_en, suggestion) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const tally = this.tally;
    const severities = this.context.db.prepare('SELECT severity FROM issues WHERE rid = ?');
    const count = (severity: unknown, by: number): void => {
      if (tally === undefined) return;
      if (severity === 'error') tally.errors += by;
      else tally.warnings += by;
    };
    try {
      for (const rid of [...affected].sort((a, b) => a - b)) {
        if (tally !== undefined) {
          severities.bind([rid]);
          while (severities.step()) count(severities.get()[0], -1);
          severities.reset();
        }
        remove.run([rid]);
        select.bind([rid]);
        if (select.step()) {
          const row = select.get();
          const values = row.slice(1).map((v) => (v === null ? undefined : String(v)));
          for (const issue of validator.validateRecord(rid, values)) {
            insertIssue(insert, issue);
            count(issue.severity, 1);
          }
        }
        select.reset();
      }
    } finally {
      select.free();
      severities.free();
      remove.free();
      insert.free();
    }
  }

  /**
   * Checks the first active record and keeps nothing: what checking a record builds once (the
   * division code table's index, the code tables' lookups: some 60 ms) is then built while the
   * project opens, not in the clerk's first edit.
   */
  prepareChecks(context: RuleContext): void {
    const validator = createDatasetValidator(
      this.context.pack,
      this.context.dataset,
      context,
      this.createStoredFirstRowIndex(),
    );
    const select = this.context.db.prepare(
      `${activeRecordsSql(['_rid', ...this.context.fieldNames.map(quoteIdentifier)].join(', '))} LIMIT 1`,
    );
    try {
      if (!select.step()) return;
      const row = select.get();
      validator.validateRecord(
        Number(row[0]),
        row.slice(1).map((v) => (v === null ? undefined : String(v))),
      );
    } finally {
      select.free();
    }
  }

  /**
   * A first-row index answered by the stored records (for checking a few records again, here
   * or in a package).
   */
  createStoredFirstRowIndex(): FirstRowIndex {
    const keyFields = (this.context.dataset.primaryKey ?? []).map((name) => name);
    const pkScope = primaryKeyScope(keyFields.map((name) => ({ name })));
    const statements = new Map<string, Statement>();
    const statementFor = (scope: string): Statement => {
      let statement = statements.get(scope);
      if (statement === undefined) {
        const names = scope === pkScope ? keyFields : [scope];
        const where = names.map((name) => `${quoteIdentifier(name)} = ?`).join(' AND ');
        statement = this.context.db.prepare(
          activeRecordsSql('min(_rid)', where).replace(' ORDER BY _rid', ''),
        );
        statements.set(scope, statement);
      }
      return statement;
    };
    return {
      firstRow: (scope, key, row) => {
        const statement = statementFor(scope);
        statement.bind(scope === pkScope ? key.split('\u0000') : [key]);
        const first = statement.step() ? statement.get()[0] : null;
        statement.reset();
        return first === null || first === undefined ? row : Math.min(Number(first), row);
      },
    };
  }

  /**
   * The distinct values of the stored issues of a rule in a field, most frequent first (at most
   * `limit`), and how many distinct values there are in all.
   */
  issueValues(
    filter: { rule: string; field: string },
    limit: number,
  ): { values: { value: string; count: number }[]; distinct: number } {
    const rows =
      this.context.db.exec(
        'SELECT value, count(*) AS n FROM issues WHERE rule = ? AND field = ? GROUP BY value ORDER BY n DESC, value LIMIT ?',
        [filter.rule, filter.field, limit],
      )[0]?.values ?? [];
    const distinct = scalar(
      this.context.db,
      'SELECT count(DISTINCT value) FROM issues WHERE rule = ? AND field = ?',
      [filter.rule, filter.field],
    );
    return {
      values: rows.map(([value, count]) => ({ value: String(value), count: Number(count) })),
      distinct: Number(distinct ?? 0),
    };
  }

  /** Error and warning counts of the stored issues. */
  issueCounts(): { errors: number; warnings: number } {
    if (this.tally === undefined) {
      const rows =
        this.context.db.exec('SELECT severity, count(*) FROM issues GROUP BY severity')[0]
          ?.values ?? [];
      const counts = { errors: 0, warnings: 0 };
      for (const [severity, count] of rows) {
        if (severity === 'error') counts.errors = Number(count);
        else counts.warnings = Number(count);
      }
      this.tally = counts;
    }
    return { ...this.tally };
  }
}

/** The first and last day (ISO dates) the stored issues were checked as of. */
export interface CheckedDays {
  readonly from: string;
  readonly to: string;
}

const checkedFromKey = 'issues_checked_from';
const checkedToKey = 'issues_checked_to';

/** Records validated as they are written (see `IssuesStore.startValidation`). */
export interface RecordValidation {
  /** Validates one record (its values in field order; undefined: no column mapped). */
  add(rid: number, values: readonly (string | undefined)[]): void;
  /** Writes the issues still gathered and returns the counts. */
  finish(): ValidationSummary;
  /** Drops the issues still gathered (the import was rolled back). */
  free(): void;
}

/** The columns of an issue row, in the order `issueRow` gives them. */
const issueColumns = [
  'rid',
  'field',
  'rule',
  'severity',
  'value',
  'message_zh',
  'message_en',
  'suggestion',
];

/** An issue's row in the issues table. */
function issueRow(issue: Issue): SqlValue[] {
  return [
    issue.row,
    issue.field,
    issue.rule,
    issue.severity,
    issue.value,
    issue.message.zh,
    issue.message.en,
    issue.suggestion ?? null,
  ];
}

function insertIssue(statement: Statement, issue: Issue): void {
  statement.run(issueRow(issue));
}
