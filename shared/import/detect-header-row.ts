import type { LocalizedText } from '../i18n/localized-text.ts';
import { classifyFooterRow } from './classify-footer-row.ts';
import { isValueLike } from './is-value-like.ts';
import type { CellKind, MergedRange } from './raw-row.ts';

/** One of the first rows of a sheet, as header detection sees it. */
export interface HeaderSampleRow {
  /** Row number as a spreadsheet shows it. */
  readonly row: number;
  /** Trimmed cell texts by column index, merged cells filled; '' when empty. */
  readonly cells: readonly string[];
  /** True where the cell holds its own value, false for empty cells and copies of a merge. */
  readonly own: readonly boolean[];
  /** Cell kinds by column index; absent for text files. */
  readonly kinds?: readonly (CellKind | undefined)[];
}

/** Where the header is, and why. */
export interface HeaderDecision {
  /** Row number of the (first) header row; 0 when the table has no header. */
  readonly headerRow: number;
  /** How many rows make the header: 0 (none), 1, or 2 (a title row and its sub-header). */
  readonly headerRows: 0 | 1 | 2;
  readonly reason: LocalizedText;
}

/** What the user asked for, overriding detection. */
export interface HeaderOverride {
  /** 1-based header row; 0 means the table has no header. */
  readonly headerRow?: number;
  readonly headerRows?: 1 | 2;
}

/** Header rows sit within this many non-blank rows of the top. */
const searchDepth = 60;

interface RowStats {
  readonly count: number;
  readonly distinct: number;
  readonly valueLike: number;
  readonly hasColon: boolean;
}

function statsOf(row: HeaderSampleRow): RowStats {
  let count = 0;
  let valueLike = 0;
  let hasColon = false;
  const seen = new Set<string>();
  row.cells.forEach((cell, column) => {
    if (!row.own[column] || cell === '') return;
    count += 1;
    seen.add(cell);
    if (isValueLike(cell, row.kinds?.[column])) valueLike += 1;
    if (/[:：]/.test(cell)) hasColon = true;
  });
  return { count, distinct: seen.size, valueLike, hasColon };
}

function isDataLike(stats: RowStats): boolean {
  return stats.count > 0 && stats.valueLike * 2 >= stats.count;
}

/** Columns whose cells hold their own value. */
function ownColumns(row: HeaderSampleRow): number[] {
  const columns: number[] = [];
  row.cells.forEach((cell, column) => {
    if (row.own[column] && cell !== '') columns.push(column);
  });
  return columns;
}

/** A row of labels (no values, no `key: value` pairs): what a header row is made of. */
function isLabelRow(row: HeaderSampleRow, stats: RowStats): boolean {
  return stats.count > 0 && stats.valueLike === 0 && !stats.hasColon;
}

/**
 * Is `bottom` the second row of a two-row header whose first row is `top`? Either merged cells
 * say so (a merge in `top` spans columns that `bottom` labels, or reaches down into `bottom`,
 * and `bottom` has labels only where `top` is merged or empty), or, with no merges, `bottom`
 * labels the columns that `top` left empty and the row after it holds values under those labels.
 */
function isSubHeader(
  top: HeaderSampleRow,
  bottom: HeaderSampleRow,
  after: HeaderSampleRow | undefined,
  merges: readonly MergedRange[],
): boolean {
  const bottomStats = statsOf(bottom);
  if (!isLabelRow(bottom, bottomStats) || classifyFooterRow(bottom.cells) !== undefined) {
    return false;
  }
  const bottomColumns = ownColumns(bottom);
  const topMerges = merges.filter((m) => m.top === top.row);
  if (topMerges.length > 0) {
    const spans = topMerges.filter((m) => m.right > m.left);
    const reachesDown = topMerges.some((m) => m.bottom >= bottom.row);
    const underSpan = (column: number) => spans.some((m) => column >= m.left && column <= m.right);
    const labelsUnderSpans = bottomColumns.filter(underSpan).length;
    const labelsUnderPlainCells = bottomColumns.filter(
      (column) => !underSpan(column) && top.own[column] === true && top.cells[column] !== '',
    ).length;
    if (
      (labelsUnderSpans > 0 || reachesDown) &&
      labelsUnderPlainCells * 5 <= bottomColumns.length
    ) {
      return true;
    }
  }
  const fillsGaps = bottomColumns.some((column) => (top.cells[column] ?? '') === '');
  if (!fillsGaps || after === undefined || after.row !== bottom.row + 1) return false;
  const valuesBelow = bottomColumns.filter((column) => {
    const text = after.cells[column] ?? '';
    return text !== '' && isValueLike(text, after.kinds?.[column]);
  }).length;
  return valuesBelow * 5 >= bottomColumns.length * 3;
}

/** Rows below a header candidate that show what its columns hold. */
const rowsBelowLooked = 5;
/** How many rows after the first candidate may still hold the real header. */
const laterCandidatesLooked = 3;

/**
 * How much a row looks like the header of the rows below it: the share of the table's width
 * its own cells fill, plus the share of its cells that are text over a column holding mostly
 * values (numbers, dates) in the rows below. A header names number and date columns with words;
 * a data or metadata row does not.
 */
function headerScore(
  row: HeaderSampleRow,
  rows: readonly HeaderSampleRow[],
  width: number,
): number {
  const below = rows.filter((r) => r.row > row.row).slice(0, rowsBelowLooked);
  const columns = ownColumns(row);
  if (columns.length === 0) return 0;
  const overValues = columns.filter((column) => {
    if (isValueLike(row.cells[column] ?? '', row.kinds?.[column])) return false;
    const texts = below
      .map((r) => ({ text: r.cells[column] ?? '', kind: r.kinds?.[column] }))
      .filter((cell) => cell.text !== '');
    const values = texts.filter((cell) => isValueLike(cell.text, cell.kind)).length;
    return texts.length > 0 && values * 2 > texts.length;
  }).length;
  return columns.length / width + overValues / columns.length;
}

/**
 * A later row that is the header when the first candidate is not: the first candidate holds
 * values or `key: value` pairs (a bank statement's 账号 | 6200000000001230 | 日期范围 |
 * 20251201-20251231 in six of nine columns), and a row just below it is all labels and scores
 * higher as a header. A first candidate made only of labels is kept, so that a group header over
 * its sub-header is still joined.
 */
function findBetterHeader(
  candidate: HeaderSampleRow,
  rows: readonly HeaderSampleRow[],
  width: number,
  isCandidate: (row: HeaderSampleRow) => boolean,
): HeaderSampleRow | undefined {
  if (isLabelRow(candidate, statsOf(candidate))) return undefined;
  const own = headerScore(candidate, rows, width);
  const later = rows
    .filter((row) => row.row > candidate.row)
    .slice(0, laterCandidatesLooked)
    .filter((row) => isCandidate(row) && isLabelRow(row, statsOf(row)));
  let best: { row: HeaderSampleRow; score: number } | undefined;
  for (const row of later) {
    const score = headerScore(row, rows, width);
    if (score > own && (best === undefined || score > best.score)) best = { row, score };
  }
  return best?.row;
}

function at(rows: readonly HeaderSampleRow[], rowNumber: number): HeaderSampleRow | undefined {
  return rows.find((row) => row.row === rowNumber);
}

function reasonNone(rowNumber: number, why: 'data' | 'names'): LocalizedText {
  return why === 'data'
    ? {
        zh: `没有标题行：第 ${rowNumber} 行已经是数据（多为数字或日期），列名取 Excel 的列字母`,
        en: `no header: row ${rowNumber} is already data (mostly numbers or dates); columns are named by their letters`,
      }
    : {
        zh: `没有标题行：前面各行都不是一组互不相同的列名，从第 ${rowNumber} 行起都是数据，列名取 Excel 的列字母`,
        en: `no header: no row holds a set of distinct column names; data from row ${rowNumber}, columns named by their letters`,
      };
}

/**
 * Finds the header row below any title and metadata rows: the first row (among the first 60
 * non-blank rows) that fills at least 60% of the table's width with distinct labels. A second
 * header row is joined when merged cells or gaps show it (`收款人` over `全称 | 银行账号`). When
 * the first row of the sheet is already data (mostly numbers or dates), or no row holds distinct
 * names, the table has no header.
 */
export function detectHeaderRow(
  rows: readonly HeaderSampleRow[],
  merges: readonly MergedRange[],
  override: HeaderOverride = {},
): HeaderDecision {
  if (override.headerRow === 0) {
    return {
      headerRow: 0,
      headerRows: 0,
      reason: { zh: '由用户指定：没有标题行', en: 'set by the user: no header' },
    };
  }
  if (override.headerRow !== undefined) {
    const rowNumber = override.headerRow;
    const top = at(rows, rowNumber);
    const bottom = at(rows, rowNumber + 1);
    const joined =
      override.headerRows === 2 ||
      (override.headerRows === undefined &&
        top !== undefined &&
        bottom !== undefined &&
        isSubHeader(top, bottom, at(rows, rowNumber + 2), merges));
    return {
      headerRow: rowNumber,
      headerRows: joined ? 2 : 1,
      reason: joined
        ? {
            zh: `由用户指定：第 ${rowNumber}–${rowNumber + 1} 行`,
            en: `set by the user: rows ${rowNumber}-${rowNumber + 1}`,
          }
        : { zh: `由用户指定：第 ${rowNumber} 行`, en: `set by the user: row ${rowNumber}` },
    };
  }
  const nonBlank = rows.filter((row) => statsOf(row).count > 0);
  const first = nonBlank[0];
  if (first === undefined) {
    return {
      headerRow: 0,
      headerRows: 0,
      reason: { zh: '工作表是空的', en: 'the sheet is empty' },
    };
  }
  const width = Math.max(...nonBlank.map((row) => statsOf(row).count));
  if (width === 1) {
    return isDataLike(statsOf(first))
      ? { headerRow: 0, headerRows: 0, reason: reasonNone(first.row, 'data') }
      : {
          headerRow: first.row,
          headerRows: 1,
          reason: {
            zh: `第 ${first.row} 行：只有一列，取第一个非空行作列名`,
            en: `row ${first.row}: a single column; its first non-blank row names it`,
          },
        };
  }
  const threshold = Math.max(2, Math.ceil(width * 0.6));
  const searched = nonBlank.slice(0, searchDepth);
  const isCandidate = (row: HeaderSampleRow) => {
    const stats = statsOf(row);
    return stats.count >= threshold && stats.distinct >= stats.count * 0.75;
  };
  const firstCandidate = searched.find(isCandidate);
  if (firstCandidate === undefined) {
    return { headerRow: 0, headerRows: 0, reason: reasonNone(first.row, 'names') };
  }
  if (firstCandidate === first && isDataLike(statsOf(firstCandidate))) {
    return { headerRow: 0, headerRows: 0, reason: reasonNone(first.row, 'data') };
  }
  const better = findBetterHeader(firstCandidate, searched, width, isCandidate);
  const candidate = better ?? firstCandidate;
  const stats = statsOf(candidate);
  // Every row above the header is skipped, blank ones too: the preview's 表头上方的 N 行已跳过
  // counts the same rows, so the two never disagree.
  const describe = (top: number): LocalizedText => {
    const above = top - 1;
    return better === undefined
      ? {
          zh: `第 ${candidate.row} 行是第一个以互不相同的名称填满表格宽度（${stats.count}/${width} 列）的行${above > 0 ? `，上方 ${above} 行是标题、说明或空行` : ''}`,
          en: `row ${candidate.row} is the first row that fills the table's width (${stats.count} of ${width} columns) with distinct names${above > 0 ? `; the ${above} row(s) above are titles, notes or blank` : ''}`,
        }
      : {
          zh: `第 ${candidate.row} 行以互不相同的文字名称填满表格宽度（${stats.count}/${width} 列），下方是数字和日期；上方的第 ${firstCandidate.row} 行只填了 ${statsOf(firstCandidate).count} 列，夹有数字或日期，是账号、日期范围之类的说明`,
          en: `row ${candidate.row} fills the table's width (${stats.count} of ${width} columns) with distinct text names over numbers and dates; row ${firstCandidate.row} above fills only ${statsOf(firstCandidate).count} columns and holds numbers or dates, so it is metadata (an account, a date range)`,
        };
  };
  const base = describe(candidate.row);
  const previous = at(rows, candidate.row - 1);
  if (previous !== undefined) {
    const previousStats = statsOf(previous);
    if (
      previousStats.distinct >= 2 &&
      isLabelRow(previous, previousStats) &&
      merges.some((m) => m.top === previous.row) &&
      isSubHeader(previous, candidate, at(rows, candidate.row + 1), merges)
    ) {
      return {
        headerRow: previous.row,
        headerRows: 2,
        reason: {
          zh: `${describe(previous.row).zh}；其上的第 ${previous.row} 行是合并单元格的分组标题，两行合并为列名`,
          en: `${describe(previous.row).en}; row ${previous.row} above it groups its columns with merged cells, so the two rows are joined`,
        },
      };
    }
  }
  const next = at(rows, candidate.row + 1);
  if (next !== undefined && isSubHeader(candidate, next, at(rows, candidate.row + 2), merges)) {
    return {
      headerRow: candidate.row,
      headerRows: 2,
      reason: {
        zh: `${base.zh}；第 ${next.row} 行是它的子标题（在合并单元格或空列之下），两行合并为列名`,
        en: `${base.en}; row ${next.row} is its sub-header (under merged cells or gaps), so the two rows are joined`,
      },
    };
  }
  return { headerRow: candidate.row, headerRows: 1, reason: base };
}
