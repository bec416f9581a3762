import { err, ok, type Result } from '../../../shared/result.ts';
import type { SourceRecord, SourceTable } from './source-table.ts';

function label(table: SourceTable): string {
  return table.sheet === table.file ? table.file : `${table.file}「${table.sheet}」`;
}

/**
 * Appends tables from several files or sheets (20 township sheets, say) into one dataset, when
 * their columns line up: the same column names, in any order (cells are reordered to the first
 * table's order). Every record keeps its own file, sheet and source row.
 */
export function appendTables(tables: readonly SourceTable[]): Result<SourceTable> {
  const [first, ...rest] = tables;
  if (first === undefined) return err('no-tables', '没有要合并的表格', 'No tables to append');
  if (rest.length === 0) return ok(first);
  const reference = new Set(first.columns);
  const differences: string[] = [];
  for (const table of rest) {
    const columns = new Set(table.columns);
    const missing = first.columns.filter((c) => !columns.has(c));
    const extra = table.columns.filter((c) => !reference.has(c));
    if (missing.length > 0 || extra.length > 0) {
      differences.push(
        `${label(table)}: ${missing.length > 0 ? `缺少 missing ${missing.join('、')}` : ''}${missing.length > 0 && extra.length > 0 ? '; ' : ''}${extra.length > 0 ? `多出 extra ${extra.join('、')}` : ''}`,
      );
    }
  }
  if (differences.length > 0) {
    return err(
      'columns-differ',
      `这些表格的列对不上，不能合并为一个数据集（以 ${label(first)} 为准）`,
      `These tables' columns do not line up, so they cannot be appended into one dataset (compared with ${label(first)})`,
      differences,
    );
  }
  const orders = tables.map((table) => first.columns.map((name) => table.columns.indexOf(name)));
  const files = [...new Set(tables.map((t) => t.file))];
  const sheets = [...new Set(tables.map(label))];
  const close = async () => {
    await Promise.all(tables.map((t) => t.close()));
  };
  return ok({
    file: files.join(' + '),
    format: first.format,
    ...(first.encoding === undefined ? {} : { encoding: first.encoding }),
    sheet: sheets.join(' + '),
    hidden: false,
    headerRow: first.headerRow,
    headerRows: first.headerRows,
    headerReason: first.headerReason,
    columns: first.columns,
    requiredColumns: first.requiredColumns,
    // Getters: a part read in a single pass completes its counts as its rows stream.
    get rowCount() {
      return tables.reduce((sum, t) => sum + t.rowCount, 0);
    },
    get isCounting() {
      return tables.some((t) => t.isCounting);
    },
    footerRows: [],
    get flagged() {
      return tables.flatMap((t) => t.flagged);
    },
    get flaggedCount() {
      return tables.reduce((sum, t) => sum + t.flaggedCount, 0);
    },
    parts: tables,
    async *rows(): AsyncGenerator<SourceRecord> {
      try {
        for (const [i, table] of tables.entries()) {
          const order = orders[i] ?? [];
          const isSameOrder = order.every((index, position) => index === position);
          for await (const record of table.rows()) {
            yield isSameOrder
              ? record
              : { ...record, cells: order.map((index) => record.cells[index] ?? '') };
          }
        }
      } finally {
        await close();
      }
    },
    close,
  });
}
