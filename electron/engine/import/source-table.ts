/**
 * What the importer hands to the rest of the engine: one table found in one file or sheet, with
 * its columns and its data rows streamed in source order, each carrying its provenance.
 */
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import type { FlaggedCell } from '../../../shared/import/table-layout.ts';

/** The formats the importer recognises from the bytes. */
export type SourceFormat =
  'csv' | 'tsv' | 'txt' | 'xlsx' | 'xlsm' | 'xlsb' | 'xls' | 'et' | 'ods' | 'html' | 'xml';

/** One data row as read: every cell is the text the user saw, with where it came from. */
export interface SourceRecord {
  /** The file's base name. */
  readonly file: string;
  /** The sheet's name (for text files, the file's base name). */
  readonly sheet: string;
  /** Row number in the file as a spreadsheet shows it (1-based). */
  readonly sourceRow: number;
  /** Cell texts, one per column of the table (missing cells are ''). */
  readonly cells: readonly string[];
}

/** A table read from one file (and one sheet of it). */
export interface SourceTable {
  /** The file's base name. */
  readonly file: string;
  readonly format: SourceFormat;
  /** The text encoding used, for text files (`utf-8`, `gb18030`, `utf-16le`, `utf-16be`). */
  readonly encoding?: string;
  /** The sheet's name; for text files, the file's base name. */
  readonly sheet: string;
  /** True when the sheet is hidden in the workbook. */
  readonly hidden: boolean;
  /** Row number of the (first) header row, as a spreadsheet shows it; 0 when there is none. */
  readonly headerRow: number;
  /** How many rows make the header: 0, 1 or 2 (joined as `收款人-银行账号`). */
  readonly headerRows: 0 | 1 | 2;
  /** Why this header row was chosen, for the clerk. */
  readonly headerReason: LocalizedText;
  /** The column names, in source order (`*` removed, empty headers named `列C`). */
  readonly columns: readonly string[];
  /** The columns a template marked required with `*`. */
  readonly requiredColumns: readonly string[];
  /** How many data rows `rows()` yields. */
  readonly rowCount: number;
  /**
   * True while the table is read in a single pass (`TableOptions.isSinglePass`): `rowCount`,
   * `footerRows` and `flagged` hold what was read so far, and are whole once `rows()` ends.
   */
  readonly isCounting: boolean;
  /** Row numbers cut as footer rows (合计, 填表人, 注：...). */
  readonly footerRows: readonly number[];
  /** Cells flagged as unrecoverable or suspicious (at most 1,000 listed). */
  readonly flagged: readonly FlaggedCell[];
  /** How many cells were flagged in all. */
  readonly flaggedCount: number;
  /**
   * The data rows, in source order, streamed in batches from the import worker. Blank, header
   * and footer rows are skipped. Iterate once. Throws an ImportError if the file cannot be read
   * a second time (changed on disk, or out of memory).
   */
  rows(): AsyncIterable<SourceRecord>;
  /** For a table appended from several files or sheets: the tables it was made from. */
  readonly parts?: readonly SourceTable[];
  /** Releases the import worker; reading the rows to the end does it too. */
  close(): Promise<void>;
}
