/**
 * The import store: writes imported tables into the project in one transaction (sources with
 * their provenance, the cells as read, the standardised records), validating each record as it
 * is written when no other records are in force (else every record after the load), builds the
 * key indexes after the load, and has the project saved.
 */
import type { SqlValue } from 'sql.js';
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { ValidationSummary } from '../../../shared/validate/validation-summary.ts';
import { createBatchInsert } from './batch-insert.ts';
import type { RecordValidation } from './issues-store.ts';
import {
  activeRecordsSql,
  now,
  quoteIdentifier,
  scalar,
  type Actor,
  type StoreContext,
} from './store-context.ts';

/** Where an imported table came from. */
export interface SourceInfo {
  readonly file: string;
  readonly sheet: string;
  readonly format: string;
  readonly encoding?: string;
  readonly headerRow: number;
  readonly columns: readonly string[];
}

/** One table of an import: where it came from, its rows, and how a row becomes a record. */
export interface ImportPart {
  readonly source: SourceInfo;
  readonly records: AsyncIterable<{ sourceRow: number; cells: readonly string[] }>;
  readonly toValues: (cells: readonly string[]) => readonly (string | undefined)[];
}

/** Progress of a long operation, for the job's progress bar. */
export type ProgressListener = (done: number, total?: number) => void;

/** What an import needs of the rest of the project, besides the shared context. */
export interface ImportHooks {
  /** Forgets cached record lists and counts: imports came. */
  invalidateRecords(): void;
  /** Validates every active record, replacing the stored issues. */
  validateAll(context: RuleContext): ValidationSummary;
  /** Starts validating records as they are written, replacing the stored issues. */
  startValidation(context: RuleContext): RecordValidation;
}

/** Imports into one project. */
export class ImportStore {
  constructor(
    private readonly context: StoreContext,
    private readonly hooks: ImportHooks,
  ) {}

  /**
   * Imports several tables as one operation (Workspace.importSources, once the database is held
   * in memory): a part that arrives as an error rolls the whole import back and is returned.
   */
  async importSources(
    parts: AsyncIterable<Result<ImportPart>>,
    options: Actor & {
      context: RuleContext;
      onProgress?: ProgressListener;
      signal?: AbortSignal;
      summary?: LocalizedText;
    },
  ): Promise<Result<{ operationId: number; rows: number; summary: ValidationSummary }>> {
    const db = this.context.db;
    // Into a project with no records in force, each record is validated as it is written (in
    // record order, as validateAll would): no second pass reading every record back.
    const isFirst =
      scalar(db, activeRecordsSql('1').replace(' ORDER BY _rid', ' LIMIT 1')) === undefined;
    db.exec('BEGIN');
    let rows = 0;
    let operationId: number;
    let validation: RecordValidation | undefined;
    let summary: ValidationSummary | undefined;
    try {
      if (isFirst) validation = this.hooks.startValidation(options.context);
      operationId = this.context.recordOperation(
        'import',
        options,
        options.summary ?? { zh: '导入', en: 'Import' },
      );
      const sourceIds: number[] = [];
      const labels: string[] = [];
      let rid = Number(scalar(db, 'SELECT coalesce(max(rid), 0) FROM source_rows') ?? 0);
      // An import is made durable by the checkpoint after it, not by the journal.
      const bulk = { isCheckpointed: true };
      const insertSource = createBatchInsert(
        db,
        'source_rows',
        ['rid', 'source_id', 'source_row', 'cells'],
        bulk,
      );
      const insertRecord = createBatchInsert(
        db,
        'records',
        ['_rid', '_source_id', '_source_row', ...this.context.fieldNames],
        bulk,
      );
      const width = this.context.fieldNames.length;
      const bound: SqlValue[] = new Array<SqlValue>(3 + width);
      try {
        for await (const part of parts) {
          if (!part.ok) {
            validation?.free();
            db.exec('ROLLBACK');
            return part;
          }
          const { source, records, toValues } = part.value;
          labels.push(`${source.file}${source.sheet === source.file ? '' : ` / ${source.sheet}`}`);
          db.run(
            'INSERT INTO sources (file, sheet, format, encoding, header_row, columns, imported_at, operation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            [
              source.file,
              source.sheet,
              source.format,
              source.encoding ?? null,
              source.headerRow,
              JSON.stringify(source.columns),
              now(),
              operationId,
            ],
          );
          const sourceId = Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0]);
          sourceIds.push(sourceId);
          const firstRid = rid + 1;
          let sourceRows = 0;
          for await (const record of records) {
            if (options.signal?.aborted) throw new ImportCancelled();
            rid += 1;
            rows += 1;
            sourceRows += 1;
            insertSource.add([rid, sourceId, record.sourceRow, JSON.stringify(record.cells)]);
            const values = toValues(record.cells);
            bound[0] = rid;
            bound[1] = sourceId;
            bound[2] = record.sourceRow;
            for (let i = 0; i < width; i += 1) bound[3 + i] = values[i] ?? null;
            insertRecord.add(bound);
            validation?.add(rid, values);
            if (rows % 10_000 === 0) options.onProgress?.(rows);
          }
          insertSource.flush();
          insertRecord.flush();
          db.run('UPDATE sources SET row_count = ?, first_rid = ?, last_rid = ? WHERE id = ?', [
            sourceRows,
            firstRid,
            rid,
            sourceId,
          ]);
        }
      } finally {
        insertSource.free();
        insertRecord.free();
      }
      db.run('UPDATE operations SET summary = ?, summary_en = ?, payload = ? WHERE id = ?', [
        options.summary?.zh ?? `导入 ${labels.join('、')}`,
        options.summary?.en ?? `Imported ${labels.join(', ')}`,
        JSON.stringify(
          sourceIds.length === 1 ? { sourceId: sourceIds[0], rows } : { sourceIds, rows },
        ),
        operationId,
      ]);
      summary = validation?.finish();
      // The validation holds what its unique and key rules remembered (every key of the import:
      // some 100 MB at 1,000,000 rows); let it go before the checkpoint doubles the project in
      // memory to write it.
      validation = undefined;
      this.ensureKeyIndexes();
      this.hooks.invalidateRecords();
      db.exec('COMMIT');
    } catch (error) {
      validation?.free();
      db.exec('ROLLBACK');
      if (error instanceof ImportCancelled)
        return err(
          'cancelled',
          '已取消导入，项目未改变',
          'Import cancelled; the project is unchanged',
        );
      throw error;
    }
    summary ??= this.hooks.validateAll(options.context);
    await this.context.save();
    return ok({ operationId, rows, summary });
  }

  /** Indexes the unique and primary-key fields, so edits can check duplicates without a scan. */
  private ensureKeyIndexes(): void {
    const keyed = new Set<string>();
    for (const field of this.context.dataset.fields)
      if (field.constraints?.unique === true) keyed.add(field.name);
    for (const name of this.context.dataset.primaryKey ?? []) keyed.add(name);
    for (const name of keyed) {
      this.context.db.run(
        `CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`records_${name}`)} ON records (${quoteIdentifier(name)})`,
      );
    }
  }
}

class ImportCancelled extends Error {}
