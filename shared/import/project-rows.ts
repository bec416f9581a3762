import { cleanRawRow } from './clean-raw-row.ts';
import { createMergeFiller } from './create-merge-filler.ts';
import type { MergedRange, RawRow } from './raw-row.ts';
import { headerEnd } from './survey-table.ts';
import type { ProjectedRow, TableLayout } from './table-layout.ts';

/**
 * Streams a sheet's data rows onto the columns that `surveyTable` decided: header, blank and
 * footer rows skipped, merged cells filled, each row keeping its source row number. Reads the
 * rows a second time, in batches, so that a million rows never sit in memory at once.
 */
export async function* projectRows(
  batches: AsyncIterable<readonly RawRow[]>,
  layout: TableLayout,
  merges: readonly MergedRange[],
): AsyncGenerator<ProjectedRow[]> {
  const fill = createMergeFiller(merges);
  const lastHeaderRow = headerEnd(layout);
  const footer = new Set(layout.footerRows);
  const columns = layout.sourceColumns;
  const width = columns.length === 0 ? 0 : (columns[columns.length - 1] ?? 0) + 1;
  for await (const batch of batches) {
    const out: ProjectedRow[] = [];
    for (const raw of batch) {
      const row = cleanRawRow(raw);
      if (merges.length > 0) fill(row, width);
      if (row.ownCount === 0 || row.row <= lastHeaderRow || footer.has(row.row)) continue;
      const cells: string[] = new Array<string>(columns.length);
      for (let i = 0; i < columns.length; i += 1) cells[i] = row.values[columns[i] ?? -1] ?? '';
      out.push({ sourceRow: row.row, cells });
    }
    if (out.length > 0) yield out;
  }
}
