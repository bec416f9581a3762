/**
 * The importer's entry points. `openTable` is what `steward validate` and the app call: it
 * opens any accepted file in an import worker, finds the table in the chosen (or first
 * non-empty visible) sheet and streams its rows. `openWorkbook` lists the sheets and opens
 * several tables from one file; `openTables` opens every visible sheet that holds data.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFileSignature } from '../../../shared/import/detect-file-signature.ts';
import { defaultImportLimits, type ImportLimits } from '../../../shared/import/import-limits.ts';
import type { ImportWarning } from '../../../shared/import/import-warning.ts';
import type { HeaderDecision } from '../../../shared/import/detect-header-row.ts';
import type { TableLayout } from '../../../shared/import/table-layout.ts';
import { type AppError, err, ok, type Result } from '../../../shared/result.ts';
import { readUnlessLocked } from '../file-locked.ts';
import type { TextEncoding } from './decode-text.ts';
import { ImportError } from './import-error.ts';
import type {
  RowBatch,
  ScannedTable,
  SheetSummary,
  SurveyedTable,
  WorkbookSummary,
} from './import-protocol.ts';
import { ImportWorkerClient } from './import-worker-client.ts';
import type { SourceFormat, SourceRecord, SourceTable } from './source-table.ts';

/** What the user can choose when opening a file. */
export interface OpenOptions {
  /** For text files: the encoding, instead of the detected one. */
  readonly encoding?: TextEncoding;
  /** Limits other than the defaults (tests use small ones). */
  readonly limits?: Partial<ImportLimits>;
}

/** What the user can choose about one table. */
export interface TableOptions {
  /** The header row as a spreadsheet shows it (1-based); 0 for a table without a header. */
  readonly headerRow?: number;
  /** Whether the header is one row or two (joined as `收款人-银行账号`). */
  readonly headerRows?: 1 | 2;
  /**
   * Read the table once (issue #11), not surveyed whole first and then streamed: the header
   * and columns come from the top rows, and `rowCount`, `footerRows` and `flagged` grow as the
   * rows stream, complete once `rows()` ends. A column that first shows deep in the file ends
   * the rows with an ImportError coded `layout-changed` (the caller reads it again without
   * this). A survey of the sheet already kept (with any header choice) is used as it would be
   * without this, and a sheet with merged ranges is surveyed whole first as before.
   */
  readonly isSinglePass?: boolean;
}

/** Options of `openTable`: the file's, the table's, and which sheet. */
export interface OpenTableOptions extends OpenOptions, TableOptions {
  /** The sheet, by name, or by its 1-based position when no sheet has that name. */
  readonly sheet?: string | number;
}

/** A file opened for import, with its sheets listed. */
export interface ImportedWorkbook {
  /** The file's base name. */
  readonly file: string;
  readonly format: SourceFormat;
  /** For text files: the encoding used. */
  readonly encoding?: TextEncoding;
  /** For text files: the delimiter used. */
  readonly delimiter?: string;
  /** Every sheet, hidden ones included (flagged). */
  readonly sheets: readonly SheetSummary[];
  /** What the clerk should check about the file (stray lines in another encoding, ...). */
  readonly warnings: readonly ImportWarning[];
  /** Finds a sheet by name, or by 1-based position when no sheet has that name. */
  findSheet(sheet: string | number): SheetSummary | undefined;
  /**
   * Surveys one sheet (reading it once) and returns its table. The survey is kept while the
   * workbook is open: the same sheet asked again (with the same header, or a header choice that
   * comes to the same table) streams from it without another survey.
   */
  openTable(sheet: SheetSummary, options?: TableOptions): Promise<Result<SourceTable>>;
  /** Stops the import worker; tables opened from the workbook keep it until they close. */
  close(): Promise<void>;
  /** Whether its worker still answers (not closed, not stopped by a failure). */
  isOpen(): boolean;
}

/** Opens a file for import: `openWorkbook`, or a kept file's (see OpenedFileCache). */
export type WorkbookOpener = (
  path: string,
  options?: OpenOptions,
) => Promise<Result<ImportedWorkbook>>;

/**
 * Heap for reading a text file: it streams and holds little, and with a larger limit V8 lets
 * garbage pile up (1.3 GB of RSS for a 1M-row CSV that reads the same in 580 MB).
 */
const textHeapMb = 768;

/** What a file's first bytes say it is: text, a binary workbook SheetJS parses whole, or else. */
async function detectKind(path: string): Promise<'text' | 'binary' | 'other'> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const kind = detectFileSignature(head.subarray(0, bytesRead)).kind;
    if (kind === 'text') return 'text';
    // An xls (OLE2), or an ods, whose first zip entry is its stored `mimetype`.
    const isOds = head.toString('latin1', 30, 84) === odsMimetypeEntry;
    return kind === 'ole' || (kind === 'zip' && isOds) ? 'binary' : 'other';
  } finally {
    await handle.close();
  }
}

const odsMimetypeEntry = 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';

/**
 * How long opening a file may go without a sign of progress. SheetJS parses an xls or ods whole
 * and reports nothing meanwhile, so it gets 2 s per MB; a small one 15 s at least (a 1 MB xls
 * parses in about 2 s), since a damaged one can send SheetJS round a loop for minutes. Other
 * files keep the general limit (a large xlsx loads its shared strings first).
 */
export function openStallMs(
  size: number,
  kind: 'text' | 'binary' | 'other',
  limits: ImportLimits,
): number {
  const proportional = (size / 1024 ** 2) * 2000;
  const floor = kind === 'binary' ? Math.min(limits.stallTimeoutMs, 15_000) : limits.stallTimeoutMs;
  return Math.max(floor, proportional);
}

/** A binary workbook whose parse stalled: SheetJS is looping over damaged records. */
function stalledBinary(stalled: AppError): Result<never> {
  return err(
    'corrupt-file',
    '不能读取这个文件：文件可能已损坏（解析时陷入停滞，已停止）。请在 Excel 或 WPS 中打开它，另存为 xlsx 后再导入；打不开时请向报送单位要一份完好的文件',
    'The file cannot be read: it may be damaged (its parse stalled and was stopped). Open it in Excel or WPS and save it as xlsx, then import it again; if it will not open, ask for an intact copy',
    [stalled.message.en],
  );
}

/** Refuses a missing, empty or oversized file before any worker starts; gives its size. */
async function checkFile(path: string, limits: ImportLimits): Promise<Result<number>> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return err('not-a-file', `不是文件：${path}`, `Not a file: ${path}`);
    size = info.size;
  } catch {
    return err('file-not-found', `找不到文件：${path}`, `File not found: ${path}`);
  }
  if (size === 0) return err('empty-file', '文件是空的', 'The file is empty');
  if (size > limits.maxFileBytes) {
    const mb = (bytes: number) => Math.round(bytes / 1024 ** 2);
    return err(
      'too-large',
      `文件过大（${mb(size)} MB，上限 ${mb(limits.maxFileBytes)} MB）`,
      `The file is too large (${mb(size)} MB; the limit is ${mb(limits.maxFileBytes)} MB)`,
    );
  }
  return ok(size);
}

/** Opens a file in an import worker and lists its sheets. */
export async function openWorkbook(
  path: string,
  options: OpenOptions = {},
): Promise<Result<ImportedWorkbook>> {
  const limits: ImportLimits = { ...defaultImportLimits, ...options.limits };
  const checked = await checkFile(path, limits);
  if (!checked.ok) return checked;
  // The first read of the file: where a workbook open in Excel or WPS is found locked.
  const detected = await readUnlessLocked(path, () => detectKind(path));
  if (!detected.ok) return detected;
  const kind = detected.value;
  const client = new ImportWorkerClient(
    kind === 'text' ? { ...limits, maxMemoryMb: Math.min(limits.maxMemoryMb, textHeapMb) } : limits,
  );
  // Opening (SheetJS parses a whole xls at once) and the first pass over a large xlsx (its
  // shared strings load first) report no progress for a while: allow 2 s per MB.
  const stallMs = Math.max(limits.stallTimeoutMs, (checked.value / 1024 ** 2) * 2000);
  const opened = await client.request<WorkbookSummary>(
    {
      type: 'open',
      path,
      limits,
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    },
    openStallMs(checked.value, kind, limits),
  );
  if (!opened.ok) {
    await client.close();
    return kind === 'binary' && opened.error.code === 'timeout'
      ? stalledBinary(opened.error)
      : opened;
  }
  const summary = opened.value;
  const file = basename(path);
  let users = 1;
  const release = async () => {
    users -= 1;
    if (users === 0) await client.close();
  };
  const header = (options: TableOptions) => ({
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
    ...(options.headerRows === undefined ? {} : { headerRows: options.headerRows }),
  });
  /** Surveys kept by sheet and header choice (`index|headerRow|headerRows`). */
  const surveys = new Map<string, SurveyedTable>();
  const keyOf = (sheet: SheetSummary, options: TableOptions) =>
    `${sheet.index}|${options.headerRow ?? ''}|${options.headerRows ?? ''}`;
  /** A survey kept of `sheet` with any header choice. */
  const anySurveyOf = (sheet: SheetSummary): SurveyedTable | undefined =>
    [...surveys].find(([k]) => k.startsWith(`${sheet.index}|`))?.[1];
  const keptSurvey = async (
    sheet: SheetSummary,
    options: TableOptions,
  ): Promise<Result<SurveyedTable>> => {
    const key = keyOf(sheet, options);
    const kept = surveys.get(key);
    if (kept !== undefined) return ok(kept);
    // A survey of this sheet made with another header choice gives the same table when the
    // header decided now (from the top rows only) is the same: only its reason differs.
    const other = anySurveyOf(sheet);
    if (other !== undefined) {
      const decided = await client.request<HeaderDecision>({
        type: 'decide',
        sheet: sheet.index,
        ...header(options),
      });
      if (!decided.ok) return decided;
      const { headerRow, headerRows, reason } = decided.value;
      if (headerRow === other.layout.headerRow && headerRows === other.layout.headerRows) {
        const same = { ...other, layout: { ...other.layout, headerReason: reason } };
        surveys.set(key, same);
        return ok(same);
      }
    }
    const surveyed = await client.request<SurveyedTable>(
      { type: 'survey', sheet: sheet.index, ...header(options) },
      stallMs,
    );
    if (surveyed.ok) surveys.set(key, surveyed.value);
    return surveyed;
  };
  const workbook: ImportedWorkbook = {
    file,
    format: summary.format,
    ...(summary.encoding === undefined ? {} : { encoding: summary.encoding }),
    ...(summary.delimiter === undefined ? {} : { delimiter: summary.delimiter }),
    sheets: summary.sheets,
    warnings: summary.warnings ?? [],
    findSheet(sheet) {
      const byName = summary.sheets.find((s) => s.name === String(sheet));
      if (byName !== undefined) return byName;
      const position = Number(sheet);
      return Number.isInteger(position) ? summary.sheets[position - 1] : undefined;
    },
    async openTable(sheet, tableOptions = {}) {
      // A survey of the sheet already kept (the 导入 step's, perhaps with another header
      // choice) is used as `keptSurvey` finds it: its rows are counted, nothing is read twice.
      if (tableOptions.isSinglePass === true && anySurveyOf(sheet) === undefined) {
        // A sheet with merged ranges comes back surveyed whole (see the worker's `scan`).
        const scanned = await client.request<ScannedTable | SurveyedTable>(
          { type: 'scan', sheet: sheet.index, ...header(tableOptions) },
          stallMs,
        );
        if (!scanned.ok) return scanned;
        if ('tableId' in scanned.value) surveys.set(keyOf(sheet, tableOptions), scanned.value);
        users += 1;
        return ok(createTable(client, workbook, sheet, scanned.value, release));
      }
      const surveyed = await keptSurvey(sheet, tableOptions);
      if (!surveyed.ok) return surveyed;
      users += 1;
      return ok(createTable(client, workbook, sheet, surveyed.value, release));
    },
    close: release,
    isOpen: () => users > 0 && !client.hasFailed,
  };
  return ok(workbook);
}

/** A table from a kept survey (streamed on demand) or from a single pass (already started). */
function createTable(
  client: ImportWorkerClient,
  workbook: ImportedWorkbook,
  sheet: SheetSummary,
  start: SurveyedTable | ScannedTable,
  release: () => Promise<void>,
): SourceTable {
  let layout: TableLayout = start.layout;
  // A single pass counts its rows as they stream; its last batch brings the whole layout.
  let isCounting = 'streamId' in start;
  let isClosed = false;
  let isStarted = false;
  let streamId: number | undefined = 'streamId' in start ? start.streamId : undefined;
  const close = async () => {
    if (isClosed) return;
    isClosed = true;
    // A single pass never read: the worker lets the file go.
    if (streamId !== undefined && !isStarted) await client.request({ type: 'drop', streamId });
    await release();
  };
  const file = workbook.file;
  const sheetName = sheet.name;
  return {
    file,
    format: workbook.format,
    ...(workbook.encoding === undefined ? {} : { encoding: workbook.encoding }),
    sheet: sheetName,
    hidden: sheet.hidden,
    headerRow: layout.headerRow,
    headerRows: layout.headerRows,
    headerReason: layout.headerReason,
    columns: layout.columns,
    requiredColumns: layout.requiredColumns,
    // Getters: a single pass completes them with its last batch.
    get rowCount() {
      return layout.rowCount;
    },
    get isCounting() {
      return isCounting;
    },
    get footerRows() {
      return layout.footerRows;
    },
    get flagged() {
      return layout.flagged;
    },
    get flaggedCount() {
      return layout.flaggedCount;
    },
    async *rows(): AsyncGenerator<SourceRecord> {
      if (isStarted) throw new Error('SourceTable.rows() iterated twice');
      isStarted = true;
      try {
        if (streamId === undefined && 'tableId' in start) {
          const started = await client.request<number>({ type: 'stream', tableId: start.tableId });
          if (!started.ok) throw new ImportError(started.error);
          streamId = started.value;
        }
        const id = streamId as number;
        let read = 0;
        let next = client.request<RowBatch>({ type: 'pull', streamId: id });
        for (;;) {
          const batch = await next;
          if (!batch.ok) throw new ImportError(batch.error);
          if (batch.value.layout !== undefined) {
            layout = batch.value.layout;
            isCounting = false;
          }
          if (!batch.value.done) {
            next = client.request<RowBatch>({ type: 'pull', streamId: id });
          }
          for (const row of batch.value.rows) {
            read += 1;
            yield { file, sheet: sheetName, sourceRow: row.sourceRow, cells: row.cells };
          }
          if (batch.value.done) {
            streamId = undefined;
            break;
          }
        }
        if (read !== layout.rowCount) {
          throw new ImportError({
            code: 'rows-lost',
            message: {
              zh: `读取不完整：应有 ${layout.rowCount} 行数据，第二次读取只得到 ${read} 行（文件是否在读取时被修改？）`,
              en: `Incomplete read: ${layout.rowCount} data rows expected, the second read gave ${read} (was the file changed while it was read?)`,
            },
          });
        }
      } finally {
        // Left before the end (a preview reads the first rows): the kept worker lets the file go.
        if (streamId !== undefined) await client.request({ type: 'drop', streamId });
        await close();
      }
    },
    close,
  };
}

/**
 * Opens the table of one sheet: the sheet asked for, else the first visible sheet that holds
 * data. The table owns the import worker; reading its rows to the end, or `close()`, stops it.
 */
export async function openTable(
  path: string,
  options: OpenTableOptions = {},
  open: WorkbookOpener = openWorkbook,
): Promise<Result<SourceTable>> {
  const opened = await open(path, options);
  if (!opened.ok) return opened;
  const workbook = opened.value;
  try {
    const tableOptions: TableOptions = {
      ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
      ...(options.headerRows === undefined ? {} : { headerRows: options.headerRows }),
      ...(options.isSinglePass === undefined ? {} : { isSinglePass: options.isSinglePass }),
    };
    if (options.sheet !== undefined) {
      const sheet = workbook.findSheet(options.sheet);
      if (sheet === undefined) return noSuchSheet(options.sheet, workbook);
      return await workbook.openTable(sheet, tableOptions);
    }
    const candidates = workbook.sheets.filter((s) => !s.hidden && s.kind === 'worksheet');
    let first: SourceTable | undefined;
    for (const sheet of candidates) {
      let table = await workbook.openTable(sheet, tableOptions);
      // A single pass found no data row in the top rows: whether the sheet holds any, only a
      // survey of it says.
      if (table.ok && table.value.isCounting && table.value.rowCount === 0) {
        await table.value.close();
        table = await workbook.openTable(sheet, { ...tableOptions, isSinglePass: false });
      }
      if (!table.ok) {
        await first?.close();
        return table;
      }
      if (table.value.rowCount > 0) {
        await first?.close();
        return table;
      }
      if (first === undefined) first = table.value;
      else await table.value.close();
    }
    if (first !== undefined) return ok(first);
    return err('no-sheet', '文件中没有可见的工作表', 'The file has no visible worksheet');
  } finally {
    await workbook.close();
  }
}

/**
 * Opens the tables of every visible sheet that holds data (or the one sheet asked for), to be
 * appended into one dataset or read one by one. They share one import worker.
 */
export async function openTables(
  path: string,
  options: OpenTableOptions = {},
): Promise<Result<SourceTable[]>> {
  if (options.sheet !== undefined) {
    const table = await openTable(path, options);
    return table.ok ? ok([table.value]) : table;
  }
  const opened = await openWorkbook(path, options);
  if (!opened.ok) return opened;
  const workbook = opened.value;
  const tables: SourceTable[] = [];
  try {
    for (const sheet of workbook.sheets) {
      if (sheet.hidden || sheet.kind !== 'worksheet') continue;
      const table = await workbook.openTable(sheet, {
        ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
        ...(options.headerRows === undefined ? {} : { headerRows: options.headerRows }),
      });
      if (!table.ok) {
        await Promise.all(tables.map((t) => t.close()));
        return table;
      }
      if (table.value.rowCount > 0) tables.push(table.value);
      else await table.value.close();
    }
    return ok(tables);
  } finally {
    await workbook.close();
  }
}

function noSuchSheet(sheet: string | number, workbook: ImportedWorkbook): Result<never> {
  const names = workbook.sheets.map((s) => s.name).join('、');
  return err(
    'no-such-sheet',
    `文件中没有工作表「${sheet}」（现有：${names}）`,
    `The file has no sheet ${String(sheet)} (it has: ${names})`,
  );
}
