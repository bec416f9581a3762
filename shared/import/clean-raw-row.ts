import type { CellKind, RawRow } from './raw-row.ts';

/** A row ready for the table layer; arrays may have holes (empty cells). */
export interface CleanRow {
  readonly row: number;
  /** Trimmed texts by column index, for detection (headers, footers, blank rows). */
  readonly cells: string[];
  /**
   * The texts handed on as data, by column index: a text cell exactly as stored (padding kept:
   * removing it is the mapping's `trim`, and validation suggests it), a number, date, boolean or
   * error cell as shown, without the spaces its number format pads with.
   */
  readonly values: string[];
  /** True where the cell holds its own, non-blank value (not a copy from a merged range). */
  readonly own: boolean[];
  readonly kinds?: readonly (CellKind | undefined)[];
  /** How many cells hold their own value. */
  readonly ownCount: number;
  /** The highest column index with an own value, -1 when none. */
  readonly lastColumn: number;
}

/**
 * Prepares a raw row: trimmed texts for detection, exact texts for the data, and which cells
 * hold a value. A cell of nothing but spaces is blank; a row of blank cells has `ownCount` 0.
 */
export function cleanRawRow(raw: RawRow): CleanRow {
  const cells: string[] = [];
  const values: string[] = [];
  const own: boolean[] = [];
  let ownCount = 0;
  let lastColumn = -1;
  raw.texts.forEach((text, column) => {
    if (text === undefined) return;
    const trimmed = text.trim();
    if (trimmed === '') return;
    const kind = raw.kinds?.[column];
    cells[column] = trimmed;
    values[column] = kind === undefined || kind === 's' ? text : trimmed;
    own[column] = true;
    ownCount += 1;
    if (column > lastColumn) lastColumn = column;
  });
  return raw.kinds === undefined
    ? { row: raw.row, cells, values, own, ownCount, lastColumn }
    : { row: raw.row, cells, values, own, kinds: raw.kinds, ownCount, lastColumn };
}
