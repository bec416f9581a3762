import { err, ok, type Result } from '../result.ts';
import { classifyFooterRow } from './classify-footer-row.ts';
import { cleanRawRow, type CleanRow } from './clean-raw-row.ts';
import { columnLetter } from './column-letter.ts';
import { createColumnNames } from './create-column-names.ts';
import { createMergeFiller, type MergeFiller } from './create-merge-filler.ts';
import { detectHeaderRow, type HeaderDecision, type HeaderOverride } from './detect-header-row.ts';
import { detectMangledNumber, type FlagReason } from './detect-mangled-number.ts';
import type { ImportLimits } from './import-limits.ts';
import { joinHeaderRows } from './join-header-rows.ts';
import type { MergedRange, RawRow } from './raw-row.ts';
import type { FlaggedCell, ProjectedRow, TableLayout } from './table-layout.ts';

/** Header detection looks at this many non-blank rows from the top. */
const sampleSize = 100;
/** Rows kept as a sample of the data. */
const dataSampleSize = 5;
/** Flagged cells listed in full; beyond this they are only counted. */
export const maxFlagged = 1000;
/** Footer-like rows held back while deciding whether the table goes on below them. */
const maxPending = 1000;

/** What surveying a sheet needs besides its rows. */
export interface SurveyOptions extends HeaderOverride {
  readonly merges: readonly MergedRange[];
  readonly limits: Pick<ImportLimits, 'maxCells' | 'maxColumns' | 'maxCellLength' | 'maxMerges'>;
  /** Called now and then with the number of rows read, so a watchdog knows the work goes on. */
  readonly onProgress?: (rowsRead: number) => void;
}

interface PendingFlag {
  readonly row: number;
  readonly column: number;
  readonly reason: FlagReason;
  readonly value: string;
}

/** The last row number that belongs to the header (0 when there is none). */
export function headerEnd(layout: Pick<TableLayout, 'headerRow' | 'headerRows'>): number {
  return layout.headerRows === 0 ? 0 : layout.headerRow + layout.headerRows - 1;
}

function headerTexts(
  decision: HeaderDecision,
  sample: readonly CleanRow[],
  merges: readonly MergedRange[],
): string[] {
  if (decision.headerRows === 0) return [];
  const top = sample.find((row) => row.row === decision.headerRow)?.cells ?? [];
  if (decision.headerRows === 1) return Array.from(top, (cell) => cell ?? '');
  const bottomRow = decision.headerRow + 1;
  const bottom = sample.find((row) => row.row === bottomRow)?.cells ?? [];
  const mergedHeader = merges.some((m) => m.top <= bottomRow && m.bottom >= decision.headerRow);
  return joinHeaderRows(
    Array.from(top, (cell) => cell ?? ''),
    Array.from(bottom, (cell) => cell ?? ''),
    !mergedHeader,
  );
}

/** Whether the rows sampled so far are enough to decide the header (`waitFor`: see below). */
function isSampleComplete(sample: readonly CleanRow[], row: CleanRow, waitFor: number): boolean {
  return sample.length >= sampleSize && row.row >= waitFor;
}

/** The header decision on the sampled rows, once merged cells are filled in. */
function decideFromSample(
  sample: readonly CleanRow[],
  sampleWidth: number,
  fill: MergeFiller,
  options: Pick<SurveyOptions, 'merges' | 'headerRow' | 'headerRows'>,
): HeaderDecision {
  for (const row of sample) fill(row, sampleWidth);
  return detectHeaderRow(sample, options.merges, options);
}

/**
 * Decides the header of a sheet as `surveyTable` does, from the same rows at the top only (it
 * stops reading there): so a survey already made can be told apart from one that a different
 * header choice would make, without reading the whole sheet again.
 */
export async function decideHeader(
  batches: AsyncIterable<readonly RawRow[]>,
  options: Pick<SurveyOptions, 'merges' | 'headerRow' | 'headerRows'>,
): Promise<HeaderDecision> {
  const sample: CleanRow[] = [];
  let sampleWidth = 0;
  const waitFor = options.headerRow === undefined ? 0 : options.headerRow + 2;
  read: for await (const batch of batches) {
    for (const raw of batch) {
      const row = cleanRawRow(raw);
      sampleWidth = Math.max(sampleWidth, row.lastColumn + 1);
      if (row.ownCount > 0) sample.push(row);
      if (isSampleComplete(sample, row, waitFor)) break read;
    }
  }
  return decideFromSample(sample, sampleWidth, createMergeFiller(options.merges), options);
}

/**
 * A survey fed one row at a time: `surveyTable` runs it over a whole sheet, and the import
 * worker's single pass runs it while it streams the rows (see `SurveyFeedOptions.onCommit`).
 */
export interface TableSurvey {
  /** Takes the next raw row; returns the failure when it breaks a limit (the survey ends). */
  push(raw: RawRow): Result<never> | undefined;
  /** Whether the header is decided yet (it is once enough rows from the top were pushed). */
  isDecided(): boolean;
  /** The sheet columns of the table as far as the rows pushed so far show them, in order. */
  sourceColumns(): number[];
  /**
   * The layout of the rows pushed so far (rows still held back count as footer rows): at the
   * end of the sheet, its layout. Decides the header if too few rows came to decide it.
   */
  finish(): Result<TableLayout>;
}

/** What a survey fed row by row needs besides `SurveyOptions`. */
export interface SurveyFeedOptions extends SurveyOptions {
  /**
   * Called with each data row once it is decided to be one, in source order: when it is read,
   * or, for a sparse row after a gap, once a table-like row follows it (at most `maxPending`
   * rows are held back). Rows still held back at the end are footer rows.
   */
  readonly onCommit?: (row: CleanRow) => void;
}

/**
 * Reads a sheet's rows once and decides its table: the header row below any title rows (or
 * the user's choice), the columns (every column with a header or with any value: nothing is
 * dropped but columns that are empty all the way down), the footer rows to cut, the cells to
 * flag (numbers a spreadsheet already destroyed, repeated header rows) and a sample. The rows
 * are then streamed a second time by `projectRows` with this layout, unless the import
 * worker's single pass streams them as it surveys (see `createTableSurvey`).
 */
export async function surveyTable(
  batches: AsyncIterable<readonly RawRow[]>,
  options: SurveyOptions,
): Promise<Result<TableLayout>> {
  const survey = createTableSurvey(options);
  if (!survey.ok) return survey;
  let rowsRead = 0;
  for await (const batch of batches) {
    for (const raw of batch) {
      rowsRead += 1;
      if (rowsRead % 5000 === 0) options.onProgress?.(rowsRead);
      const failure = survey.value.push(raw);
      if (failure !== undefined) return failure;
    }
  }
  return survey.value.finish();
}

/** Starts a survey fed row by row (what it decides: see `surveyTable`). */
export function createTableSurvey(options: SurveyFeedOptions): Result<TableSurvey> {
  const { merges, limits } = options;
  if (merges.length > limits.maxMerges) {
    return err(
      'too-many-merges',
      `工作表的合并单元格过多（${merges.length} 个，上限 ${limits.maxMerges}）`,
      `The sheet has too many merged ranges (${merges.length}; the limit is ${limits.maxMerges})`,
    );
  }
  const fill: MergeFiller = createMergeFiller(merges);
  const sample: CleanRow[] = [];
  let sampleWidth = 0;
  let decision: HeaderDecision | undefined;
  let lastHeaderRow = 0;
  let headerCount = 0;
  let tableLikeMin = 1;
  let headerNames = new Set<string>();
  let headers: string[] = [];
  const waitFor = options.headerRow === undefined ? 0 : options.headerRow + 2;

  const occupancy: number[] = [];
  const footer: number[] = [];
  let pending: CleanRow[] = [];
  let isFooterMode = false;
  let lastSeenRow = Number.MAX_SAFE_INTEGER;
  let rowCount = 0;
  let ownCells = 0;
  const flags: PendingFlag[] = [];
  let flaggedCount = 0;
  const dataSample: CleanRow[] = [];
  let failure: Result<never> | undefined;

  const flag = (row: number, column: number, reason: FlagReason, value: string) => {
    flaggedCount += 1;
    if (flags.length < maxFlagged) flags.push({ row, column, reason, value });
  };

  const commit = (row: CleanRow) => {
    rowCount += 1;
    let headerMatches = 0;
    let firstMatch = -1;
    row.own.forEach((isOwn, column) => {
      if (!isOwn) return;
      occupancy[column] = (occupancy[column] ?? 0) + 1;
      const text = row.cells[column] ?? '';
      // U+FFFD is what the text decoder puts for bytes it could not read (see decode-text.ts).
      const reason =
        detectMangledNumber(text, row.kinds?.[column]) ??
        (text.includes('\uFFFD') ? 'undecodable-bytes' : undefined);
      if (reason !== undefined) flag(row.row, column, reason, row.values[column] ?? text);
      if (headerNames.has(text)) {
        headerMatches += 1;
        if (firstMatch < 0) firstMatch = column;
      }
    });
    if (headerMatches >= 2 && headerMatches * 2 >= row.ownCount) {
      flag(row.row, firstMatch, 'repeated-header', row.cells[firstMatch] ?? '');
    }
    if (dataSample.length < dataSampleSize) dataSample.push(row);
    options.onCommit?.(row);
  };

  const flushPending = () => {
    for (const row of pending) commit(row);
    pending = [];
    isFooterMode = false;
  };

  const isTableLike = (row: CleanRow) => row.ownCount >= tableLikeMin;

  const processDataRow = (row: CleanRow) => {
    if (row.row <= lastHeaderRow) return;
    // After a gap (a blank row, or rows missing from the sheet), sparse rows are held back:
    // notes below a table are not records, unless the table goes on after them.
    const isAfterGap = row.row > lastSeenRow + 1 || row.ownCount === 0;
    lastSeenRow = row.row;
    if (isAfterGap && rowCount > 0) isFooterMode = true;
    if (row.ownCount === 0) return;
    if (classifyFooterRow(row.cells) !== undefined) {
      footer.push(row.row);
      isFooterMode = true;
      return;
    }
    if (isFooterMode) {
      if (isTableLike(row)) {
        flushPending();
      } else {
        pending.push(row);
        if (pending.length > maxPending) flushPending();
        return;
      }
    }
    commit(row);
  };

  const decide = (): HeaderDecision => {
    const decided = decideFromSample(sample, sampleWidth, fill, options);
    lastHeaderRow = headerEnd(decided);
    lastSeenRow = lastHeaderRow;
    headers = headerTexts(decided, sample, merges);
    headerNames = new Set(headers.filter((text) => text !== ''));
    const headerOwn = sample.filter(
      (row) => row.row >= decided.headerRow && row.row <= lastHeaderRow,
    );
    const namedColumns = new Set<number>();
    for (const row of headerOwn) {
      row.own.forEach((isOwn, column) => {
        if (isOwn) namedColumns.add(column);
      });
    }
    headerCount =
      decided.headerRows === 0
        ? Math.max(0, ...sample.map((row) => row.ownCount))
        : namedColumns.size;
    for (const column of namedColumns) occupancy[column] ??= 0;
    tableLikeMin = headerCount <= 1 ? 1 : Math.max(2, Math.ceil(headerCount * 0.5));
    for (const row of sample) processDataRow(row);
    return decided;
  };

  const push = (raw: RawRow): Result<never> | undefined => {
    if (failure !== undefined) return failure;
    const row = cleanRawRow(raw);
    ownCells += row.ownCount;
    if (ownCells > limits.maxCells) {
      failure = err(
        'too-many-cells',
        `工作表的单元格过多（超过 ${limits.maxCells.toLocaleString('en-US')} 个有值的单元格）`,
        `The sheet has too many cells (more than ${limits.maxCells.toLocaleString('en-US')} cells with a value)`,
      );
      return failure;
    }
    row.cells.forEach((cell, column) => {
      if (failure === undefined && cell.length > limits.maxCellLength) {
        failure = err(
          'cell-too-long',
          `第 ${row.row} 行 ${columnLetter(column)} 列的内容过长（${cell.length.toLocaleString('en-US')} 个字符，上限 ${limits.maxCellLength.toLocaleString('en-US')}），可能是引号未闭合`,
          `The cell in row ${row.row}, column ${columnLetter(column)} is too long (${cell.length.toLocaleString('en-US')} characters; the limit is ${limits.maxCellLength.toLocaleString('en-US')}): perhaps a quote is not closed`,
        );
      }
    });
    if (failure !== undefined) return failure;
    if (decision === undefined) {
      sampleWidth = Math.max(sampleWidth, row.lastColumn + 1);
      if (row.ownCount > 0) sample.push(row);
      if (isSampleComplete(sample, row, waitFor)) decision = decide();
      return undefined;
    }
    fill(row, Math.max(sampleWidth, row.lastColumn + 1));
    processDataRow(row);
    return undefined;
  };

  const currentColumns = (): number[] => {
    const columns: number[] = [];
    occupancy.forEach((_count, column) => columns.push(column));
    return columns;
  };

  const finish = (): Result<TableLayout> => {
    if (failure !== undefined) return failure;
    decision ??= decide();
    const finalDecision = decision;
    // Rows still held back are footer rows; the survey itself goes on unchanged (a single pass
    // asks for the layout so far once the header is decided, and again at the end).
    const footerRows = [...footer, ...pending.map((row) => row.row)].sort((a, b) => a - b);

    const sourceColumns = currentColumns();
    if (sourceColumns.length > limits.maxColumns) {
      return err(
        'too-many-columns',
        `表格的列数过多（${sourceColumns.length} 列，上限 ${limits.maxColumns}）`,
        `The table has too many columns (${sourceColumns.length}; the limit is ${limits.maxColumns})`,
      );
    }
    const names = createColumnNames(
      sourceColumns.map((column) => headers[column] ?? ''),
      sourceColumns,
    );
    const nameOf = new Map(sourceColumns.map((column, i) => [column, names.names[i] ?? '']));
    const project = (row: CleanRow): ProjectedRow => ({
      sourceRow: row.row,
      cells: sourceColumns.map((column) => row.values[column] ?? ''),
    });
    const flagged: FlaggedCell[] = flags
      .sort((a, b) => a.row - b.row || a.column - b.column)
      .map((f) => ({
        row: f.row,
        column: nameOf.get(f.column) ?? columnLetter(f.column),
        reason: f.reason,
        value: f.value,
      }));
    return ok({
      headerRow: finalDecision.headerRow,
      headerRows: finalDecision.headerRows,
      headerReason: finalDecision.reason,
      columns: names.names,
      sourceColumns,
      requiredColumns: names.names.filter((_name, i) => names.required[i] === true),
      rowCount,
      footerRows,
      flagged,
      flaggedCount,
      sample: dataSample
        .sort((a, b) => a.row - b.row)
        .slice(0, dataSampleSize)
        .map(project),
    });
  };

  return ok({
    push,
    isDecided: () => decision !== undefined,
    sourceColumns: currentColumns,
    finish,
  });
}
