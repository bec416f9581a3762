/**
 * The grid's cell ranges and the clipboard text that carries them to and from Excel and WPS:
 * tab-separated values, one row a line, a value holding a tab, a newline or a quote quoted the
 * way Excel does ("a""b"). Pure functions; the grid does the I/O.
 *
 * The text is read and written by hand: Papa Parse, the project's CSV library, belongs to the
 * engine's file readers (the renderer may not import it, by lint rule), and Excel's clipboard
 * format is one quoting rule, a few lines here, tested against Excel's own output.
 */
import type { GridCell } from './grid-window.ts';

/** A rectangle of cells, bounds included: rows in the grid's order, columns in field order. */
export interface CellRange {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** The range between the cell a selection started at and the cell it was extended to. */
export function rangeOf(anchor: GridCell, extent: GridCell): CellRange {
  return {
    top: Math.min(anchor.row, extent.row),
    bottom: Math.max(anchor.row, extent.row),
    left: Math.min(anchor.column, extent.column),
    right: Math.max(anchor.column, extent.column),
  };
}

/** How many rows a range covers. */
export function rowsOf(range: CellRange): number {
  return range.bottom - range.top + 1;
}

/**
 * Cells as clipboard text Excel and WPS paste as cells: tabs between values, `\n` between
 * rows; a value holding a tab, a newline or a quote is quoted, its quotes doubled, as Excel
 * writes it.
 */
export function serializeCells(rows: readonly (readonly string[])[]): string {
  const quote = (value: string): string =>
    /[\t\n\r"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  return rows.map((row) => row.map(quote).join('\t')).join('\n');
}

/**
 * The cells of clipboard text copied from Excel or WPS (or any text): tab-separated, rows by
 * `\r\n` or `\n`, quoted values unquoted; the one newline Excel adds after the last row is not a
 * row. Ragged rows are padded with empty values, so the block is a rectangle.
 */
export function parseCells(text: string): string[][] {
  const body = text.endsWith('\r\n')
    ? text.slice(0, -2)
    : text.endsWith('\n') || text.endsWith('\r')
      ? text.slice(0, -1)
      : text;
  const rows: string[][] = [[]];
  let value = '';
  let at = 0;
  while (at <= body.length) {
    // A value that starts with a quote runs to the quote not doubled; "" inside is one quote.
    if (value === '' && body[at] === '"') {
      let end = at + 1;
      for (;;) {
        const next = body.indexOf('"', end);
        if (next < 0) {
          // No closing quote: Excel takes the quote as text.
          value = body.slice(at);
          at = body.length;
          break;
        }
        if (body[next + 1] === '"') {
          value += body.slice(end, next + 1);
          end = next + 2;
          continue;
        }
        value += body.slice(end, next);
        at = next + 1;
        break;
      }
      if (at >= body.length) {
        (rows.at(-1) as string[]).push(value);
        break;
      }
    }
    const char = body[at];
    if (char === undefined) {
      (rows.at(-1) as string[]).push(value);
      break;
    }
    if (char === '\t') {
      (rows.at(-1) as string[]).push(value);
      value = '';
      at += 1;
    } else if (char === '\n' || char === '\r') {
      (rows.at(-1) as string[]).push(value);
      rows.push([]);
      value = '';
      at += char === '\r' && body[at + 1] === '\n' ? 2 : 1;
    } else {
      value += char;
      at += 1;
    }
  }
  const width = Math.max(1, ...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...new Array<string>(width - row.length).fill('')]);
}

/**
 * Whether a key belongs to an input method (拼音, 五笔): pressed while it composes, or its first
 * key, which browsers mark with keyCode 229 (key "Process" on Windows, the letter elsewhere).
 */
export function isInputMethodKey(event: {
  key: string;
  keyCode: number;
  nativeEvent: { isComposing: boolean };
}): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229 || event.key === 'Process';
}

/** Where the active cell goes after an edit is saved: Enter down, Tab right, Shift+Tab left. */
export type EditMove = 'down' | 'right' | 'left';

/** The move a key in a cell editor saves and makes, as in Excel; undefined: not such a key. */
export function editMoveOf(event: {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
}): EditMove | undefined {
  if (event.key === 'Enter' && !event.altKey) return 'down';
  if (event.key === 'Tab') return event.shiftKey ? 'left' : 'right';
  return undefined;
}

/** Where a pasted block lands: the cells inside the grid, and whether some fell outside. */
export interface PastePlan {
  readonly cells: readonly { row: number; column: number; value: string }[];
  readonly range: CellRange;
  readonly isClipped: boolean;
}

/**
 * Places a block at a selection, like Excel: at its top-left cell; one value pasted on a larger
 * selection fills all of it. What falls past the last row or column is left out (clipped).
 */
export function planPaste(
  block: readonly (readonly string[])[],
  selection: CellRange,
  bounds: { rowCount: number; columnCount: number },
): PastePlan {
  const only = block.length === 1 && block[0]?.length === 1 ? block[0][0] : undefined;
  const isFill =
    only !== undefined && (selection.bottom > selection.top || selection.right > selection.left);
  const height = isFill ? rowsOf(selection) : block.length;
  const width = isFill ? selection.right - selection.left + 1 : (block[0]?.length ?? 0);
  const bottom = Math.min(selection.top + height, bounds.rowCount) - 1;
  const right = Math.min(selection.left + width, bounds.columnCount) - 1;
  const cells: { row: number; column: number; value: string }[] = [];
  for (let row = selection.top; row <= bottom; row += 1) {
    for (let column = selection.left; column <= right; column += 1) {
      const value = isFill ? only : block[row - selection.top]?.[column - selection.left];
      cells.push({ row, column, value: value ?? '' });
    }
  }
  return {
    cells,
    range: { top: selection.top, bottom, left: selection.left, right },
    isClipped: selection.top + height - 1 > bottom || selection.left + width - 1 > right,
  };
}
