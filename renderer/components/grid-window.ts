/**
 * The arithmetic of the records grid: every row has the same height, so where a row is and
 * which rows are on screen is computed, never measured, in constant time at any row count.
 *
 * A browser cannot scroll an element much taller than ~16-33 million px (Chromium stops
 * drawing past it), and 1,000,000 rows of 30 px are 30 million. So the scrolled element is
 * at most `maxScrollHeight` tall; past that the scroll space is compressed: the scrollbar maps
 * linearly onto the rows (dragging it to the middle shows the middle row), while wheel and
 * keyboard move by exact pixels through a virtual offset kept beside the scroll position.
 */

/** The tallest scrolled element the grid makes; well below every browser's limit. */
export const maxScrollHeight = 10_000_000;

/** The vertical scroll space of a grid of `count` rows of `rowHeight` px. */
export interface ScrollSpace {
  readonly count: number;
  readonly rowHeight: number;
  /** The height rows are drawn in (the body below the header). */
  readonly viewportHeight: number;
  /** `count * rowHeight`: the height the rows would have if the browser allowed it. */
  readonly contentHeight: number;
  /** The height of the scrolled element: the content height, capped. */
  readonly scrollHeight: number;
  /** Content px per scrolled px: 1 while the content fits, more when compressed. */
  readonly ratio: number;
}

/** The rows to draw for a virtual offset, and where they go. */
export interface GridWindow {
  /** The first row to draw (visible rows plus overscan). */
  readonly start: number;
  /** One past the last row to draw. */
  readonly end: number;
  /** The first row whose top is in view. */
  readonly firstVisible: number;
  /** How many whole rows fit in the viewport (the PageUp/PageDown step). */
  readonly pageRows: number;
}

/** A cell of the grid by row index (in the filtered order) and column index (the fields). */
export interface GridCell {
  readonly row: number;
  readonly column: number;
}

/** The keys that move the active cell. */
export interface GridKey {
  readonly key: string;
  readonly isCtrl: boolean;
}

/** Creates the scroll space for a row count and viewport (the compressed one past the cap). */
export function createScrollSpace(options: {
  count: number;
  rowHeight: number;
  viewportHeight: number;
  maxHeight?: number;
}): ScrollSpace {
  const { count, rowHeight } = options;
  const viewportHeight = Math.max(0, options.viewportHeight);
  const contentHeight = Math.max(0, count) * rowHeight;
  // The cap must leave room to scroll even for a very tall viewport.
  const cap = Math.max(options.maxHeight ?? maxScrollHeight, viewportHeight * 2);
  const scrollHeight = Math.min(contentHeight, cap);
  const contentRange = Math.max(0, contentHeight - viewportHeight);
  const scrollRange = Math.max(0, scrollHeight - viewportHeight);
  const ratio = scrollRange > 0 && contentRange > scrollRange ? contentRange / scrollRange : 1;
  return {
    count: Math.max(0, count),
    rowHeight,
    viewportHeight,
    contentHeight,
    scrollHeight,
    ratio,
  };
}

/** The largest virtual offset: the last row sits at the bottom of the viewport. */
export function maxOffset(space: ScrollSpace): number {
  return Math.max(0, space.contentHeight - space.viewportHeight);
}

/** A virtual offset kept within the content. */
export function clampOffset(space: ScrollSpace, offset: number): number {
  return Math.min(Math.max(0, offset), maxOffset(space));
}

/** The virtual offset a scroll position stands for (the scrollbar maps linearly onto the rows). */
export function offsetForScrollTop(space: ScrollSpace, scrollTop: number): number {
  // The bottom of the scrollbar is the last row exactly, whatever the rounding.
  if (scrollTop >= space.scrollHeight - space.viewportHeight) return maxOffset(space);
  return clampOffset(space, scrollTop * space.ratio);
}

/** The scroll position that shows a virtual offset. */
export function scrollTopForOffset(space: ScrollSpace, offset: number): number {
  const scrollRange = Math.max(0, space.scrollHeight - space.viewportHeight);
  return Math.min(Math.max(0, clampOffset(space, offset) / space.ratio), scrollRange);
}

/**
 * The virtual offset after the element scrolled to `scrollTop`. When the grid itself set the
 * scroll position (`expectedScrollTop`, to show an exact offset) and the browser landed
 * within a pixel of it, the exact offset stays: in a compressed space one scrolled pixel is
 * several content pixels, and reading it back would jump. Any other scroll (the scrollbar
 * dragged) maps linearly.
 */
export function offsetAfterScroll(
  space: ScrollSpace,
  offset: number,
  scrollTop: number,
  expectedScrollTop: number | undefined,
): number {
  if (expectedScrollTop !== undefined && Math.abs(scrollTop - expectedScrollTop) <= 1)
    return clampOffset(space, offset);
  return offsetForScrollTop(space, scrollTop);
}

/** The rows to draw at a virtual offset, with `overscan` extra rows above and below. */
export function createGridWindow(space: ScrollSpace, offset: number, overscan = 0): GridWindow {
  const { count, rowHeight, viewportHeight } = space;
  const at = clampOffset(space, offset);
  const firstVisible = Math.min(count, Math.floor(at / rowHeight));
  const lastVisible = Math.min(count, Math.ceil((at + viewportHeight) / rowHeight));
  return {
    start: Math.max(0, firstVisible - overscan),
    end: Math.min(count, lastVisible + overscan),
    firstVisible,
    pageRows: Math.max(1, Math.floor(viewportHeight / rowHeight)),
  };
}

/** The smallest change of the virtual offset that brings a whole row into view. */
export function offsetToShowRow(space: ScrollSpace, offset: number, index: number): number {
  const top = index * space.rowHeight;
  const bottom = top + space.rowHeight;
  if (top < offset) return clampOffset(space, top);
  if (bottom > offset + space.viewportHeight)
    return clampOffset(space, bottom - space.viewportHeight);
  return clampOffset(space, offset);
}

/** The pages (of `pageSize` rows) that hold rows `start` to `end` (exclusive). */
export function pagesOfRows(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let page = Math.floor(start / pageSize); page <= Math.floor((end - 1) / pageSize); page += 1)
    pages.push(page);
  return pages;
}

/**
 * The pages to fetch for a window: those of the drawn rows, then those within `marginRows`
 * around them (fetched after, so the next screen is usually there before it is wanted). An
 * empty window still fetches the first page: it says how many rows there are now.
 */
export function pagesToFetch(
  window: GridWindow,
  count: number,
  pageSize: number,
  marginRows: number,
): { drawn: number[]; margin: number[] } {
  const drawn = window.end > window.start ? pagesOfRows(window.start, window.end, pageSize) : [0];
  const margin = pagesOfRows(
    Math.max(0, window.start - marginRows),
    Math.min(count, window.end + marginRows),
    pageSize,
  ).filter((page) => !drawn.includes(page));
  return { drawn, margin };
}

/**
 * Moves the active cell for a navigation key, like a spreadsheet: arrows by one, PageUp and
 * PageDown by a screen, Home and End to the row's first and last cell, Ctrl+Home and Ctrl+End
 * to the first and last cell of the grid. Undefined: the key does not navigate.
 */
export function applyGridKey(
  cell: GridCell,
  key: GridKey,
  bounds: { rowCount: number; columnCount: number; pageRows: number },
): GridCell | undefined {
  const lastRow = Math.max(0, bounds.rowCount - 1);
  const lastColumn = Math.max(0, bounds.columnCount - 1);
  const to = (row: number, column: number): GridCell => ({
    row: Math.min(Math.max(0, row), lastRow),
    column: Math.min(Math.max(0, column), lastColumn),
  });
  switch (key.key) {
    case 'ArrowUp':
      return to(key.isCtrl ? 0 : cell.row - 1, cell.column);
    case 'ArrowDown':
      return to(key.isCtrl ? lastRow : cell.row + 1, cell.column);
    case 'ArrowLeft':
      return to(cell.row, key.isCtrl ? 0 : cell.column - 1);
    case 'ArrowRight':
      return to(cell.row, key.isCtrl ? lastColumn : cell.column + 1);
    case 'PageUp':
      return to(cell.row - bounds.pageRows, cell.column);
    case 'PageDown':
      return to(cell.row + bounds.pageRows, cell.column);
    case 'Home':
      return key.isCtrl ? to(0, 0) : to(cell.row, 0);
    case 'End':
      return key.isCtrl ? to(lastRow, lastColumn) : to(cell.row, lastColumn);
    default:
      return undefined;
  }
}

/** The horizontal scroll that shows a column whole, right of the sticky columns. */
export function scrollLeftToShowColumn(options: {
  /** Column widths in px, the sticky row-number column first. */
  widths: readonly number[];
  /** The column to show (index into `widths`). */
  column: number;
  scrollLeft: number;
  viewportWidth: number;
  /** How many leading columns stay in place (sticky). */
  stickyColumns: number;
}): number {
  const { widths, column, scrollLeft, viewportWidth, stickyColumns } = options;
  let left = 0;
  for (let i = 0; i < column; i += 1) left += widths[i] ?? 0;
  const right = left + (widths[column] ?? 0);
  let sticky = 0;
  for (let i = 0; i < stickyColumns; i += 1) sticky += widths[i] ?? 0;
  if (column < stickyColumns) return scrollLeft;
  if (left - sticky < scrollLeft) return Math.max(0, left - sticky);
  if (right > scrollLeft + viewportWidth) return right - viewportWidth;
  return scrollLeft;
}
