import type { LocalizedText } from '../i18n/localized-text.ts';
import type { FlagReason } from './detect-mangled-number.ts';

/** One data row, projected onto the table's columns. */
export interface ProjectedRow {
  /** Row number as a spreadsheet shows it (1-based). */
  readonly sourceRow: number;
  /** One text per column of the table ('' when empty). */
  readonly cells: readonly string[];
}

/** A cell the importer could not take at face value. */
export interface FlaggedCell {
  /** Row number as a spreadsheet shows it. */
  readonly row: number;
  /** The column's name. */
  readonly column: string;
  readonly reason: FlagReason;
  /** The cell's text, as read. */
  readonly value: string;
}

/** Everything the table layer decided about one sheet: its header, columns, rows and flags. */
export interface TableLayout {
  /** Row number of the (first) header row; 0 when the table has no header. */
  readonly headerRow: number;
  /** 0 (no header), 1, or 2 (two header rows joined). */
  readonly headerRows: 0 | 1 | 2;
  /** Why this header row was chosen. */
  readonly headerReason: LocalizedText;
  /** Column names, in source order. */
  readonly columns: readonly string[];
  /** For each column, its 0-based column index in the sheet. */
  readonly sourceColumns: readonly number[];
  /** The columns whose header carried the required marker `*`. */
  readonly requiredColumns: readonly string[];
  /** How many data rows the table has. */
  readonly rowCount: number;
  /** Row numbers cut as footer rows (totals, signatures, notes), in order. */
  readonly footerRows: readonly number[];
  /** The first flagged cells (at most `maxFlagged`), in row order. */
  readonly flagged: readonly FlaggedCell[];
  /** How many cells were flagged in all. */
  readonly flaggedCount: number;
  /** The first few data rows. */
  readonly sample: readonly ProjectedRow[];
}
