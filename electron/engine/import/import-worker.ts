/**
 * The import worker: opens one file with the right reader, surveys its sheets and streams the
 * rows of surveyed tables on request, as often as asked (a kept survey is streamed again, not
 * made again). Started by `ImportWorkerClient` with a heap limit; every
 * expected failure goes back as a Result, a bug as a thrown error (the client reports both).
 */
import { parentPort } from 'node:worker_threads';
import { fileLockedError, isFileLocked } from '../file-locked.ts';
import { projectRows } from '../../../shared/import/project-rows.ts';
import type { MergedRange, RawRow } from '../../../shared/import/raw-row.ts';
import type { HeaderDecision } from '../../../shared/import/detect-header-row.ts';
import type { CleanRow } from '../../../shared/import/clean-raw-row.ts';
import {
  createTableSurvey,
  decideHeader,
  surveyTable,
  type TableSurvey,
} from '../../../shared/import/survey-table.ts';
import type { ProjectedRow, TableLayout } from '../../../shared/import/table-layout.ts';
import type { ImportLimits } from '../../../shared/import/import-limits.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { ImportError, importError } from './import-error.ts';
import type {
  ImportReply,
  ImportRequest,
  RowBatch,
  ScannedTable,
  SurveyedTable,
  WorkbookSummary,
} from './import-protocol.ts';
import { openWorkbookSource } from './open-workbook-source.ts';
import type { WorkbookSource } from './workbook-source.ts';

/**
 * Rows per batch sent to the engine. A batch lives until it is posted: at 5,000 rows it outlived
 * the young generation's collections and was copied on, in both threads. At 1,000, `steward
 * package` of 300,000 rows took 8.1 s instead of 8.9 s and 392 MB instead of 447 MB (fastest of
 * four interleaved runs each; 500 and 2,000 gave 8.0 s and 8.9 s).
 */
const batchRows = 1000;

interface Table {
  readonly sheet: number;
  readonly layout: TableLayout;
  readonly merges: readonly MergedRange[];
}

let source: WorkbookSource | undefined;
let limits: ImportLimits | undefined;
const tables = new Map<number, Table>();
const streams = new Map<number, AsyncIterator<ProjectedRow[]>>();
/** The complete layout of each single pass that reached the end of its sheet, by stream. */
const scanned = new Map<number, TableLayout>();
let nextId = 1;

function post(reply: ImportReply): void {
  parentPort?.postMessage(reply);
}

function notOpen(): Result<never> {
  return err('not-open', '文件尚未打开', 'The file is not open');
}

async function open(
  request: Extract<ImportRequest, { type: 'open' }>,
): Promise<Result<WorkbookSummary>> {
  limits = request.limits;
  let opened: Awaited<ReturnType<typeof openWorkbookSource>>;
  try {
    opened = await openWorkbookSource(
      request.path,
      request.encoding === undefined ? {} : { encoding: request.encoding },
      request.limits,
    );
  } catch (error) {
    // Excel or WPS took the file between the engine's first look and this read.
    if (isFileLocked(error)) return fileLockedError(request.path, error);
    throw error;
  }
  if (!opened.ok) return opened;
  source = opened.value;
  const summary: WorkbookSummary = {
    format: source.format,
    sheets: source.sheets.map((sheet, index) => ({
      index,
      name: sheet.name,
      hidden: sheet.hidden,
      kind: sheet.kind,
    })),
  };
  return ok({
    ...summary,
    ...(source.encoding === undefined ? {} : { encoding: source.encoding }),
    ...(source.delimiter === undefined ? {} : { delimiter: source.delimiter }),
    ...(source.warnings === undefined ? {} : { warnings: source.warnings }),
  });
}

async function survey(
  request: Extract<ImportRequest, { type: 'survey' | 'scan' }>,
): Promise<Result<SurveyedTable>> {
  const sheet = source?.sheets[request.sheet];
  if (sheet === undefined || limits === undefined) return notOpen();
  const merges = await sheet.merges();
  const layout = await surveyTable(sheet.rows(), {
    merges,
    limits,
    ...(request.headerRow === undefined ? {} : { headerRow: request.headerRow }),
    ...(request.headerRows === undefined ? {} : { headerRows: request.headerRows }),
    onProgress: (rowsRead) => post({ id: request.id, type: 'progress', rowsRead }),
  });
  if (!layout.ok) return layout;
  const tableId = nextId++;
  tables.set(tableId, { sheet: request.sheet, layout: layout.value, merges });
  return ok({ tableId, layout: layout.value });
}

/** Decides a sheet's header from its top rows only (see `decideHeader`). */
async function decide(
  request: Extract<ImportRequest, { type: 'decide' }>,
): Promise<Result<HeaderDecision>> {
  const sheet = source?.sheets[request.sheet];
  if (sheet === undefined) return notOpen();
  return ok(
    await decideHeader(sheet.rows(), {
      merges: await sheet.merges(),
      ...(request.headerRow === undefined ? {} : { headerRow: request.headerRow }),
      ...(request.headerRows === undefined ? {} : { headerRows: request.headerRows }),
    }),
  );
}

/**
 * Streams the data rows of a single pass as its survey decides them (see `scan`): projected on
 * the columns the top rows showed, checked against the columns of the whole sheet as it goes.
 */
async function* scanRows(
  streamId: number,
  iterator: AsyncIterator<readonly RawRow[]>,
  survey: TableSurvey,
  committed: CleanRow[],
  columns: readonly number[],
): AsyncGenerator<ProjectedRow[]> {
  const take = (): ProjectedRow[] => {
    const out: ProjectedRow[] = new Array<ProjectedRow>(committed.length);
    for (let r = 0; r < committed.length; r += 1) {
      const row = committed[r] as CleanRow;
      const cells: string[] = new Array<string>(columns.length);
      for (let i = 0; i < columns.length; i += 1) cells[i] = row.values[columns[i] ?? -1] ?? '';
      out[r] = { sourceRow: row.row, cells };
    }
    committed.length = 0;
    return out;
  };
  try {
    for (;;) {
      // The columns only grow: one more than the top rows showed means the table read so far
      // lacks it, and a single pass cannot give it back to the rows already handed on.
      if (survey.sourceColumns().length !== columns.length) {
        throw layoutChanged(survey.sourceColumns(), columns, committed);
      }
      const out = take();
      if (out.length > 0) yield out;
      const next = await iterator.next();
      if (next.done === true) break;
      for (const raw of next.value) {
        const failure = survey.push(raw);
        if (failure !== undefined && !failure.ok) throw new ImportError(failure.error);
      }
    }
    const layout = survey.finish();
    if (!layout.ok) throw new ImportError(layout.error);
    scanned.set(streamId, layout.value);
  } finally {
    await iterator.return?.();
  }
}

function layoutChanged(
  found: readonly number[],
  columns: readonly number[],
  committed: readonly CleanRow[],
): ImportError {
  const column = found.find((c) => !columns.includes(c)) ?? -1;
  const row = committed.find((r) => r.own[column] === true)?.row ?? 0;
  return importError(
    'layout-changed',
    `表格在第 ${row} 行之后出现了表头和前面各行都没有的列，单次读取无法继续；请重新导入（将先完整读取一遍再导入）`,
    `The table has a column from row ${row} that neither its header nor the rows above use; a single pass cannot go on: import again (the file is then read in full first)`,
  );
}

/**
 * Reads a sheet once for its table (issue #11: the survey read it whole, then the stream read
 * it again): its top rows decide the header and the columns, then its data rows stream as the
 * survey decides them, footer-like rows held back until a table-like row follows (at most
 * `maxPending` of them). The last batch carries the whole layout (rows, footer rows, flags).
 * A sheet with merged ranges is surveyed whole instead (a merged range's copy depends on the
 * table's width, known only at the end), and its survey is kept like any other.
 */
async function scan(
  request: Extract<ImportRequest, { type: 'scan' }>,
): Promise<Result<ScannedTable | SurveyedTable>> {
  const sheet = source?.sheets[request.sheet];
  if (sheet === undefined || limits === undefined) return notOpen();
  const merges = await sheet.merges();
  if (merges.length > 0) return await survey(request);
  const committed: CleanRow[] = [];
  const tableSurvey = createTableSurvey({
    merges,
    limits,
    ...(request.headerRow === undefined ? {} : { headerRow: request.headerRow }),
    ...(request.headerRows === undefined ? {} : { headerRows: request.headerRows }),
    onCommit: (row) => committed.push(row),
  });
  if (!tableSurvey.ok) return tableSurvey;
  const iterator = sheet.rows()[Symbol.asyncIterator]();
  let isEnd = false;
  try {
    while (!tableSurvey.value.isDecided() && !isEnd) {
      const next = await iterator.next();
      if (next.done === true) isEnd = true;
      else {
        for (const raw of next.value) {
          const failure = tableSurvey.value.push(raw);
          if (failure !== undefined) {
            await iterator.return?.();
            return failure;
          }
        }
      }
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  const layout = tableSurvey.value.finish();
  if (!layout.ok) {
    await iterator.return?.();
    return layout;
  }
  const streamId = nextId++;
  streams.set(
    streamId,
    rebatch(scanRows(streamId, iterator, tableSurvey.value, committed, layout.value.sourceColumns))[
      Symbol.asyncIterator
    ](),
  );
  return ok({ streamId, layout: layout.value });
}

/** Regroups projected rows into batches of about `batchRows`. */
async function* rebatch(batches: AsyncIterable<ProjectedRow[]>): AsyncGenerator<ProjectedRow[]> {
  let pending: ProjectedRow[] = [];
  for await (const batch of batches) {
    pending = pending.length === 0 ? batch : pending.concat(batch);
    if (pending.length >= batchRows) {
      yield pending;
      pending = [];
    }
  }
  if (pending.length > 0) yield pending;
}

function stream(request: Extract<ImportRequest, { type: 'stream' }>): Result<number> {
  const table = tables.get(request.tableId);
  const sheet = table === undefined ? undefined : source?.sheets[table.sheet];
  if (table === undefined || sheet === undefined) return notOpen();
  const streamId = nextId++;
  streams.set(
    streamId,
    rebatch(projectRows(sheet.rows(), table.layout, table.merges))[Symbol.asyncIterator](),
  );
  return ok(streamId);
}

async function pull(request: Extract<ImportRequest, { type: 'pull' }>): Promise<Result<RowBatch>> {
  const iterator = streams.get(request.streamId);
  if (iterator === undefined) return notOpen();
  const next = await iterator.next();
  if (next.done === true) {
    streams.delete(request.streamId);
    const layout = scanned.get(request.streamId);
    scanned.delete(request.streamId);
    return ok({ rows: [], done: true, ...(layout === undefined ? {} : { layout }) });
  }
  return ok({ rows: next.value, done: false });
}

/** Stops a stream its reader left before the end (the file is closed, the parser let go). */
async function drop(request: Extract<ImportRequest, { type: 'drop' }>): Promise<Result<null>> {
  const iterator = streams.get(request.streamId);
  streams.delete(request.streamId);
  await iterator?.return?.();
  return ok(null);
}

async function handle(request: ImportRequest): Promise<Result<unknown>> {
  try {
    switch (request.type) {
      case 'open':
        return await open(request);
      case 'survey':
        return await survey(request);
      case 'scan':
        return await scan(request);
      case 'stream':
        return stream(request);
      case 'decide':
        return await decide(request);
      case 'pull':
        return await pull(request);
      case 'drop':
        return await drop(request);
    }
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: error.appError };
    throw error;
  }
}

let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (request: ImportRequest) => {
  queue = queue.then(async () => {
    const result = await handle(request);
    post({ id: request.id, type: 'result', result });
  });
});
