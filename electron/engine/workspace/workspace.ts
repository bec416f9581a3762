/**
 * A project (one `.dsw` file): a SQLite database in memory (sql.js). Each operation is made
 * durable by appending the statements it ran to the project's journal (`.dsw-journal`), and the
 * whole database is written to the `.dsw` snapshot at checkpoints: on close, after an import,
 * when idle, and when the journal grows large (docs/DESIGN.md, "Durability: snapshot and
 * journal"). It holds the pack it was made for, the sources with their provenance, the
 * standardised records, the issues of the last validation, and the operation history, which
 * drives undo and redo (across reopen) and the audit trail.
 *
 * Runs in the engine (a worker thread in the app, the process itself in the CLI). Rows stream
 * in and out; the whole table is never held as JavaScript objects.
 */
import {
  insertPackage,
  listPackages,
  loadPackageBase,
  type PackageHistoryEntry,
} from './package-history.ts';
import type { PackageBase } from '../package/record-fingerprint.ts';
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { fileLockedError, isFileLocked } from '../file-locked.ts';
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import type { Database, SqlValue, Statement } from 'sql.js';
import type { ReplaceMatch } from '../../../shared/ipc/contract.ts';
import type { Issue } from '../../../shared/issue.ts';
import { parsePack } from '../../../shared/pack/load-pack.ts';
import { describeRule } from '../../../shared/package/describe-rule.ts';
import type { Dataset, Pack } from '../../../shared/pack/pack-schema.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { RuleContext } from '../../../shared/rules/rule-issue.ts';
import type { ValidationSummary } from '../../../shared/validate/validation-summary.ts';
import { diskFullError, isDiskFull } from '../disk-full.ts';
import { loadSqlite } from './load-sqlite.ts';
import {
  copyIntoMemory,
  hasRunOutOfMemory,
  isMemoryDatabase,
  readDatabaseFile,
} from './memory-database.ts';
import {
  databaseBytes,
  defaultProjectLimits,
  isOutOfMemory,
  projectFileTooLargeError,
  projectTooLargeError,
  ProjectTooLargeError,
  type ProjectLimits,
} from './project-size.ts';
import { acquireLock, removeAbandonedSaves, writeFileAtomically } from './project-file.ts';
import {
  createJournalId,
  encodeJournalRecord,
  journalPathFor,
  journalHeaderBytes,
  JournalWriter,
  noJournalId,
  readJournal,
  type JournalRecord,
} from './project-journal.ts';
import { createRecordingDatabase, StatementRecorder } from './statement-recorder.ts';
import { createSchema, migrate, projectFormat } from './workspace-schema.ts';
import { writeProjectSummary } from './project-summary.ts';
import {
  ImportStore,
  type ImportPart,
  type ProgressListener,
  type SourceInfo,
} from './import-store.ts';
import { IssuesStore, type CheckedDays } from './issues-store.ts';
import type { FirstRowIndex } from '../../../shared/rules/first-row-index.ts';
import {
  createTypedValueStandardizer,
  type TypedValueStandardizer,
} from '../../../shared/standard/create-typed-value-standardizer.ts';
import { OperationLog, type AuditEntry, type Operation } from './operation-log.ts';
import { ReviewStore, type Exemption, type PreflightGroup } from './review-store.ts';
import {
  activeRecordsSql,
  now,
  quoteIdentifier,
  scalar,
  type Actor,
  type OperationKind,
  type StoreContext,
} from './store-context.ts';

export type { Actor, OperationKind } from './store-context.ts';
export type { Exemption, PreflightGroup } from './review-store.ts';
export type { AuditEntry, Operation } from './operation-log.ts';
export type { ImportPart, ProgressListener, SourceInfo } from './import-store.ts';

/** What a project is for. */
export interface ProjectInfo {
  readonly packId: string;
  readonly packVersion: string;
  readonly packSha256: string;
  readonly dataset: string;
  readonly department: string;
  readonly period: string;
  readonly createdAt: string;
}

/** One record as the grid shows it. */
export interface RecordRow {
  readonly rid: number;
  readonly sourceId: number;
  readonly sourceRow: number;
  /** Standardised values in field order (null: no source column feeds the field). */
  readonly values: readonly (string | null)[];
}

/** A column's filter (筛选): the values kept ('' stands for blank) and/or a text the value contains. */
export interface ColumnFilter {
  readonly field: string;
  readonly values?: readonly string[] | undefined;
  readonly text?: string | undefined;
}

/** The grid's order: by a field, ascending or descending (blanks last either way, like Excel). */
export interface RecordSort {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * Which records a page shows, in which order: all, or those with issues (of a rule, in a
 * field), narrowed by column filters, sorted by a field (absent: record order).
 */
export interface RecordFilter {
  readonly withIssues?: boolean | undefined;
  readonly rule?: string | undefined;
  readonly field?: string | undefined;
  readonly columns?: readonly ColumnFilter[] | undefined;
  readonly sort?: RecordSort | undefined;
}

/** Where 查找 landed: the row (in the grid's order) and field index, and which match of how many. */
export interface FoundCell {
  readonly row: number;
  readonly column: number;
  readonly rid: number;
  readonly ordinal: number;
  readonly isWrapped: boolean;
}

/** The most values a column's value list (筛选) gives; a text box narrows the rest. */
export const maxColumnValues = 1000;

/** A stored issue. */
export interface StoredIssue extends Issue {
  readonly id: number;
}

/** SHA-256 of a pack's canonical JSON, recorded so a package can say exactly which pack it met. */
export function hashPack(pack: Pack): string {
  return createHash('sha256').update(JSON.stringify(pack)).digest('hex');
}

/**
 * How many typed values an operation keeps beside the stored ones (in its payload): enough for
 * every edit a clerk makes by hand, while a replace over a million cells stays small.
 */
const typedKept = 1000;

/** A project file opened for work. Create or open one with the static methods; close it when done. */
export class Workspace {
  readonly path: string;
  readonly pack: Pack;
  readonly dataset: Dataset;
  readonly info: ProjectInfo;
  /**
   * The database as every store uses it: sql.js behind the statement recorder, so each change
   * can be journaled. Replaced only when a failed save rolls the project back to what is on disk.
   */
  private db: Database;
  /** The same database without the recorder: for checkpoints, which are not operations. */
  private rawDb: Database;
  private readonly recorder = new StatementRecorder();
  private readonly releaseLock: () => Promise<void>;
  private readonly fieldNames: readonly string[];
  /**
   * What a written value is stored as: every write path (edit, paste, fill down, clear,
   * replace, 采用, value maps, a merged error workbook) goes through `applyChanges`, which
   * stores the one standardisation of the value, as the import does (issue #11).
   */
  private readonly standardizeTyped: TypedValueStandardizer;
  /** Saves and checkpoints run one after another, each after the last has settled. */
  private saving: Promise<void> = Promise.resolve();
  /** The sequence number of the last operation acknowledged (in the journal or the snapshot). */
  private seq: number;
  /** The journal id of the snapshot on disk: a journal continues it only if it carries this id. */
  private snapshotJournalId: string;
  /**
   * The open journal. Started at each checkpoint and on opening (an empty journal of the
   * snapshot), so an operation only appends to it; undefined only when starting it failed, and
   * then the next operation starts it.
   */
  private journal: JournalWriter | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  /**
   * Set when a checkpoint failed after its rename (flushing the folder failed): the snapshot on
   * disk may be the new one or the old one, so no journal can safely continue it; operations
   * are checkpointed until one checkpoint succeeds. The old journal is kept meanwhile.
   */
  private isSnapshotUnsure = false;
  private checkpointPolicy: CheckpointPolicy = defaultCheckpointPolicy;
  /** The active records' ids in order, cached until an import comes or goes. */
  private activeRids: Int32Array | undefined;
  /** The ids of the records each issue filter selects, cached until the issues change. */
  private readonly filteredRids = new Map<string, Int32Array>();
  /**
   * Sort orders and column-filter selections, kept through edits while the grid stays on the
   * same view (like Excel: an edited row stays where it is until the sort or filter is applied
   * again); recomputed when another view asks and the values changed meanwhile.
   */
  private readonly viewRids = new Map<string, { version: number; rids: Int32Array }>();
  /** The values' version each view's selection in `filteredRids` was made at. */
  private readonly viewVersions = new Map<string, number>();
  /** The view the grid last paged through. */
  private lastView = '';
  /** The last search's matches, for 查找's next and previous. */
  private found: FoundCells | undefined;
  /**
   * How many active records fill each field, for the quality summary: counted once (a full
   * scan: seconds at 1,000,000 rows) and kept exact through cell changes, forgotten when
   * imports come or go.
   */
  private filled: FilledCounts | undefined;
  /** Changes whenever any record value changes (so a count taken meanwhile is not kept). */
  private valuesVersion = 0;
  private isClosed = false;
  /** What the stores share: the live database handle and the project's shape. */
  private readonly context: StoreContext;
  private readonly review: ReviewStore;
  private readonly issues: IssuesStore;
  private readonly operations: OperationLog;
  private readonly imports: ImportStore;
  /** How large the project may grow (see project-size.ts). */
  private readonly limits: ProjectLimits;

  private constructor(
    path: string,
    db: Database,
    pack: Pack,
    dataset: Dataset,
    info: ProjectInfo,
    release: () => Promise<void>,
    durable: DurableState,
    limits: ProjectLimits,
  ) {
    this.path = path;
    this.limits = limits;
    this.rawDb = db;
    this.db = createRecordingDatabase(db, this.recorder);
    this.seq = durable.seq;
    this.snapshotJournalId = durable.journalId;
    this.journal = durable.journal;
    this.pack = pack;
    this.dataset = dataset;
    this.info = info;
    this.releaseLock = release;
    this.fieldNames = dataset.fields.map((f) => f.name);
    this.standardizeTyped = createTypedValueStandardizer(pack, dataset);
    this.context = this.createContext();
    this.review = new ReviewStore(this.context);
    this.issues = new IssuesStore(this.context);
    this.operations = new OperationLog(this.context);
    this.imports = new ImportStore(this.context, {
      invalidateRecords: () => this.invalidate('records'),
      validateAll: (context) => this.validateAll(context),
      startValidation: (context) => {
        this.invalidate('issues');
        const validation = this.issues.startValidation(context);
        return {
          ...validation,
          // Pages read while the import ran may have kept issue filters of a half-written state.
          finish: () => {
            const summary = validation.finish();
            this.invalidate('issues');
            return summary;
          },
        };
      },
    });
  }

  /** The context the stores share; its `db` is read live, as the handle is replaced. */
  private createContext(): StoreContext {
    const db = (): Database => this.db;
    return {
      get db() {
        return db();
      },
      pack: this.pack,
      dataset: this.dataset,
      fieldNames: this.fieldNames,
      recordOperation: (kind, actor, summary, payload) =>
        this.recordOperation(kind, actor, summary, payload),
      save: () => this.save(),
    };
  }

  /** Creates a new project file for a pack's dataset and saves it. */
  static async create(
    path: string,
    options: {
      pack: Pack;
      dataset: string;
      department: string;
      period: string;
      limits?: ProjectLimits;
    } & Actor,
  ): Promise<Result<Workspace>> {
    const dataset = options.pack.datasets.find((d) => d.name === options.dataset);
    if (dataset === undefined) {
      return err(
        'dataset-not-found',
        `标准包中没有数据集「${options.dataset}」`,
        `The pack has no dataset "${options.dataset}"`,
      );
    }
    const lock = await acquireLock(path);
    if (!lock.ok) return lock;
    const SQL = await loadSqlite();
    const db = new SQL.Database();
    createSchema(
      db,
      dataset.fields.map((f) => f.name),
    );
    const info: ProjectInfo = {
      packId: options.pack.id,
      packVersion: options.pack.version,
      packSha256: hashPack(options.pack),
      dataset: dataset.name,
      department: options.department,
      period: options.period,
      createdAt: now(),
    };
    const meta: Record<string, string> = {
      format: projectFormat,
      pack_id: info.packId,
      pack_version: info.packVersion,
      pack_sha256: info.packSha256,
      pack_json: JSON.stringify(options.pack),
      dataset: info.dataset,
      department: info.department,
      period: info.period,
      created_at: info.createdAt,
    };
    const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(meta)) insert.run([key, value]);
    insert.free();
    const workspace = new Workspace(
      path,
      db,
      options.pack,
      dataset,
      info,
      lock.value,
      { seq: 0, journalId: noJournalId, journal: undefined },
      options.limits ?? defaultProjectLimits,
    );
    workspace.recordOperation('create', options, {
      zh: `新建项目：${options.pack.title} / ${dataset.title}，${info.department}，${info.period}`,
      en: `New project: ${options.pack.title} / ${dataset.title}, ${info.department}, ${info.period}`,
    });
    try {
      // A journal left beside by an earlier project of this name must not be replayed onto this one.
      await rm(journalPathFor(path), { force: true });
      await workspace.writeCheckpoint({ isReloadOnFailure: false });
    } catch (error) {
      // Nothing was saved: there is no project to keep open.
      db.close();
      await lock.value();
      if (isDiskFull(error)) return diskFullError(error);
      throw error;
    }
    return ok(workspace);
  }

  /**
   * Opens a project file: checks it, migrates its schema, and takes its lock. A file larger
   * than the project size limit is refused before it is read (it would not fit in memory).
   */
  static async open(
    path: string,
    options: { limits?: ProjectLimits } = {},
  ): Promise<Result<Workspace>> {
    const limits = options.limits ?? defaultProjectLimits;
    let bytes: Uint8Array;
    try {
      const { size } = await stat(path);
      if (size > limits.sizeLimitBytes) return projectFileTooLargeError(path, size, limits);
      bytes = await readDatabaseFile(path);
    } catch (error) {
      if (isFileLocked(error)) return fileLockedError(path, error);
      return err(
        'project-unreadable',
        `无法读取项目文件：${path}`,
        `Cannot read the project file: ${path}`,
      );
    }
    const lock = await acquireLock(path);
    if (!lock.ok) return lock;
    await removeAbandonedSaves(path);
    await removeAbandonedSaves(journalPathFor(path));
    const fail = async (
      code: string,
      zh: string,
      en: string,
      details?: readonly string[],
    ): Promise<Result<Workspace>> => {
      await lock.value();
      return err(code, zh, en, details);
    };
    const SQL = await loadSqlite();
    let db: Database;
    try {
      db = new SQL.Database(bytes);
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch {
      return fail(
        'project-corrupt',
        '项目文件已损坏或不是项目文件',
        'The project file is damaged or not a project file',
      );
    }
    const meta = new Map<string, string>();
    try {
      for (const row of db.exec('SELECT key, value FROM meta')[0]?.values ?? [])
        meta.set(String(row[0]), String(row[1]));
    } catch {
      db.close();
      return fail(
        'project-not-dsw',
        '这不是数据归集工作台的项目文件',
        'This is not a Data Steward Workbench project file',
      );
    }
    if (meta.get('format') !== projectFormat) {
      db.close();
      return fail(
        'project-not-dsw',
        '这不是数据归集工作台的项目文件',
        'This is not a Data Steward Workbench project file',
      );
    }
    const migrated = migrate(db);
    if ('tooNew' in migrated) {
      db.close();
      return fail(
        'project-too-new',
        '项目文件来自更新版本的工作台，请升级后再打开',
        'The project was saved by a newer version; upgrade to open it',
      );
    }
    const pack = parsePack(JSON.parse(meta.get('pack_json') ?? 'null'));
    const dataset = pack.ok
      ? pack.value.datasets.find((d) => d.name === meta.get('dataset'))
      : undefined;
    if (!pack.ok || dataset === undefined) {
      db.close();
      return fail(
        'project-pack-invalid',
        '项目文件中的标准包无效',
        'The standard pack stored in the project is invalid',
      );
    }
    const info: ProjectInfo = {
      packId: meta.get('pack_id') ?? '',
      packVersion: meta.get('pack_version') ?? '',
      packSha256: meta.get('pack_sha256') ?? '',
      dataset: dataset.name,
      department: meta.get('department') ?? '',
      period: meta.get('period') ?? '',
      createdAt: meta.get('created_at') ?? '',
    };
    const durable = await restoreJournal(db, path);
    if (!durable.ok) {
      db.close();
      return fail(
        durable.error.code,
        durable.error.message.zh,
        durable.error.message.en,
        durable.error.details,
      );
    }
    const workspace = new Workspace(
      path,
      db,
      pack.value,
      dataset,
      info,
      lock.value,
      durable.value,
      limits,
    );
    // No journal continues the snapshot yet: start it now, so the first edit only appends.
    if (durable.value.journal === undefined) await workspace.startJournal();
    // Any day does: the check only builds what checking needs, its issues are not kept.
    workspace.issues.prepareChecks({ today: new Date().toISOString().slice(0, 10) });
    return ok(workspace);
  }

  /** The journal beside the project file. */
  get journalPath(): string {
    return journalPathFor(this.path);
  }

  /**
   * Sets when checkpoints run: `idleMs` after the last operation, at once when the journal
   * passes `journalBytes`; `run` runs each one (the engine passes its write gate, so a
   * checkpoint never runs inside another change).
   */
  configureCheckpoints(policy: Partial<CheckpointPolicy>): void {
    this.checkpointPolicy = { ...this.checkpointPolicy, ...policy };
  }

  /**
   * Checkpoints (writes the whole database to the snapshot, then drops the journal), then
   * closes the database and releases the lock. The lock is released even when that checkpoint
   * fails; the failure is then thrown, and the journal stays, so nothing acknowledged is lost.
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.cancelCheckpointTimer();
    let isCheckpointed = false;
    try {
      await this.serialize(() => this.writeCheckpoint({ isReloadOnFailure: false }));
      isCheckpointed = true;
    } finally {
      this.isClosed = true;
      this.cancelCheckpointTimer();
      const journal = this.journal;
      this.journal = undefined;
      try {
        await journal?.close();
        // The snapshot now holds everything and the journal nothing: a closed project is its
        // snapshot alone. A journal that still holds operations (the checkpoint failed) stays.
        if (isCheckpointed && (journal?.size ?? journalHeaderBytes) === journalHeaderBytes)
          await rm(this.journalPath, { force: true });
      } finally {
        this.rawDb.close();
        await this.releaseLock();
      }
    }
  }

  /**
   * Makes every change so far durable, and resolves only then: the statements they ran are
   * appended to the journal as one record and flushed to disk; changes too big to journal (an
   * import) are checkpointed instead. Saves are serialised: one asked for while another runs
   * waits for it. A save that fails (a full disk) rolls the project back to what is on disk
   * (snapshot and journal), so what the clerk sees is what is on disk, and throws; the saves
   * after it still run.
   */
  save(): Promise<void> {
    return this.serialize(() => this.appendToJournal());
  }

  /**
   * Writes a checkpoint now: the whole database to the snapshot (temp file, flush, rename),
   * then drops the journal, whose operations the snapshot now holds.
   */
  checkpoint(): Promise<void> {
    return this.serialize(() => this.writeCheckpoint({ isReloadOnFailure: false }));
  }

  /** Runs `work` after every earlier save or checkpoint has settled, however it ended. */
  private serialize(work: () => Promise<void>): Promise<void> {
    const next = this.saving
      .catch(() => undefined) // that failure was thrown to its own caller
      .then(work);
    this.saving = next;
    return next;
  }

  private async appendToJournal(): Promise<void> {
    if (this.isClosed) return;
    if (this.recorder.isOverflowed || (this.isSnapshotUnsure && this.recorder.hasChanges)) {
      await this.writeCheckpoint({ isReloadOnFailure: true });
      return;
    }
    const statements = this.recorder.take() ?? [];
    if (statements.length === 0) return;
    const seq = this.seq + 1;
    let journal: JournalWriter;
    try {
      // Started at the checkpoint; only when that failed does this operation start it.
      this.journal ??= await JournalWriter.create(this.journalPath, this.snapshotJournalId);
      journal = this.journal;
      await journal.append(encodeJournalRecord(seq, statements));
    } catch (error) {
      await this.reloadFromDisk();
      throw error;
    }
    this.seq = seq;
    this.scheduleCheckpoint(
      journal.size > this.checkpointPolicy.journalBytes ? 0 : this.checkpointPolicy.idleMs,
    );
  }

  /**
   * Writes the snapshot: the last sequence number it holds and a new journal id go into its
   * meta table, the database is exported to a temp file that is flushed and renamed over the
   * project; then the old journal is dropped. If the snapshot cannot be written, the journal
   * stays as it was (so nothing acknowledged is lost), and changes that were not journaled are
   * rolled back when `isReloadOnFailure` (what the clerk sees is what is on disk).
   */
  private async writeCheckpoint(options: { isReloadOnFailure: boolean }): Promise<void> {
    if (this.isClosed) return;
    this.cancelCheckpointTimer();
    if (this.recorder.isInTransaction) {
      // An import holds a transaction across awaits: its half is not to be written. Later.
      this.scheduleCheckpoint(this.checkpointPolicy.idleMs);
      return;
    }
    const hasUnjournaled = this.recorder.hasChanges;
    // Nothing since the snapshot (no journaled operation, no change, the snapshot sure): it is
    // already what a checkpoint would write. Closing a 1,000,000-row project read only takes
    // no seconds.
    const isJournalEmpty = (this.journal?.size ?? journalHeaderBytes) === journalHeaderBytes;
    if (!hasUnjournaled && isJournalEmpty && !this.isSnapshotUnsure) return;
    const seq = hasUnjournaled ? this.seq + 1 : this.seq;
    const journalId = createJournalId();
    // Through the raw database: these rows describe the snapshot, they are not an operation.
    this.rawDb.run(
      "INSERT OR REPLACE INTO meta (key, value) VALUES ('journal_seq', ?), ('journal_id', ?)",
      [String(seq), journalId],
    );
    const before = await fileIdentity(this.path);
    try {
      await writeFileAtomically(this.path, this.rawDb.export());
    } catch (error) {
      if ((await fileIdentity(this.path)) !== before) this.isSnapshotUnsure = true;
      if (options.isReloadOnFailure && hasUnjournaled) await this.reloadFromDisk();
      throw error;
    }
    this.isSnapshotUnsure = false;
    this.recorder.reset();
    this.seq = seq;
    this.snapshotJournalId = journalId;
    await this.writeSummary();
    // The snapshot now holds every operation of the old journal: replace it by the new
    // snapshot's empty journal (temp file, flush, rename), so the next operation only appends.
    const old = this.journal;
    this.journal = undefined;
    try {
      await old?.close();
    } catch (error) {
      console.warn('project journal: could not close the journal after a checkpoint', error);
    }
    await this.startJournal();
    if (this.journal !== undefined) return;
    // Not started (a full disk): drop the old one; if that fails too, it is stale (another
    // journal id) and ignored when opening. The next operation starts the journal.
    try {
      await rm(this.journalPath, { force: true });
    } catch (error) {
      console.warn('project journal: could not remove the journal after a checkpoint', error);
    }
  }

  /**
   * Starts the empty journal that continues the snapshot on disk, replacing any journal there
   * atomically (a stale one: every operation it holds is in the snapshot). Done at checkpoints
   * and on opening, where a second or more is paid anyway, so that no operation pays for a
   * file's creation and its flushes. A failure is logged, not thrown: the snapshot is whole,
   * and the next operation starts the journal instead.
   */
  private async startJournal(): Promise<void> {
    try {
      this.journal = await JournalWriter.create(this.journalPath, this.snapshotJournalId);
    } catch (error) {
      console.warn('project journal: could not start the journal; the next change will', error);
    }
  }

  /**
   * Writes the summary beside the project (pack, records, errors) that the project list reads
   * instead of opening the project. A summary that cannot be written only leaves the list
   * without these facts: the project itself is saved, so this is logged, not thrown.
   */
  async writeSummary(): Promise<void> {
    const counts = this.issueCounts();
    try {
      await writeProjectSummary(this.path, {
        packId: this.pack.id,
        packTitle: this.pack.title,
        packVersion: this.pack.version,
        datasetTitle: this.dataset.title,
        records: this.countRecords(),
        errors: counts.errors,
        warnings: counts.warnings,
      });
    } catch (error) {
      console.warn('project summary: could not write it', error);
    }
  }

  /** Starts (or restarts) the timer of the next checkpoint. */
  private scheduleCheckpoint(delayMs: number): void {
    this.cancelCheckpointTimer();
    if (this.isClosed) return;
    const timer = setTimeout(() => {
      if (this.checkpointTimer !== timer || this.isClosed) return;
      this.checkpointTimer = undefined;
      this.checkpointPolicy
        .run(() => this.checkpoint())
        .catch((error: unknown) => {
          // The journal still holds every operation; the next checkpoint tries again.
          console.warn('project checkpoint failed; the journal keeps the changes', error);
        });
    }, delayMs);
    timer.unref();
    this.checkpointTimer = timer;
  }

  private cancelCheckpointTimer(): void {
    if (this.checkpointTimer !== undefined) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
  }

  /** Replaces the database in memory with what is on disk: the snapshot and its journal. */
  private async reloadFromDisk(): Promise<void> {
    const bytes = await readDatabaseFile(this.path);
    const SQL = await loadSqlite();
    const db = new SQL.Database(bytes);
    migrate(db);
    const journal = this.journal;
    this.journal = undefined;
    await journal?.close();
    const restored = await restoreJournal(db, this.path);
    if (!restored.ok) {
      db.close();
      // The journal was whole when this session last wrote it: damage now is not the clerk's.
      throw new Error(`${restored.error.message.en}: ${restored.error.details?.join('; ') ?? ''}`);
    }
    this.rawDb.close();
    this.rawDb = db;
    this.db = createRecordingDatabase(db, this.recorder);
    this.recorder.reset();
    this.seq = restored.value.seq;
    this.snapshotJournalId = restored.value.journalId;
    this.journal = restored.value.journal;
    this.invalidate('records');
  }

  /**
   * The clerk's name (设置), recorded as who made each change the caller does not name; the
   * signed-in account when the clerk has not given one.
   */
  clerk: string | undefined;

  private recordOperation(
    kind: OperationKind,
    actor: Actor,
    summary: LocalizedText,
    payload: object = {},
  ): number {
    // An import writes every row: too big to journal, so it is checkpointed instead.
    if (kind === 'import') this.recorder.overflow();
    const who = actor.who ?? this.clerk;
    return this.operations.record(
      kind,
      who === undefined ? actor : { ...actor, who },
      summary,
      payload,
    );
  }

  private scalar(sql: string, params: SqlValue[] = []): SqlValue | undefined {
    return scalar(this.db, sql, params);
  }

  /** How many records are in the project (imports that were undone do not count). */
  countRecords(): number {
    return this.ridsFor({}).length;
  }

  /** Forgets cached record lists: after imports come or go (`records`) or issues change. */
  private invalidate(what: 'records' | 'issues'): void {
    if (what === 'records') {
      this.activeRids = undefined;
      this.filled = undefined;
      this.issues.forgetTally();
      this.valuesVersion += 1;
      this.viewRids.clear();
    }
    this.filteredRids.clear();
  }

  /** Keeps the filled counts exact after one cell changed from `old` to `next`. */
  private countChange(rid: number, field: string, old: SqlValue, next: SqlValue): void {
    this.valuesVersion += 1;
    if (this.filled === undefined) return;
    const index = this.fieldNames.indexOf(field);
    const delta = (isFilled(next) ? 1 : 0) - (isFilled(old) ? 1 : 0);
    if (index < 0 || delta === 0 || !includesSorted(this.ridsFor({}), rid)) return;
    this.filled.perField[index] = (this.filled.perField[index] ?? 0) + delta;
  }

  /**
   * The ids of the records a filter selects, in record order: all active records, or those with
   * issues (of a rule, in a field). Cached, so paging a million rows is a slice, not a scan.
   */
  private ridsFor(filter: RecordFilter): Int32Array {
    const columns = activeColumnFilters(filter.columns, this.fieldNames);
    const sort =
      filter.sort !== undefined && this.fieldNames.includes(filter.sort.field)
        ? filter.sort
        : undefined;
    if (columns.length === 0 && sort === undefined) return this.issueRids(filter);
    const view = this.viewKey(filter);
    const isSameView = view === this.lastView;
    let rids = this.filteredRids.get(view);
    if (rids !== undefined && (isSameView || this.viewVersions.get(view) === this.valuesVersion))
      return rids;
    rids = this.issueRids(filter);
    // The selection is as old as its oldest part (a sort kept through edits is older).
    let version = this.valuesVersion;
    if (columns.length > 0) {
      const where = columns.map((c) => columnCondition(c));
      const kept = this.keptRids(`columns ${JSON.stringify(columns)}`, isSameView, () =>
        this.collectRids(
          `SELECT _rid FROM records WHERE ${activeSourcesSql} AND ${where.map((w) => w.sql).join(' AND ')} ORDER BY _rid`,
          where.flatMap((w) => w.params),
        ),
      );
      version = Math.min(version, kept.version);
      rids = intersectSorted(rids, kept.rids);
    }
    if (sort !== undefined) {
      const order = this.keptRids(`sort ${JSON.stringify(sort)}`, isSameView, () =>
        this.collectRids(this.sortSql(sort), []),
      );
      version = Math.min(version, order.version);
      rids = pickInOrder(order.rids, rids);
    }
    this.filteredRids.set(view, rids);
    this.viewVersions.set(view, version);
    return rids;
  }

  /** Names a view: its issue filter, its column filters and its sort. */
  private viewKey(filter: RecordFilter): string {
    const sort =
      filter.sort !== undefined && this.fieldNames.includes(filter.sort.field) ? filter.sort : null;
    return JSON.stringify([
      issueKey(filter),
      activeColumnFilters(filter.columns, this.fieldNames),
      sort,
    ]);
  }

  /** A sort order or column selection from the cache, or computed (see `viewRids`). */
  private keptRids(
    key: string,
    isSameView: boolean,
    compute: () => Int32Array,
  ): { version: number; rids: Int32Array } {
    const kept = this.viewRids.get(key);
    if (kept !== undefined && (kept.version === this.valuesVersion || isSameView)) return kept;
    const made = { version: this.valuesVersion, rids: compute() };
    this.viewRids.set(key, made);
    return made;
  }

  /**
   * Every active record's id ordered by a field. Text sorts by code point (sql.js has no
   * collation hook for pinyin order); numeric fields by number; ISO dates sort as text. Blanks
   * go last in both directions, ties keep record order.
   */
  private sortSql(sort: RecordSort): string {
    const field = this.dataset.fields.find((f) => f.name === sort.field);
    const column = quoteIdentifier(sort.field);
    const isNumeric = field?.type === 'integer' || field?.type === 'number';
    const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
    const key = isNumeric
      ? `CAST(${column} AS REAL) ${direction}, ${column} ${direction}`
      : `${column} ${direction}`;
    return `SELECT _rid FROM records WHERE ${activeSourcesSql} ORDER BY (${column} IS NULL OR ${column} = '') ASC, ${key}, _rid`;
  }

  /** The records an issue filter selects, in record order (all active records if none). */
  private issueRids(filter: RecordFilter): Int32Array {
    const isFiltered =
      filter.withIssues === true || filter.rule !== undefined || filter.field !== undefined;
    if (!isFiltered) {
      this.activeRids ??= this.collectActiveRids();
      return this.activeRids;
    }
    const key = JSON.stringify([filter.rule ?? null, filter.field ?? null]);
    let rids = this.filteredRids.get(key);
    if (rids === undefined) {
      const parts = ['1 = 1'];
      const params: SqlValue[] = [];
      if (filter.rule !== undefined) {
        parts.push('rule = ?');
        params.push(filter.rule);
      }
      if (filter.field !== undefined) {
        parts.push('field = ?');
        params.push(filter.field);
      }
      rids = this.collectRids(
        `SELECT DISTINCT rid FROM issues WHERE ${parts.join(' AND ')} ORDER BY rid`,
        params,
      );
      this.filteredRids.set(key, rids);
    }
    return rids;
  }

  /**
   * The active records' ids. An import writes one contiguous block of ids, so the list is built
   * from each active source's first and last id (a scan only if a block ever has a gap).
   */
  private collectActiveRids(): Int32Array {
    const blocks =
      this.db.exec(
        "SELECT s.first_rid, s.last_rid, s.row_count FROM sources s JOIN operations o ON o.id = s.operation_id WHERE o.state = 'done' AND s.row_count > 0 ORDER BY s.first_rid",
      )[0]?.values ?? [];
    const total = blocks.reduce((sum, [, , count]) => sum + Number(count), 0);
    const rids = new Int32Array(total);
    let at = 0;
    for (const [first, last, count] of blocks) {
      if (Number(last) - Number(first) + 1 !== Number(count))
        return this.collectRids(this.activeRecordsSql('_rid'), []);
      for (let rid = Number(first); rid <= Number(last); rid += 1) rids[at++] = rid;
    }
    return rids;
  }

  private collectRids(sql: string, params: SqlValue[]): Int32Array {
    const statement = this.db.prepare(sql);
    const ids: number[] = [];
    try {
      statement.bind(params);
      while (statement.step()) ids.push(Number(statement.get()[0]));
    } finally {
      statement.free();
    }
    return Int32Array.from(ids);
  }

  /**
   * Imports a table's records: the source cells are kept as read, and `toValues` turns each
   * row into the standardised values in field order (undefined: no column feeds the field).
   * One transaction; indexes are built after the load. Then validates everything and saves.
   */
  async importRecords(
    source: SourceInfo,
    records: AsyncIterable<{ sourceRow: number; cells: readonly string[] }>,
    toValues: (cells: readonly string[]) => readonly (string | undefined)[],
    options: Actor & { context: RuleContext; onProgress?: ProgressListener; signal?: AbortSignal },
  ): Promise<Result<{ operationId: number; rows: number; summary: ValidationSummary }>> {
    async function* one(): AsyncGenerator<Result<ImportPart>> {
      yield ok({ source, records, toValues });
    }
    return this.importSources(one(), options);
  }

  /**
   * Imports several tables (files, or sheets of a workbook) as one operation: each gets its own
   * row in `sources`, so every record keeps its file, sheet and row; undo takes them all back
   * together. Parts are pulled one at a time (each table is opened only when its turn comes); a
   * part that arrives as an error rolls the whole import back and is returned. One transaction,
   * one validation, one save.
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
    await this.holdInMemory();
    const { heapLimitBytes } = this.limits;
    if (heapLimitBytes !== undefined) this.rawDb.run(`PRAGMA hard_heap_limit = ${heapLimitBytes}`);
    try {
      return await this.imports.importSources(this.withinSizeLimit(parts), options);
    } catch (error) {
      if (!isOutOfMemory(error) && !hasRunOutOfMemory(this.rawDb)) throw error;
      // The import was rolled back (by SQLite itself when it ran out of memory): the project
      // is read again from disk, as last saved, which also gives the heap's memory back.
      console.warn('project import: the project would pass its size limit', error);
      await this.reloadFromDisk();
      return projectTooLargeError(this.limits, [
        error instanceof Error ? error.message : String(error),
      ]);
    } finally {
      // SQLite's heap limit is one for the whole module (tests set it): lift it again.
      if (heapLimitBytes !== undefined) this.rawDb.run('PRAGMA hard_heap_limit = 0');
    }
  }

  /**
   * Whether more records fit in the project: an estimate before an import starts, against the
   * project size limit. `rows` records a survey counted take the bytes per record of the
   * records already in it (else a register's typical bytes per field); a text file read in a
   * single pass, its rows not counted yet, takes its `textBytes` times what a byte of text grows
   * a project by. The import itself stops at the limit too (see `withinSizeLimit`).
   */
  checkRoomFor(more: { readonly rows: number; readonly textBytes: number }): Result<void> {
    const bytes = databaseBytes(this.rawDb);
    const records = this.countRecords();
    const perRecord =
      records >= 1000 ? bytes / records : estimatedBytesPerField * this.fieldNames.length + 32;
    const estimate = bytes + more.rows * perRecord + more.textBytes * projectBytesPerTextByte;
    if (estimate <= this.limits.sizeLimitBytes) return ok(undefined);
    return projectTooLargeError(this.limits, [
      `estimated ${Math.round(estimate)} bytes for ${more.rows} more records and ${more.textBytes} bytes of text, limit ${this.limits.sizeLimitBytes}`,
    ]);
  }

  /**
   * The parts of an import, each table's records checked against the size limit as they are
   * written: every `sizeCheckRows` records the database's size is read (a page count, no
   * scan), and the import stops (and rolls back) once it passes the limit, before the
   * WebAssembly heap runs out.
   */
  private async *withinSizeLimit(
    parts: AsyncIterable<Result<ImportPart>>,
  ): AsyncGenerator<Result<ImportPart>> {
    const db = this.rawDb;
    const limit = this.limits.sizeLimitBytes;
    for await (const part of parts) {
      if (!part.ok) {
        yield part;
        continue;
      }
      const { records } = part.value;
      async function* checked(): AsyncGenerator<{ sourceRow: number; cells: readonly string[] }> {
        let count = 0;
        for await (const record of records) {
          count += 1;
          if (count % sizeCheckRows === 0) {
            const bytes = databaseBytes(db);
            if (bytes > limit) throw new ProjectTooLargeError(bytes);
          }
          yield record;
        }
      }
      yield ok({ ...part.value, records: checked() });
    }
  }

  /**
   * Moves the project's database into SQLite's own memory (once), before a bulk write: sql.js's
   * file system copies its whole file every time the file grows. The file on disk is the same.
   */
  private async holdInMemory(): Promise<void> {
    if (isMemoryDatabase(this.rawDb)) return;
    const memory = await copyIntoMemory(this.rawDb);
    if (isMemoryDatabase(this.rawDb)) {
      memory.close();
      return;
    }
    this.rawDb.close();
    // Both handles move together: stores write through the recorder, checkpoints export the raw one.
    this.rawDb = memory;
    this.db = createRecordingDatabase(memory, this.recorder);
  }

  private activeRecordsSql(columns: string, where = '1 = 1'): string {
    return activeRecordsSql(columns, where);
  }

  /** Runs every rule over every active record and replaces the stored issues. */
  validateAll(context: RuleContext): ValidationSummary {
    this.invalidate('issues');
    return this.issues.validateAll(context);
  }

  /**
   * Applies cell changes as one operation (kept in cell_changes for undo and audit). Each value
   * is stored in its standard form (`standardizeTyped`); cell_changes and the audit trail hold
   * the stored value, and the operation's payload keeps what was typed where that differs
   * (`typed`: at most `typedKept` cells of {rid, field, typed}).
   */
  private applyChanges(
    kind: OperationKind,
    summary: LocalizedText,
    typedChanges: readonly { rid: number; field: string; value: string }[],
    actor: Actor & { context: RuleContext },
  ): number {
    const db = this.db;
    const typed: { rid: number; field: string; typed: string }[] = [];
    const changes = typedChanges.map((change) => {
      const value = this.standardizeTyped(change.field, change.value);
      if (value === change.value) return change;
      if (typed.length < typedKept)
        typed.push({ rid: change.rid, field: change.field, typed: change.value });
      return { rid: change.rid, field: change.field, value };
    });
    db.exec('BEGIN');
    try {
      const operationId = this.recordOperation(
        kind,
        actor,
        summary,
        typed.length === 0 ? undefined : { typed },
      );
      const keyValues = this.keyValueTracker();
      const rids = new Set<number>();
      const record = db.prepare(
        'INSERT INTO cell_changes (operation_id, rid, field, old, new) VALUES (?, ?, ?, ?, ?)',
      );
      const reads = new Map<string, Statement>();
      const writes = new Map<string, Statement>();
      const statementFor = (
        cache: Map<string, Statement>,
        field: string,
        sql: (column: string) => string,
      ): Statement => {
        let statement = cache.get(field);
        if (statement === undefined) {
          statement = db.prepare(sql(quoteIdentifier(field)));
          cache.set(field, statement);
        }
        return statement;
      };
      try {
        for (const change of changes) {
          const read = statementFor(
            reads,
            change.field,
            (c) => `SELECT ${c} FROM records WHERE _rid = ?`,
          );
          read.bind([change.rid]);
          const old = read.step() ? read.get()[0] : null;
          read.reset();
          const oldText = old === null || old === undefined ? null : String(old);
          if (oldText === change.value) continue;
          statementFor(
            writes,
            change.field,
            (c) => `UPDATE records SET ${c} = ? WHERE _rid = ?`,
          ).run([change.value, change.rid]);
          record.run([operationId, change.rid, change.field, oldText, change.value]);
          this.countChange(change.rid, change.field, oldText, change.value);
          rids.add(change.rid);
          keyValues.add(change.field, oldText, change.value);
        }
      } finally {
        record.free();
        for (const statement of [...reads.values(), ...writes.values()]) statement.free();
      }
      this.issues.revalidate(rids, keyValues.values, actor.context);
      this.invalidate('issues');
      db.exec('COMMIT');
      return operationId;
    } catch (error) {
      db.exec('ROLLBACK');
      this.invalidate('records');
      throw error;
    }
  }

  private keyValueTracker(): {
    values: Map<string, Set<string>>;
    add(field: string, ...texts: (string | null)[]): void;
  } {
    const keyed = new Set(
      this.dataset.fields.filter((f) => f.constraints?.unique === true).map((f) => f.name),
    );
    for (const name of this.dataset.primaryKey ?? []) keyed.add(name);
    const values = new Map<string, Set<string>>();
    return {
      values,
      add(field, ...texts) {
        if (!keyed.has(field)) return;
        let set = values.get(field);
        if (set === undefined) {
          set = new Set();
          values.set(field, set);
        }
        for (const text of texts) if (text !== null) set.add(text);
      },
    };
  }

  /** Edits one cell (the standardised value; the source cell stays as read). */
  async editCell(
    rid: number,
    field: string,
    value: string,
    actor: Actor & { context: RuleContext },
  ): Promise<Result<number>> {
    if (!this.fieldNames.includes(field))
      return err('field-not-found', `没有字段 ${field}`, `No field ${field}`);
    if (this.scalar('SELECT 1 FROM records WHERE _rid = ?', [rid]) === undefined) {
      return err('record-not-found', `没有第 ${rid} 条记录`, `No record ${rid}`);
    }
    const title = this.dataset.fields.find((f) => f.name === field)?.title ?? field;
    const stored = this.standardizeTyped(field, value);
    const typed =
      stored === value
        ? { zh: '', en: '' }
        : { zh: `（输入的是「${value}」）`, en: ` (typed "${value}")` };
    const id = this.applyChanges(
      'cell-edit',
      {
        zh: `修改第 ${rid} 条记录的「${title}」为「${stored}」${typed.zh}`,
        en: `Changed "${title}" of record ${rid} to "${stored}"${typed.en}`,
      },
      [{ rid, field, value }],
      actor,
    );
    await this.save();
    return ok(id);
  }

  /**
   * Writes many cells as one operation (a block pasted in the grid, a selection cleared or
   * filled down), revalidating the records touched. A cell named twice takes its last value;
   * cells already holding their value are not a change, and when none changes nothing is
   * recorded. Refused whole, before anything is written, when a field is not one of the
   * dataset's (the record id and source row are never written) or a record does not exist.
   */
  async writeCells(
    how: 'paste' | 'clear' | 'fill-down',
    cells: readonly { rid: number; field: string; value: string }[],
    actor: Actor & { context: RuleContext },
  ): Promise<Result<{ operationId: number | undefined; count: number }>> {
    const unknown = cells.find((cell) => !this.fieldNames.includes(cell.field));
    if (unknown !== undefined) {
      return err(
        'field-not-found',
        `没有字段「${unknown.field}」，不能写入；请只在数据列中粘贴或修改`,
        `No field "${unknown.field}" to write; paste or edit in the data columns only`,
      );
    }
    const last = new Map<string, { rid: number; field: string; value: string }>();
    for (const cell of cells) last.set(`${cell.rid}\u0000${cell.field}`, cell);
    const changes: { rid: number; field: string; value: string }[] = [];
    const reads = new Map<string, Statement>();
    try {
      for (const cell of last.values()) {
        let read = reads.get(cell.field);
        if (read === undefined) {
          read = this.db.prepare(
            `SELECT ${quoteIdentifier(cell.field)} FROM records WHERE _rid = ?`,
          );
          reads.set(cell.field, read);
        }
        read.bind([cell.rid]);
        const isFound = read.step();
        const old = isFound ? read.get()[0] : undefined;
        read.reset();
        if (!isFound) {
          return err('record-not-found', `没有第 ${cell.rid} 条记录`, `No record ${cell.rid}`);
        }
        // A cell whose stored form it already holds is not a change.
        const value = this.standardizeTyped(cell.field, cell.value);
        if ((old === null || old === undefined ? null : String(old)) !== value) changes.push(cell);
      }
    } finally {
      for (const read of reads.values()) read.free();
    }
    if (changes.length === 0) return ok({ operationId: undefined, count: 0 });
    const fields = [...new Set(changes.map((c) => c.field))].map(
      (name) => this.dataset.fields.find((f) => f.name === name)?.title ?? name,
    );
    const where =
      fields.length <= 3 ? fields.map((t) => `「${t}」`).join('、') : `${fields.length} 列`;
    const whereEn =
      fields.length <= 3 ? fields.map((t) => `"${t}"`).join(', ') : `${fields.length} columns`;
    const verb = { paste: '粘贴', clear: '清除', 'fill-down': '向下填充' }[how];
    const verbEn = { paste: 'Pasted', clear: 'Cleared', 'fill-down': 'Filled down' }[how];
    const operationId = this.applyChanges(
      'cell-edit',
      {
        zh: `${verb}${where}的 ${changes.length} 个单元格`,
        en: `${verbEn} ${changes.length} cell(s) in ${whereEn}`,
      },
      changes,
      actor,
    );
    await this.save();
    return ok({ operationId, count: changes.length });
  }

  /**
   * The cells of one field a replace would change, with their new values: `contains` replaces
   * every occurrence of the text inside a cell (包含), `cell` only cells equal to it (整个单元格).
   * A cell whose value would stay the same is not a change.
   */
  private replaceChanges(
    field: string,
    find: string,
    replacement: string,
    match: ReplaceMatch,
  ): { rid: number; field: string; value: string }[] {
    const column = quoteIdentifier(field);
    const statement = this.db.prepare(
      this.activeRecordsSql(
        `_rid, ${column}`,
        match === 'cell' ? `${column} = ?` : `instr(${column}, ?) > 0`,
      ),
    );
    const changes: { rid: number; field: string; value: string }[] = [];
    try {
      statement.bind([find]);
      while (statement.step()) {
        const [rid, old] = statement.get();
        const typed = match === 'cell' ? replacement : String(old).replaceAll(find, replacement);
        // The count a preview shows is the cells whose stored (standard) value changes.
        const value = this.standardizeTyped(field, typed);
        if (value !== old) changes.push({ rid: Number(rid), field, value });
      }
    } finally {
      statement.free();
    }
    return changes;
  }

  /** Counts the cells a replace in one field would change; a read, nothing is written. */
  previewReplace(
    field: string,
    find: string,
    replacement: string,
    match: ReplaceMatch,
  ): Result<{ count: number }> {
    if (!this.fieldNames.includes(field))
      return err('field-not-found', `没有字段 ${field}`, `No field ${field}`);
    if (find === '') return ok({ count: 0 });
    return ok({ count: this.replaceChanges(field, find, replacement, match).length });
  }

  /**
   * Replaces a text in one field (inside cells or whole cells) as one operation; returns the
   * count. When no cell would change, nothing is written and no operation is recorded.
   */
  async replaceInField(
    field: string,
    find: string,
    replacement: string,
    match: ReplaceMatch,
    actor: Actor & { context: RuleContext },
  ): Promise<Result<{ operationId: number | undefined; count: number }>> {
    if (!this.fieldNames.includes(field))
      return err('field-not-found', `没有字段 ${field}`, `No field ${field}`);
    const changes = find === '' ? [] : this.replaceChanges(field, find, replacement, match);
    if (changes.length === 0) return ok({ operationId: undefined, count: 0 });
    const title = this.dataset.fields.find((f) => f.name === field)?.title ?? field;
    const how = match === 'cell' ? '整个单元格为' : '中的';
    const howEn = match === 'cell' ? 'whole cells' : 'text';
    const operationId = this.applyChanges(
      'bulk-replace',
      {
        zh: `把「${title}」${how}「${find}」替换为「${replacement}」（${changes.length} 处）`,
        en: `Replaced ${howEn} "${find}" with "${replacement}" in "${title}" (${changes.length} cell(s))`,
      },
      changes,
      actor,
    );
    await this.save();
    return ok({ operationId, count: changes.length });
  }

  /** Applies the certain suggestion of every issue of a rule (optionally in one field), as one operation. */
  async applySuggestions(
    filter: { rule: string; field?: string },
    actor: Actor & { context: RuleContext },
  ): Promise<Result<{ operationId: number; count: number }>> {
    const where = filter.field === undefined ? 'rule = ?' : 'rule = ? AND field = ?';
    const params = filter.field === undefined ? [filter.rule] : [filter.rule, filter.field];
    const statement = this.db.prepare(
      `SELECT rid, field, suggestion FROM issues WHERE suggestion IS NOT NULL AND ${where} ORDER BY rid`,
    );
    const changes: { rid: number; field: string; value: string }[] = [];
    try {
      statement.bind(params);
      while (statement.step()) {
        const [rid, field, suggestion] = statement.get();
        changes.push({ rid: Number(rid), field: String(field), value: String(suggestion) });
      }
    } finally {
      statement.free();
    }
    const rule = describeRule(this.dataset, filter.rule);
    const fieldTitle =
      filter.field === undefined
        ? undefined
        : (this.dataset.fields.find((f) => f.name === filter.field)?.title ?? filter.field);
    const operationId = this.applyChanges(
      'apply-suggestions',
      {
        zh: `对「${rule.zh}」${fieldTitle === undefined ? '' : `（字段「${fieldTitle}」）`}的问题采用建议值（${changes.length} 处）`,
        en: `Applied the suggestions for "${rule.en}"${fieldTitle === undefined ? '' : ` (field "${fieldTitle}")`} (${changes.length} cell(s))`,
      },
      changes,
      actor,
    );
    await this.save();
    return ok({ operationId, count: changes.length });
  }

  /**
   * Applies a batch of cell changes from outside (a merged error workbook, a value-map change)
   * as one operation of the given kind, then saves.
   */
  async applyCellChanges(
    kind: 'merge' | 'mapping-change',
    summary: LocalizedText,
    changes: readonly { rid: number; field: string; value: string }[],
    actor: Actor & { context: RuleContext },
  ): Promise<Result<number>> {
    for (const change of changes) {
      if (!this.fieldNames.includes(change.field)) {
        return err('field-not-found', `没有字段 ${change.field}`, `No field ${change.field}`);
      }
    }
    const operationId = this.applyChanges(kind, summary, changes, actor);
    await this.save();
    return ok(operationId);
  }

  /**
   * Applies a value map to one field (bad value -> code): every active record whose value is a
   * key takes the code, as one `mapping-change` operation. Returns the sources the changed
   * records came from, so their mapping templates can learn the map too.
   */
  async applyValueMap(
    field: string,
    map: Readonly<Record<string, string>>,
    actor: Actor & { context: RuleContext },
  ): Promise<Result<{ operationId: number; count: number; sourceIds: number[] }>> {
    if (!this.fieldNames.includes(field))
      return err('field-not-found', `没有字段 ${field}`, `No field ${field}`);
    const entries = Object.entries(map).filter(([value, code]) => value !== code);
    const changes: { rid: number; field: string; value: string }[] = [];
    const sourceIds = new Set<number>();
    if (entries.length > 0) {
      const statement = this.db.prepare(
        this.activeRecordsSql(
          `_rid, _source_id, ${quoteIdentifier(field)}`,
          `${quoteIdentifier(field)} IN (${entries.map(() => '?').join(', ')})`,
        ),
      );
      const codes = new Map(entries);
      try {
        statement.bind(entries.map(([value]) => value));
        while (statement.step()) {
          const [rid, sourceId, value] = statement.get();
          changes.push({ rid: Number(rid), field, value: codes.get(String(value)) ?? '' });
          sourceIds.add(Number(sourceId));
        }
      } finally {
        statement.free();
      }
    }
    const title = this.dataset.fields.find((f) => f.name === field)?.title ?? field;
    if (changes.length === 0) {
      return err(
        'value-not-found',
        `「${title}」中已没有这些值，无需修改`,
        `No record holds these values in "${title}" any more`,
      );
    }
    const pairs = entries.map(([value, code]) => `「${value}」→ ${code}`).join('，');
    const pairsEn = entries.map(([value, code]) => `"${value}" → ${code}`).join(', ');
    const operationId = this.applyChanges(
      'mapping-change',
      {
        zh: `按值映射修改「${title}」：${pairs}（${changes.length} 处）`,
        en: `Value map applied to "${title}": ${pairsEn} (${changes.length} cell(s))`,
      },
      changes,
      actor,
    );
    await this.save();
    return ok({
      operationId,
      count: changes.length,
      sourceIds: [...sourceIds].sort((a, b) => a - b),
    });
  }

  /**
   * The distinct values of the stored issues of a rule in a field, most frequent first (at most
   * `limit`), and how many distinct values there are in all.
   */
  issueValues(
    filter: { rule: string; field: string },
    limit: number,
  ): { values: { value: string; count: number }[]; distinct: number } {
    return this.issues.issueValues(filter, limit);
  }

  /** Records a reviewer's exemption for a rule's blocking issues (optionally one field or record). */
  addExemption(
    exemption: { rule: string; field?: string; rid?: number; reason: string; reviewer: string },
    actor: Actor,
  ): Promise<Result<number>> {
    return this.review.addExemption(exemption, actor);
  }

  /** The exemptions in force (their operations are done). */
  exemptions(): Exemption[] {
    return this.review.exemptions();
  }

  /**
   * 打包前检查: the errors by rule and field, how many of them no exemption in force covers, and
   * which of those are values no one can recover (listed up to `listLimit`).
   */
  exemptionPreflight(listLimit = 200): PreflightGroup[] {
    return this.review.exemptionPreflight(listLimit);
  }

  /** Leaves records out of packages, as one operation. */
  excludeRecords(rids: readonly number[], actor: Actor): Promise<Result<number>> {
    return this.review.excludeRecords(rids, actor);
  }

  /** The records left out of packages by exclusions in force. */
  excludedRecords(): Set<number> {
    return this.review.excludedRecords();
  }

  /**
   * Remembers a package written from the project (issue #15): its manifest SHA-256, kind, mode
   * and time, and every record's key and fingerprint, the base of a later increment.
   */
  async rememberPackage(
    entry: Omit<PackageHistoryEntry, 'id' | 'records'>,
    records: ReadonlyMap<string, string>,
  ): Promise<void> {
    insertPackage(this.db, entry, records);
    await this.save();
  }

  /** The packages the project wrote, oldest first. */
  packageHistory(): PackageHistoryEntry[] {
    return listPackages(this.db);
  }

  /** The records of a package the project wrote, as the base of an increment. */
  packageBase(entry: PackageHistoryEntry): PackageBase {
    return loadPackageBase(this.db, entry);
  }

  /** Every cell change in force, oldest first, with its operation: the audit trail. */
  auditTrail(): AuditEntry[] {
    return this.operations.auditTrail();
  }

  /**
   * Streams the active records in record order (for packaging and reports), with their
   * provenance; never the whole table at once.
   */
  *iterateRecords(): Generator<RecordRow> {
    const statement = this.db.prepare(
      this.activeRecordsSql(
        ['_rid', '_source_id', '_source_row', ...this.fieldNames.map(quoteIdentifier)].join(', '),
      ),
    );
    try {
      while (statement.step()) {
        const row = statement.get();
        yield {
          rid: Number(row[0]),
          sourceId: Number(row[1]),
          sourceRow: Number(row[2]),
          values: row.slice(3).map((v) => (v === null ? null : String(v))),
        };
      }
    } finally {
      statement.free();
    }
  }

  /** The sources imported into the project, with provenance and whether their import is in force. */
  sources(): {
    id: number;
    file: string;
    sheet: string;
    format: string;
    headerRow: number;
    columns: string[];
    rows: number;
    isActive: boolean;
  }[] {
    const rows =
      this.db.exec(
        'SELECT s.id, s.file, s.sheet, s.format, s.header_row, s.columns, s.row_count, o.state FROM sources s LEFT JOIN operations o ON o.id = s.operation_id ORDER BY s.id',
      )[0]?.values ?? [];
    return rows.map((r) => ({
      id: Number(r[0]),
      file: String(r[1]),
      sheet: String(r[2]),
      format: String(r[3]),
      headerRow: Number(r[4]),
      columns: JSON.parse(String(r[5])) as string[],
      rows: Number(r[6]),
      isActive: r[7] === 'done',
    }));
  }

  /**
   * What a typed value is stored as in `field`: its standard form (a date in ISO form, a code
   * for its name), or the value as typed when it cannot be made standard.
   */
  standardValue(field: string, typed: string): string {
    return this.standardizeTyped(field, typed);
  }

  /**
   * The stored issues, in record order (as `iterateRecords` yields the records) and within a
   * record in the order the rules found them: current, as every change checks its records again.
   */
  iterateIssues(): Generator<Issue> {
    return this.issues.iterateIssues();
  }

  /** The first and last "today" the stored issues were checked as of; undefined if unknown. */
  issuesCheckedDays(): CheckedDays | undefined {
    return this.issues.checkedDays();
  }

  /** A first-row index (for the unique and key rules) answered by the stored records. */
  storedFirstRowIndex(): FirstRowIndex {
    return this.issues.createStoredFirstRowIndex();
  }

  /** Error and warning counts of the stored issues. */
  issueCounts(): { errors: number; warnings: number } {
    return this.issues.issueCounts();
  }

  /** Whether undo and redo have something to do. */
  undoState(): { canUndo: boolean; canRedo: boolean } {
    return this.operations.undoState();
  }

  /**
   * Per field: how many active records fill it, and its issues; per rule: its issues, how many
   * carry a suggestion, and the fields they are in (most issues first). The filled counts take a
   * full scan the first time (seconds at 1,000,000 rows); it runs in slices that let other
   * requests (the grid's pages) through, and is then kept up to date.
   */
  async qualitySummary(): Promise<
    Result<{
      records: number;
      fields: { name: string; filled: number; errors: number; warnings: number }[];
      rules: {
        rule: string;
        errors: number;
        warnings: number;
        suggestions: number;
        fields: { field: string; errors: number; warnings: number }[];
      }[];
    }>
  > {
    const filled = this.filled ?? (await this.countFilled());
    if (filled === undefined) return err('project-closed', '项目已关闭', 'The project was closed');
    type Counts = { errors: number; warnings: number };
    const byField = new Map<string, Counts>();
    const byRule = new Map<string, Counts & { suggestions: number; fields: Map<string, Counts> }>();
    for (const [field, rule, severity, count, suggestions] of this.db.exec(
      'SELECT field, rule, severity, count(*), count(suggestion) FROM issues GROUP BY field, rule, severity',
    )[0]?.values ?? []) {
      const key = severity === 'error' ? 'errors' : 'warnings';
      const f = byField.get(String(field)) ?? { errors: 0, warnings: 0 };
      f[key] += Number(count);
      byField.set(String(field), f);
      const r = byRule.get(String(rule)) ?? {
        errors: 0,
        warnings: 0,
        suggestions: 0,
        fields: new Map<string, Counts>(),
      };
      r[key] += Number(count);
      r.suggestions += Number(suggestions);
      const inField = r.fields.get(String(field)) ?? { errors: 0, warnings: 0 };
      inField[key] += Number(count);
      r.fields.set(String(field), inField);
      byRule.set(String(rule), r);
    }
    const total = (c: Counts): number => c.errors + c.warnings;
    return ok({
      records: filled.records,
      fields: this.fieldNames.map((name, i) => ({
        name,
        filled: filled.perField[i] ?? 0,
        ...(byField.get(name) ?? { errors: 0, warnings: 0 }),
      })),
      rules: [...byRule]
        .map(([rule, { fields, ...counts }]) => ({
          rule,
          ...counts,
          fields: [...fields]
            .map(([field, c]) => ({ field, ...c }))
            .sort((a, b) => total(b) - total(a) || a.field.localeCompare(b.field)),
        }))
        .sort((a, b) => total(b) - total(a)),
    });
  }

  /**
   * Counts the filled cells of every field over the active records, a slice of ids at a time,
   * yielding between slices. Kept for next time unless a value changed meanwhile; undefined if
   * the project was closed meanwhile.
   */
  private async countFilled(): Promise<FilledCounts | undefined> {
    const version = this.valuesVersion;
    const sums = this.fieldNames.map(
      (name) => `sum(CASE WHEN ${quoteIdentifier(name)} <> '' THEN 1 ELSE 0 END)`,
    );
    const counts: FilledCounts = {
      records: 0,
      perField: this.fieldNames.map(() => 0),
    };
    const maxRid = Number(this.scalar('SELECT max(_rid) FROM records') ?? 0);
    for (let from = 1; from <= maxRid; from += filledSlice) {
      if (this.isClosed) return undefined;
      const row =
        this.db.exec(
          this.activeRecordsSql(
            ['count(*)', ...sums].join(', '),
            `_rid BETWEEN ${from} AND ${from + filledSlice - 1}`,
          ).replace(' ORDER BY _rid', ''),
        )[0]?.values[0] ?? [];
      counts.records += Number(row[0] ?? 0);
      counts.perField.forEach((_, i) => {
        counts.perField[i] = (counts.perField[i] ?? 0) + Number(row[i + 1] ?? 0);
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.isClosed) return undefined;
    if (version === this.valuesVersion) this.filled = counts;
    return counts;
  }

  /** How many active records a filter selects (for the grid's scroll height). */
  countRecordsWhere(filter: RecordFilter): number {
    return this.ridsFor(filter).length;
  }

  /** The operation history, oldest first. */
  history(): Operation[] {
    return this.operations.history();
  }

  /** Undoes the newest operation that is done (not the project's creation); says which. */
  async undo(context: RuleContext): Promise<Result<Operation>> {
    const id = this.operations.newestUndoable();
    if (id === undefined) return err('nothing-to-undo', '没有可撤销的操作', 'Nothing to undo');
    await this.flip(id, 'undone', context);
    return ok(this.operations.operation(id));
  }

  /** Redoes the oldest undone operation; says which. */
  async redo(context: RuleContext): Promise<Result<Operation>> {
    const id = this.operations.oldestRedoable();
    if (id === undefined) return err('nothing-to-redo', '没有可重做的操作', 'Nothing to redo');
    await this.flip(id, 'done', context);
    return ok(this.operations.operation(id));
  }

  /** Moves an operation to `state`, putting its cells back (undo) or forward (redo). */
  private async flip(id: number, state: 'done' | 'undone', context: RuleContext): Promise<void> {
    const db = this.db;
    const kind = this.operations.kindOf(id);
    db.exec('BEGIN');
    try {
      this.operations.setState(id, state);
      if (kind !== 'import') {
        const changes =
          db.exec(
            'SELECT rid, field, old, new FROM cell_changes WHERE operation_id = ? ORDER BY rowid',
            [id],
          )[0]?.values ?? [];
        const ordered = state === 'undone' ? [...changes].reverse() : changes;
        const keyValues = this.keyValueTracker();
        const rids = new Set<number>();
        for (const [rid, field, old, next] of ordered) {
          const value = state === 'undone' ? old : next;
          db.run(`UPDATE records SET ${quoteIdentifier(String(field))} = ? WHERE _rid = ?`, [
            value ?? null,
            Number(rid),
          ]);
          this.countChange(
            Number(rid),
            String(field),
            (state === 'undone' ? next : old) ?? null,
            value ?? null,
          );
          rids.add(Number(rid));
          keyValues.add(
            String(field),
            old === null ? null : String(old),
            next === null ? null : String(next),
          );
        }
        this.issues.revalidate(rids, keyValues.values, context);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      this.invalidate('records');
      throw error;
    }
    // An import's records appear or disappear as a whole: check everything again.
    this.invalidate(kind === 'import' ? 'records' : 'issues');
    if (kind === 'import') this.validateAll(context);
    await this.save();
  }

  /**
   * A page of active records in record order, optionally only those with issues of a kind.
   * `isGridPage` false (an export reading every record) leaves the grid's view as it is.
   */
  pageRecords(
    offset: number,
    limit: number,
    filter: RecordFilter = {},
    isGridPage = true,
  ): RecordRow[] {
    const rids = this.ridsFor(filter).subarray(offset, offset + limit);
    // The grid is on this view now: a sort or filter it had before is applied again when asked.
    if (isGridPage) this.lastView = this.viewKey(filter);
    if (rids.length === 0) return [];
    const columns = [
      '_rid',
      '_source_id',
      '_source_row',
      ...this.fieldNames.map(quoteIdentifier),
    ].join(', ');
    // The ids are integers from our own cache, so they are written into the statement directly.
    const statement = this.db.prepare(
      `SELECT ${columns} FROM records WHERE _rid IN (${rids.join(', ')}) ORDER BY _rid`,
    );
    const byRid = new Map<number, RecordRow>();
    try {
      while (statement.step()) {
        const row = statement.get();
        byRid.set(Number(row[0]), {
          rid: Number(row[0]),
          sourceId: Number(row[1]),
          sourceRow: Number(row[2]),
          values: row.slice(3).map((v) => (v === null ? null : String(v))),
        });
      }
    } finally {
      statement.free();
    }
    // A sorted view's ids are not in record order: the page keeps the view's order.
    return Array.from(rids, (rid) => byRid.get(rid)).filter((r) => r !== undefined);
  }

  /**
   * 查找: the cells of a view's records that contain `text` (ASCII letters in any case), in one
   * field or all; the match after (`next`) or before (`previous`) a cell, in the view's order,
   * wrapping round at the end. The matches are kept, so next and previous answer at once.
   */
  findInView(
    filter: RecordFilter,
    text: string,
    field: string | undefined,
    from: { row: number; column: number } | undefined,
    direction: 'next' | 'previous',
  ): { count: number; match?: FoundCell } {
    const rids = this.ridsFor(filter);
    const key = JSON.stringify([text, field ?? null]);
    const kept = this.found;
    const found =
      kept !== undefined &&
      kept.key === key &&
      kept.rids === rids &&
      kept.version === this.valuesVersion
        ? kept
        : this.findCells(rids, key, text, field);
    this.found = found;
    const match = nextFoundCell(found, from, direction);
    return match === undefined ? { count: found.count } : { count: found.count, match };
  }

  private findCells(
    rids: Int32Array,
    key: string,
    text: string,
    field: string | undefined,
  ): FoundCells {
    const searched =
      field === undefined
        ? this.fieldNames.map((_, i) => i)
        : [this.fieldNames.indexOf(field)].filter((i) => i >= 0);
    const tests = searched.map(
      (i) => `(instr(lower(${quoteIdentifier(this.fieldNames[i] ?? '')}), lower(?1)) > 0)`,
    );
    // How many cells of each record match, by record id: one pass, each cell tested once. At
    // 1,000,000 rows a typed array by id, not a map of lists: which fields match is asked of
    // the one record a step lands on.
    let maxRid = 0;
    for (const rid of rids) if (rid > maxRid) maxRid = rid;
    const cellsOf = new Int32Array(maxRid + 1);
    if (tests.length > 0) {
      const statement = this.db.prepare(
        `SELECT _rid, n FROM (SELECT _rid, ${tests.join(' + ')} AS n FROM records WHERE ${activeSourcesSql}) WHERE n > 0`,
      );
      try {
        statement.bind([text]);
        while (statement.step()) {
          const row = statement.get();
          const rid = Number(row[0]);
          if (rid <= maxRid) cellsOf[rid] = Number(row[1]);
        }
      } finally {
        statement.free();
      }
    }
    // The matching rows in the view's order, and how many cells match before each.
    const rows = new Int32Array(rids.length);
    const before = new Float64Array(rids.length);
    let found = 0;
    let count = 0;
    rids.forEach((rid, row) => {
      const cells = cellsOf[rid] ?? 0;
      if (cells === 0) return;
      rows[found] = row;
      before[found] = count;
      found += 1;
      count += cells;
    });
    const columnsOf = (k: number): number[] => {
      const statement = this.db.prepare(`SELECT ${tests.join(', ')} FROM records WHERE _rid = ?2`);
      try {
        statement.bind([text, rids[rows[k] ?? 0] ?? 0]);
        if (!statement.step()) return [];
        const row = statement.get();
        return searched.filter((_, i) => row[i] === 1);
      } finally {
        statement.free();
      }
    };
    return {
      key,
      rids,
      version: this.valuesVersion,
      rows: rows.slice(0, found),
      before: before.slice(0, found),
      columnsOf,
      count,
    };
  }

  /**
   * A column's values with how many of a view's records hold each, most common first (筛选's
   * value list), capped at `maxColumnValues`. The view's other column filters apply, the
   * column's own does not (as in Excel); `text` narrows the list.
   */
  columnValues(
    filter: RecordFilter,
    field: string,
    text?: string,
  ): { values: { value: string; count: number }[]; distinct: number } {
    if (!this.fieldNames.includes(field)) return { values: [], distinct: 0 };
    const column = quoteIdentifier(field);
    const where = [
      issueCondition(filter),
      ...activeColumnFilters(filter.columns, this.fieldNames)
        .filter((c) => c.field !== field)
        .map((c) => columnCondition(c)),
    ];
    if (text !== undefined && text !== '') where.push(columnCondition({ field, text }));
    const statement = this.db.prepare(
      `SELECT value, n, COUNT(*) OVER () FROM (SELECT coalesce(${column}, '') AS value, COUNT(*) AS n FROM records WHERE ${activeSourcesSql} AND ${where.map((w) => w.sql).join(' AND ')} GROUP BY 1) ORDER BY n DESC, value LIMIT ${maxColumnValues}`,
    );
    const values: { value: string; count: number }[] = [];
    let distinct = 0;
    try {
      statement.bind(where.flatMap((w) => w.params));
      while (statement.step()) {
        const row = statement.get();
        values.push({ value: String(row[0]), count: Number(row[1]) });
        distinct = Number(row[2]);
      }
    } finally {
      statement.free();
    }
    return { values, distinct };
  }

  /** The stored issues of some records (or of all, paged), in record order. */
  issuesOf(
    filter: { rids?: readonly number[]; offset?: number; limit?: number } = {},
  ): StoredIssue[] {
    const where =
      filter.rids === undefined
        ? '1 = 1'
        : `rid IN (${filter.rids.map(() => '?').join(', ') || 'NULL'})`;
    const statement = this.db.prepare(
      `SELECT id, rid, field, rule, severity, value, message_zh, message_en, suggestion FROM issues WHERE ${where} ORDER BY rid, id LIMIT ? OFFSET ?`,
    );
    const issues: StoredIssue[] = [];
    try {
      statement.bind([...(filter.rids ?? []), filter.limit ?? -1, filter.offset ?? 0]);
      while (statement.step()) {
        const r = statement.get();
        const base = {
          id: Number(r[0]),
          row: Number(r[1]),
          field: String(r[2]),
          rule: String(r[3]),
          severity: String(r[4]) as Issue['severity'],
          value: String(r[5]),
          message: { zh: String(r[6]), en: String(r[7]) },
        };
        issues.push(r[8] === null ? base : { ...base, suggestion: String(r[8]) });
      }
    } finally {
      statement.free();
    }
    return issues;
  }

  /** The first rows of a source, cells exactly as read (samples for a mapping suggestion). */
  sourceRows(sourceId: number, limit: number): { sourceRow: number; cells: string[] }[] {
    const rows =
      this.db.exec(
        'SELECT source_row, cells FROM source_rows WHERE source_id = ? ORDER BY rid LIMIT ?',
        [sourceId, limit],
      )[0]?.values ?? [];
    return rows.map(([sourceRow, cells]) => ({
      sourceRow: Number(sourceRow),
      cells: JSON.parse(String(cells)) as string[],
    }));
  }

  /** The source cells of a record, exactly as read, with its provenance. */
  sourceOf(
    rid: number,
  ):
    | { file: string; sheet: string; sourceRow: number; columns: string[]; cells: string[] }
    | undefined {
    const row = this.db.exec(
      'SELECT s.file, s.sheet, r.source_row, s.columns, r.cells FROM source_rows r JOIN sources s ON s.id = r.source_id WHERE r.rid = ?',
      [rid],
    )[0]?.values[0];
    if (row === undefined) return undefined;
    return {
      file: String(row[0]),
      sheet: String(row[1]),
      sourceRow: Number(row[2]),
      columns: JSON.parse(String(row[3])) as string[],
      cells: JSON.parse(String(row[4])) as string[],
    };
  }
}

/** What is durable when a project is opened or created: where the journal continues from. */
interface DurableState {
  /** The last operation's sequence number (in the snapshot or the journal). */
  readonly seq: number;
  /** The snapshot's journal id. */
  readonly journalId: string;
  /** The journal to append to, when one continues the snapshot. */
  readonly journal: JournalWriter | undefined;
}

/** When checkpoints run, and through what. */
export interface CheckpointPolicy {
  /** A checkpoint runs after this many ms without an operation. */
  readonly idleMs: number;
  /** A checkpoint runs as soon as the journal is larger than this. */
  readonly journalBytes: number;
  /** Runs a checkpoint the timer asks for (the engine's write gate). */
  readonly run: (work: () => Promise<void>) => Promise<void>;
}

/** Records written between two looks at the database's size during an import. */
const sizeCheckRows = 2000;

/** Bytes a field takes in a project (its value and its cell as read), for estimates. */
const estimatedBytesPerField = 36;

/**
 * Bytes a project grows by per byte of a text file imported into it (its cells as read and its
 * values), for estimates: the demo register makes 2.4 (64 MB of CSV, 300,000 rows: a 154 MB
 * project). A GBK file grows it more (a Chinese character is 2 bytes there, 3 in the project).
 */
const projectBytesPerTextByte = 2.4;

/** 30 s idle, or 64 MB of journal: rare enough not to stall the clerk, small enough to replay fast. */
const defaultCheckpointPolicy: CheckpointPolicy = {
  idleMs: 30_000,
  journalBytes: 64 * 1024 * 1024,
  run: (work) => work(),
};

/**
 * Brings a snapshot just read up to date with its journal: replays, in one transaction, the
 * records after the snapshot's sequence number, drops a torn or damaged last record (a crash
 * mid-append leaves one; it was never acknowledged), and refuses a journal damaged before its
 * end or not belonging to this snapshot (acknowledged work would be lost silently).
 */
async function restoreJournal(db: Database, path: string): Promise<Result<DurableState>> {
  const meta = new Map<string, string>();
  for (const row of db.exec(
    "SELECT key, value FROM meta WHERE key IN ('journal_seq', 'journal_id')",
  )[0]?.values ?? [])
    meta.set(String(row[0]), String(row[1]));
  const snapshotSeq = Number(meta.get('journal_seq') ?? '0');
  const journalId = meta.get('journal_id') ?? noJournalId;
  const journalPath = journalPathFor(path);
  const damaged = (reason: string): Result<DurableState> =>
    err(
      'project-journal-corrupt',
      `项目的修改记录文件（${journalPath}）已损坏，其中已保存的修改无法完整恢复，因此没有打开项目。请保留该文件和项目文件，联系技术支持处理`,
      `The project's journal (${journalPath}) is damaged, so saved changes cannot be fully restored; the project was not opened. Keep both files and contact support`,
      [reason],
    );
  let reading: Awaited<ReturnType<typeof readJournal>>;
  try {
    reading = await readJournal(journalPath);
  } catch (error) {
    return err(
      'project-journal-unreadable',
      `无法读取项目的修改记录文件：${journalPath}，请检查该文件的权限后重新打开`,
      `Cannot read the project's journal: ${journalPath}; check its permissions and open again`,
      [error instanceof Error ? error.message : String(error)],
    );
  }
  if (reading.kind === 'missing') return ok({ seq: snapshotSeq, journalId, journal: undefined });
  if (reading.kind === 'corrupt') return damaged(reading.reason);
  const newer = reading.records.filter((record) => record.seq > snapshotSeq);
  if (reading.journalId !== journalId) {
    // A journal of an older snapshot: a checkpoint ended before dropping it. Stale, unless it
    // holds operations the snapshot lacks (then the project file was replaced by another copy).
    if (newer.length === 0) return ok({ seq: snapshotSeq, journalId, journal: undefined });
    return damaged(
      `the journal continues snapshot ${reading.journalId}, the project file is snapshot ${journalId} at ${snapshotSeq}`,
    );
  }
  const first = newer[0];
  if (first !== undefined && first.seq !== snapshotSeq + 1)
    return damaged(`the journal starts at ${first.seq}, the snapshot holds up to ${snapshotSeq}`);
  try {
    replayJournal(db, newer);
  } catch (error) {
    return damaged(
      `replaying the journal failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const journal = await JournalWriter.resume(journalPath, reading.goodEnd, reading.tornBytes);
  return ok({ seq: newer.at(-1)?.seq ?? snapshotSeq, journalId, journal });
}

/** The file's inode (so a checkpoint knows whether its rename happened), or undefined. */
async function fileIdentity(path: string): Promise<bigint | undefined> {
  try {
    return (await stat(path, { bigint: true })).ino;
  } catch {
    return undefined;
  }
}

/** Runs the journaled statements again, in order, in one transaction. */
function replayJournal(db: Database, records: readonly JournalRecord[]): void {
  if (records.length === 0) return;
  const prepared = new Map<string, Statement>();
  db.exec('BEGIN');
  try {
    for (const record of records) {
      for (const [kind, sql, params] of record.statements) {
        if (kind === 'exec' || params === null) {
          db.exec(sql, params ?? undefined);
          continue;
        }
        let statement = prepared.get(sql);
        if (statement === undefined) {
          statement = db.prepare(sql);
          prepared.set(sql, statement);
        }
        statement.run(params);
      }
    }
    for (const statement of prepared.values()) statement.free();
    db.exec('COMMIT');
  } catch (error) {
    for (const statement of prepared.values()) statement.free();
    db.exec('ROLLBACK');
    throw error;
  }
}

/** Filled-cell counts per field (in field order) over the active records. */
/** The active records' sources (imports not undone), as a condition on `records`. */
const activeSourcesSql =
  "_source_id IN (SELECT s.id FROM sources s JOIN operations o ON o.id = s.operation_id WHERE o.state = 'done')";

/** What 查找 found in a view: its matching rows (ascending), their fields, and counts before each. */
interface FoundCells {
  readonly key: string;
  readonly rids: Int32Array;
  readonly version: number;
  /** The matching rows (indexes in the view), ascending. */
  readonly rows: Int32Array;
  /** How many matching cells come before each matching row. */
  readonly before: Float64Array;
  /** The matching fields (indexes) of the k-th matching row, asked when a step lands there. */
  readonly columnsOf: (k: number) => number[];
  readonly count: number;
}

/** The match after (or before) a cell, wrapping round; undefined when nothing matches. */
function nextFoundCell(
  found: FoundCells,
  from: { row: number; column: number } | undefined,
  direction: 'next' | 'previous',
): FoundCell | undefined {
  const { rows, before, columnsOf } = found;
  if (rows.length === 0) return undefined;
  const at = (k: number, i: number, isWrapped: boolean): FoundCell => ({
    row: rows[k] ?? 0,
    column: columnsOf(k).at(i) ?? 0,
    rid: found.rids[rows[k] ?? 0] ?? 0,
    ordinal: (before[k] ?? 0) + i + 1,
    isWrapped,
  });
  const last = rows.length - 1;
  const lastOf = (k: number): number => columnsOf(k).length - 1;
  if (from === undefined)
    return direction === 'next' ? at(0, 0, false) : at(last, lastOf(last), false);
  // The first matching row at or after the cell's row.
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((rows[mid] ?? 0) < from.row) low = mid + 1;
    else high = mid;
  }
  const cells = rows[low] === from.row ? columnsOf(low) : [];
  if (direction === 'next') {
    const i = cells.findIndex((c) => c > from.column);
    if (i >= 0) return at(low, i, false);
    const k = cells.length > 0 ? low + 1 : low;
    return k <= last ? at(k, 0, false) : at(0, 0, true);
  }
  const i = cells.findLastIndex((c) => c < from.column);
  if (i >= 0) return at(low, i, false);
  return low > 0 ? at(low - 1, lastOf(low - 1), false) : at(last, lastOf(last), true);
}

/** The cache key of an issue filter (withIssues alone is every issue: rule and field null). */
function issueKey(filter: RecordFilter): string {
  const isFiltered =
    filter.withIssues === true || filter.rule !== undefined || filter.field !== undefined;
  return isFiltered ? JSON.stringify([filter.rule ?? null, filter.field ?? null]) : 'all';
}

/** An issue filter as a condition on `records`. */
function issueCondition(filter: RecordFilter): { sql: string; params: SqlValue[] } {
  if (issueKey(filter) === 'all') return { sql: '1 = 1', params: [] };
  const parts = ['1 = 1'];
  const params: SqlValue[] = [];
  if (filter.rule !== undefined) {
    parts.push('rule = ?');
    params.push(filter.rule);
  }
  if (filter.field !== undefined) {
    parts.push('field = ?');
    params.push(filter.field);
  }
  return { sql: `_rid IN (SELECT rid FROM issues WHERE ${parts.join(' AND ')})`, params };
}

/** The column filters that select something, of known fields, in a stable order. */
function activeColumnFilters(
  columns: readonly ColumnFilter[] | undefined,
  fieldNames: readonly string[],
): ColumnFilter[] {
  return (columns ?? [])
    .filter((c) => fieldNames.includes(c.field))
    .map((c) => ({
      field: c.field,
      ...(c.values === undefined ? {} : { values: [...new Set(c.values)].sort() }),
      ...(c.text === undefined || c.text === '' ? {} : { text: c.text }),
    }))
    .filter((c) => c.values !== undefined || c.text !== undefined)
    .sort((a, b) => fieldNames.indexOf(a.field) - fieldNames.indexOf(b.field));
}

/** A column filter as a condition on `records`: one of the values ('' = blank), containing the text. */
function columnCondition(filter: ColumnFilter): { sql: string; params: SqlValue[] } {
  const column = quoteIdentifier(filter.field);
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (filter.values !== undefined) {
    const filled = filter.values.filter((v) => v !== '');
    const either = [
      ...(filled.length > 0 ? [`${column} IN (${filled.map(() => '?').join(', ')})`] : []),
      ...(filled.length < filter.values.length ? [`${column} IS NULL OR ${column} = ''`] : []),
    ];
    parts.push(either.length > 0 ? `(${either.join(' OR ')})` : '0');
    params.push(...filled);
  }
  if (filter.text !== undefined) {
    parts.push(`instr(lower(coalesce(${column}, '')), lower(?)) > 0`);
    params.push(filter.text);
  }
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1 = 1', params };
}

/** The ids in both sorted lists, sorted. */
function intersectSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      out[n++] = x;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return out.slice(0, n);
}

/** The ids of `order` that are in `selected`, in `order`'s order (a bitmap: linear time). */
function pickInOrder(order: Int32Array, selected: Int32Array): Int32Array {
  let max = 0;
  for (const rid of order) if (rid > max) max = rid;
  const isSelected = new Uint8Array(max + 1);
  for (const rid of selected) if (rid <= max) isSelected[rid] = 1;
  const out = new Int32Array(selected.length);
  let n = 0;
  for (const rid of order) if (isSelected[rid] === 1) out[n++] = rid;
  return out.slice(0, n);
}

interface FilledCounts {
  records: number;
  perField: number[];
}

/** Records per slice of the quality summary's scan: tens of milliseconds, so a grid page waits little. */
const filledSlice = 10_000;

/** Whether a cell counts as filled in the quality summary (not NULL, not empty). */
function isFilled(value: SqlValue | undefined): boolean {
  return value !== null && value !== undefined && String(value) !== '';
}

/** Whether a sorted list of ids holds `id` (binary search). */
function includesSorted(ids: Int32Array, id: number): boolean {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = ids[middle] ?? 0;
    if (at === id) return true;
    if (at < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
