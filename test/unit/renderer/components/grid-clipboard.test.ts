import { describe, expect, it } from 'vitest';
import {
  parseCells,
  planPaste,
  rangeOf,
  serializeCells,
} from '../../../../renderer/components/grid-clipboard.ts';

describe('grid clipboard text', () => {
  it('writes tab-separated rows, quoting values with a tab, a newline or a quote as Excel does', () => {
    expect(
      serializeCells([
        ['张三', '110105194912310021'],
        ['a\tb', '第一行\n第二行'],
        ['5" 软盘', ''],
      ]),
    ).toBe('张三\t110105194912310021\n"a\tb"\t"第一行\n第二行"\n"5"" 软盘"\t');
  });

  it('reads a block copied from Excel or WPS: CRLF rows, the trailing newline, quoted values', () => {
    expect(parseCells('张三\t1\r\n"a\tb"\t"x\r\ny"\r\n"5"" 软盘"\t\r\n')).toEqual([
      ['张三', '1'],
      ['a\tb', 'x\r\ny'],
      ['5" 软盘', ''],
    ]);
    expect(parseCells('01\n02\n')).toEqual([['01'], ['02']]);
    expect(parseCells('one')).toEqual([['one']]);
    expect(parseCells('\n')).toEqual([['']]);
    // Ragged rows become a rectangle.
    expect(parseCells('a\tb\nc')).toEqual([
      ['a', 'b'],
      ['c', ''],
    ]);
  });

  it('reads back what it writes', () => {
    const rows = [
      ['1', 'a\tb', '"q"'],
      ['', 'x\ny', ' lead'],
    ];
    expect(parseCells(serializeCells(rows))).toEqual(rows);
  });
});

describe('planPaste', () => {
  const bounds = { rowCount: 10, columnCount: 4 };

  it('places a block at the top-left of the selection', () => {
    const plan = planPaste(
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      rangeOf({ row: 5, column: 2 }, { row: 3, column: 1 }),
      bounds,
    );
    expect(plan.isClipped).toBe(false);
    expect(plan.range).toEqual({ top: 3, bottom: 4, left: 1, right: 2 });
    expect(plan.cells).toEqual([
      { row: 3, column: 1, value: 'a' },
      { row: 3, column: 2, value: 'b' },
      { row: 4, column: 1, value: 'c' },
      { row: 4, column: 2, value: 'd' },
    ]);
  });

  it('clips what falls past the last row or column, and says so', () => {
    const plan = planPaste(
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
      rangeOf({ row: 9, column: 2 }, { row: 9, column: 2 }),
      bounds,
    );
    expect(plan.isClipped).toBe(true);
    expect(plan.cells).toEqual([
      { row: 9, column: 2, value: 'a' },
      { row: 9, column: 3, value: 'b' },
    ]);
  });

  it('fills a larger selection with one value', () => {
    const plan = planPaste([['x']], rangeOf({ row: 0, column: 0 }, { row: 1, column: 1 }), bounds);
    expect(plan.isClipped).toBe(false);
    expect(plan.cells.map((c) => c.value)).toEqual(['x', 'x', 'x', 'x']);
  });
});
