import { describe, expect, it } from 'vitest';
import {
  applyGridKey,
  createGridWindow,
  createScrollSpace,
  maxOffset,
  maxScrollHeight,
  offsetAfterScroll,
  offsetForScrollTop,
  offsetToShowRow,
  pagesOfRows,
  pagesToFetch,
  scrollLeftToShowColumn,
  scrollTopForOffset,
} from '../../../../renderer/components/grid-window.ts';

const rowHeight = 30;
const viewportHeight = 600; // 20 rows

describe('createScrollSpace', () => {
  it('scrolls the real height while the rows fit under the cap', () => {
    const space = createScrollSpace({ count: 100_000, rowHeight, viewportHeight });
    expect(space.contentHeight).toBe(3_000_000);
    expect(space.scrollHeight).toBe(3_000_000);
    expect(space.ratio).toBe(1);
  });

  it('caps the scrolled height at 1,000,000 and 5,000,000 rows and compresses the rest', () => {
    for (const count of [1_000_000, 5_000_000]) {
      const space = createScrollSpace({ count, rowHeight, viewportHeight });
      expect(space.contentHeight).toBe(count * rowHeight);
      expect(space.scrollHeight).toBe(maxScrollHeight);
      expect(space.ratio).toBeCloseTo(
        (count * rowHeight - viewportHeight) / (maxScrollHeight - viewportHeight),
        9,
      );
    }
  });

  it('has nothing to scroll for no rows or rows that fit the viewport', () => {
    expect(createScrollSpace({ count: 0, rowHeight, viewportHeight })).toMatchObject({
      scrollHeight: 0,
      ratio: 1,
    });
    const few = createScrollSpace({ count: 5, rowHeight, viewportHeight });
    expect(maxOffset(few)).toBe(0);
    expect(createGridWindow(few, 0)).toMatchObject({ start: 0, end: 5, firstVisible: 0 });
  });
});

describe('scroll position and virtual offset', () => {
  it('are the same thing when not compressed', () => {
    const space = createScrollSpace({ count: 100_000, rowHeight, viewportHeight });
    expect(offsetForScrollTop(space, 123_456)).toBe(123_456);
    expect(scrollTopForOffset(space, 123_456)).toBe(123_456);
  });

  it('map the scrollbar linearly onto all 5,000,000 rows, the ends onto the ends', () => {
    const space = createScrollSpace({ count: 5_000_000, rowHeight, viewportHeight });
    const scrollRange = space.scrollHeight - viewportHeight;
    expect(offsetForScrollTop(space, 0)).toBe(0);
    expect(offsetForScrollTop(space, scrollRange)).toBeCloseTo(maxOffset(space), 3);
    // The middle of the scrollbar is the middle of the rows.
    const middle = createGridWindow(space, offsetForScrollTop(space, scrollRange / 2));
    expect(middle.firstVisible).toBe(
      Math.floor((5_000_000 * rowHeight - viewportHeight) / 2 / rowHeight),
    );
    // The last row can be reached and is the last drawn.
    const end = createGridWindow(space, offsetForScrollTop(space, scrollRange));
    expect(end.end).toBe(5_000_000);
    expect(end.firstVisible).toBe(5_000_000 - 20);
    // Round trip within a pixel of scroll.
    const offset = 77_777_777;
    expect(offsetForScrollTop(space, scrollTopForOffset(space, offset))).toBeCloseTo(offset, 3);
  });

  it('keeps an exact offset the grid set itself, and follows any other scroll', () => {
    const space = createScrollSpace({ count: 1_000_000, rowHeight, viewportHeight });
    const exact = 15_000_015; // row 500,000 and half a pixel, which no scroll position can hold
    const expected = scrollTopForOffset(space, exact);
    // The browser rounded the scroll position the grid set: the offset stays exact.
    expect(offsetAfterScroll(space, exact, Math.round(expected), expected)).toBe(exact);
    // The clerk dragged the scrollbar elsewhere: the offset follows it.
    expect(offsetAfterScroll(space, exact, expected + 5000, expected)).toBe(
      offsetForScrollTop(space, expected + 5000),
    );
    expect(offsetAfterScroll(space, exact, 0, undefined)).toBe(0);
  });
});

describe('createGridWindow', () => {
  it('draws the visible rows and the overscan around them, by arithmetic', () => {
    const space = createScrollSpace({ count: 1_000_000, rowHeight, viewportHeight });
    expect(createGridWindow(space, 0, 5)).toEqual({
      start: 0,
      end: 25,
      firstVisible: 0,
      pageRows: 20,
    });
    // Half a row scrolled: 21 rows are partly visible.
    expect(createGridWindow(space, 500_000 * rowHeight + 15, 5)).toEqual({
      start: 499_995,
      end: 500_026,
      firstVisible: 500_000,
      pageRows: 20,
    });
  });

  it('stays within the rows at the end and for an offset past it', () => {
    const space = createScrollSpace({ count: 1000, rowHeight, viewportHeight });
    expect(createGridWindow(space, 10 ** 9, 5)).toEqual({
      start: 975,
      end: 1000,
      firstVisible: 980,
      pageRows: 20,
    });
  });

  it('changes only the scroll space when a filter changes the count', () => {
    const all = createScrollSpace({ count: 1_000_000, rowHeight, viewportHeight });
    const filtered = createScrollSpace({ count: 48_000, rowHeight, viewportHeight });
    expect(filtered.ratio).toBe(1);
    expect(all.ratio).toBeGreaterThan(1);
    expect(createGridWindow(filtered, 0, 5).end).toBe(25);
  });
});

describe('offsetToShowRow', () => {
  const space = createScrollSpace({ count: 1_000_000, rowHeight, viewportHeight });
  it('leaves a visible row where it is', () => {
    expect(offsetToShowRow(space, 3000, 105)).toBe(3000);
  });
  it('scrolls up to a row above and down to a row below, by the least', () => {
    expect(offsetToShowRow(space, 3000, 50)).toBe(1500);
    expect(offsetToShowRow(space, 3000, 120)).toBe(121 * rowHeight - viewportHeight);
  });
  it('shows the last row at the bottom', () => {
    expect(offsetToShowRow(space, 0, 999_999)).toBe(maxOffset(space));
  });
});

describe('pagesOfRows', () => {
  it('lists the pages a range of rows touches', () => {
    expect(pagesOfRows(95, 230, 100)).toEqual([0, 1, 2]);
    expect(pagesOfRows(100, 200, 100)).toEqual([1]);
    expect(pagesOfRows(5, 5, 100)).toEqual([]);
  });
});

describe('applyGridKey', () => {
  const bounds = { rowCount: 1_000_000, columnCount: 15, pageRows: 20 };
  const at = { row: 500, column: 3 };
  const press = (key: string, isCtrl = false) => applyGridKey(at, { key, isCtrl }, bounds);
  it('moves by one cell with the arrows and stops at the edges', () => {
    expect(press('ArrowDown')).toEqual({ row: 501, column: 3 });
    expect(press('ArrowUp')).toEqual({ row: 499, column: 3 });
    expect(press('ArrowLeft')).toEqual({ row: 500, column: 2 });
    expect(press('ArrowRight')).toEqual({ row: 500, column: 4 });
    expect(applyGridKey({ row: 0, column: 0 }, { key: 'ArrowUp', isCtrl: false }, bounds)).toEqual({
      row: 0,
      column: 0,
    });
    expect(
      applyGridKey({ row: 999_999, column: 14 }, { key: 'ArrowRight', isCtrl: false }, bounds),
    ).toEqual({ row: 999_999, column: 14 });
  });
  it('moves a screen with PageUp and PageDown', () => {
    expect(press('PageDown')).toEqual({ row: 520, column: 3 });
    expect(press('PageUp')).toEqual({ row: 480, column: 3 });
    expect(applyGridKey({ row: 5, column: 0 }, { key: 'PageUp', isCtrl: false }, bounds)).toEqual({
      row: 0,
      column: 0,
    });
  });
  it('goes to the row ends with Home and End, the grid ends with Ctrl', () => {
    expect(press('Home')).toEqual({ row: 500, column: 0 });
    expect(press('End')).toEqual({ row: 500, column: 14 });
    expect(press('Home', true)).toEqual({ row: 0, column: 0 });
    expect(press('End', true)).toEqual({ row: 999_999, column: 14 });
    expect(press('ArrowDown', true)).toEqual({ row: 999_999, column: 3 });
  });
  it('leaves other keys alone', () => {
    expect(press('a')).toBeUndefined();
    expect(press('Tab')).toBeUndefined();
  });
});

describe('scrollLeftToShowColumn', () => {
  const widths = [84, 180, 140, 140, 140, 140];
  it('scrolls right to show a column past the right edge, left past the sticky column', () => {
    expect(
      scrollLeftToShowColumn({
        widths,
        column: 5,
        scrollLeft: 0,
        viewportWidth: 500,
        stickyColumns: 1,
      }),
    ).toBe(84 + 180 + 140 * 4 - 500);
    expect(
      scrollLeftToShowColumn({
        widths,
        column: 1,
        scrollLeft: 200,
        viewportWidth: 500,
        stickyColumns: 1,
      }),
    ).toBe(0);
    expect(
      scrollLeftToShowColumn({
        widths,
        column: 2,
        scrollLeft: 100,
        viewportWidth: 500,
        stickyColumns: 1,
      }),
    ).toBe(100);
  });
});

describe('pagesToFetch', () => {
  const space = createScrollSpace({ count: 1_000_000, rowHeight, viewportHeight });
  it('fetches the drawn rows first, then a margin around them', () => {
    // Rows 207-232 drawn; 40 rows around reach back into page 1.
    const early = createGridWindow(space, 210 * rowHeight, 3);
    expect(pagesToFetch(early, 1_000_000, 100, 40)).toEqual({ drawn: [2], margin: [1] });
    // Rows 247-272 drawn; 40 rows around reach into page 3.
    const late = createGridWindow(space, 250 * rowHeight, 3);
    expect(pagesToFetch(late, 1_000_000, 100, 40)).toEqual({ drawn: [2], margin: [3] });
    const end = createGridWindow(space, maxOffset(space), 3);
    expect(pagesToFetch(end, 1_000_000, 100, 40)).toEqual({ drawn: [9999], margin: [] });
  });
  it('still asks for the first page of an empty grid, to learn its new count', () => {
    const empty = createScrollSpace({ count: 0, rowHeight, viewportHeight });
    expect(pagesToFetch(createGridWindow(empty, 0, 3), 0, 100, 40)).toEqual({
      drawn: [0],
      margin: [],
    });
  });
});
