/**
 * What every reader hands to the rest of the engine: one table found in one file or sheet,
 * with its columns and its data rows streamed in source order, each carrying provenance.
 */

/** The formats the importer recognises from the bytes. */
export type SourceFormat = 'csv' | 'tsv' | 'txt' | 'xlsx' | 'xlsm' | 'xlsb' | 'xls' | 'et' | 'ods';

/** One data row as read: every cell is the text the user saw. */
export interface SourceRecord {
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
  /** The text encoding used, for text files (`utf-8`, `gb18030`, `utf-16le`). */
  readonly encoding?: string;
  /** The sheet's name; for text files, the file's base name. */
  readonly sheet: string;
  /** Row number of the (first) header row, as a spreadsheet shows it. */
  readonly headerRow: number;
  /** The column headers, in source order. */
  readonly columns: readonly string[];
  /** The data rows, in source order; blank rows are skipped. Iterate once. */
  rows(): AsyncIterable<SourceRecord>;
}
