import type { HeaderSampleRow } from '../../../../shared/import/detect-header-row.ts';
import type { RawRow } from '../../../../shared/import/raw-row.ts';

/** Builds raw rows from a grid written as one array per row ('' = empty); row numbers from 1. */
export function rawRows(grid: readonly (readonly string[])[], firstRow = 1): RawRow[] {
  return grid.map((cells, i) => ({ row: firstRow + i, texts: [...cells] }));
}

/** Builds header sample rows (no merges) from a grid. */
export function sampleRows(grid: readonly (readonly string[])[]): HeaderSampleRow[] {
  return grid.map((cells, i) => ({
    row: i + 1,
    cells: cells.map((cell) => cell.trim()),
    own: cells.map((cell) => cell.trim() !== ''),
  }));
}

/** Streams rows as batches of a given size. */
export async function* batchesOf<T>(items: readonly T[], size = 2): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
