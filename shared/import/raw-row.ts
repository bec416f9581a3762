/**
 * What a reader hands to the table layer: rows as the spreadsheet holds them, before any
 * header, footer or column decision. Rows are numbered as the clerk sees them (1-based);
 * columns are 0-based indexes (A = 0).
 */

/** What a cell held: text, number, date, boolean or error. Only text came from the user's keys. */
export type CellKind = 's' | 'n' | 'd' | 'b' | 'e';

/** One row as read: the text each cell showed, and, for spreadsheets, each cell's kind. */
export interface RawRow {
  /** Row number as a spreadsheet shows it (1-based). */
  readonly row: number;
  /** Cell texts by column index; holes and undefined are empty cells. Not yet trimmed. */
  readonly texts: readonly (string | undefined)[];
  /** Cell kinds by column index; absent for text files (every cell is text). */
  readonly kinds?: readonly (CellKind | undefined)[];
}

/** A merged range: rows as shown (1-based, inclusive), columns 0-based (inclusive). */
export interface MergedRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}
