import type { MergedRange } from './raw-row.ts';

/** The parts of a row that merge filling reads and writes. */
export interface FillableRow {
  readonly row: number;
  readonly cells: string[];
  readonly values: string[];
  readonly own: boolean[];
}

/** Fills one row's merged cells in place; call it for every row, in order. */
export type MergeFiller = (row: FillableRow, width: number) => void;

/**
 * Creates a filler that copies the value of each merged range's top-left cell into the other
 * cells of the range (down and across), as a clerk reads a merged cell: `街道` merged over eight
 * rows belongs to each of them. Copies are marked as not owned. Rows are fed in order, so the
 * work is linear in cells plus merges; only columns below `width` are filled, so a merge that
 * claims the whole sheet width cannot blow up a row.
 */
export function createMergeFiller(merges: readonly MergedRange[]): MergeFiller {
  const sorted = merges
    .filter((m) => m.bottom >= m.top && m.right >= m.left && (m.bottom > m.top || m.right > m.left))
    .sort((a, b) => a.top - b.top);
  let next = 0;
  let active: { readonly range: MergedRange; readonly cell: string; readonly value: string }[] = [];
  return (target, width) => {
    const { row, cells, values, own } = target;
    if (active.length > 0) active = active.filter((a) => a.range.bottom >= row);
    while (next < sorted.length && (sorted[next]?.top ?? Infinity) <= row) {
      const range = sorted[next] as MergedRange;
      next += 1;
      if (range.top !== row) continue;
      const cell = cells[range.left] ?? '';
      if (cell !== '') active.push({ range, cell, value: values[range.left] ?? cell });
    }
    for (const { range, cell, value } of active) {
      const right = Math.min(range.right, width - 1);
      for (let column = range.left; column <= right; column += 1) {
        if (row === range.top && column === range.left) continue;
        if ((cells[column] ?? '') === '') {
          cells[column] = cell;
          values[column] = value;
          own[column] = false;
        }
      }
    }
  };
}
