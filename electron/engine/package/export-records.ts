/**
 * 导出数据 (issue #13): the project's records as the clerk hands them on, as xlsx or CSV; all
 * records, or the grid's view (its issue filter, column filters and order: the very rid list the
 * grid pages through); codes with their names or codes only. Written page by page to a file, so
 * 1,000,000 records never sit in memory.
 *
 * Codes with names are a read-only 名称 column beside each code field (性别, 性别（名称）), as in
 * the error workbook, rather than "2 女" in one cell: the code column stays the standard code, so
 * it sorts, filters and imports again as it is, and the name is there for a reader.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import type { Field } from '../../../shared/pack/pack-schema.ts';
import { createFieldCodeNames } from '../../../shared/package/create-field-code-names.ts';
import { serializeCsvRow } from '../../../shared/package/serialize-csv-row.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import type { ProgressListener, RecordFilter, Workspace } from '../workspace/workspace.ts';
import { loadExcelJs } from '../load-exceljs.ts';
import { codeNameHeader, printSetup } from './write-error-workbook.ts';

/** The file kinds data is exported as. */
export type DataExportFormat = 'xlsx' | 'csv';
/** Codes with a name column beside each code field, or the codes only. */
export type DataExportCodes = 'names' | 'codes';

/** Records read from the project per page. */
const pageSize = 1000;

/** How one column of the export gets its values from a record. */
interface ExportColumn {
  readonly header: string;
  readonly fieldIndex: number;
  /** The code names, for a name column; absent for the field's own column. */
  readonly names?: ReadonlyMap<string, string>;
  /** True for integer and number fields: plain numbers are written as numbers in xlsx. */
  readonly isNumeric: boolean;
}

/** The columns of the export: each field under its Chinese title, a name column after codes. */
function exportColumns(
  fields: readonly Field[],
  codeNames: ReturnType<typeof createFieldCodeNames>,
) {
  const columns: ExportColumn[] = [];
  fields.forEach((field, fieldIndex) => {
    const isNumeric = field.type === 'integer' || field.type === 'number';
    columns.push({ header: field.title, fieldIndex, isNumeric });
    const names = codeNames.get(field.name);
    if (names !== undefined)
      columns.push({ header: codeNameHeader(field.title), fieldIndex, names, isNumeric: false });
  });
  return columns;
}

/** A plain decimal that a number holds exactly (no leading zeros, at most 15 digits). */
const plainNumber = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/;

/** A number cell for a numeric field's plain number; text for everything else. */
function xlsxValue(column: ExportColumn, value: string): string | number {
  if (!column.isNumeric || !plainNumber.test(value)) return value;
  const number = Number(value);
  return String(number) === value ? number : value;
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\. */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '数据';
}

/** The rows of an export, page by page, as the values of each column. */
async function* exportRows(
  workspace: Workspace,
  filter: RecordFilter,
  columns: readonly ExportColumn[],
  total: number,
  options: { readonly onProgress?: ProgressListener; readonly signal?: AbortSignal },
): AsyncGenerator<string[][], void, undefined> {
  for (let offset = 0; offset < total; offset += pageSize) {
    if (options.signal?.aborted === true) return;
    options.onProgress?.(offset, total);
    // Not a grid page: the grid's own view (kept through edits) stays as it is.
    const page = workspace.pageRecords(offset, pageSize, filter, false);
    if (page.length === 0) return;
    yield page.map((record) =>
      columns.map((column) => {
        const value = record.values[column.fieldIndex] ?? '';
        return column.names === undefined ? value : (column.names.get(value) ?? '');
      }),
    );
    // Let other messages (a cancel, a page for the grid) in between pages.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Writes the records `filter` selects (absent: every active record, in record order) to `out`
 * as xlsx or CSV and says how many. The file appears only when complete: it is written beside
 * `out` and renamed. Reports records written against the total; stops when `signal` aborts.
 */
export async function exportRecords(
  workspace: Workspace,
  options: {
    readonly out: string;
    readonly format: DataExportFormat;
    readonly codes: DataExportCodes;
    readonly filter?: RecordFilter;
    readonly created: Date;
    readonly onProgress?: ProgressListener;
    readonly signal?: AbortSignal;
  },
): Promise<Result<{ records: number }>> {
  const { dataset, pack } = workspace;
  const filter = options.filter ?? {};
  const codeNames =
    options.codes === 'names' ? createFieldCodeNames(pack, dataset.fields) : new Map();
  const columns = exportColumns(dataset.fields, codeNames);
  const total = workspace.countRecordsWhere(filter);
  const partial = `${options.out}.${process.pid}.part`;
  const rows = exportRows(workspace, filter, columns, total, options);
  try {
    if (options.format === 'csv') await writeCsv(partial, columns, rows);
    else await writeXlsx(partial, dataset.title, columns, rows, options.created);
    if (options.signal?.aborted === true) {
      await rm(partial, { force: true });
      return err('cancelled', '已取消导出数据', 'Export of the data cancelled');
    }
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true }); // a full disk must not leave half a file
    throw error;
  }
  options.onProgress?.(total, total);
  return ok({ records: total });
}

/**
 * CSV as UTF-8 with a BOM (Excel then reads the Chinese right), CRLF lines, RFC 4180 quoting;
 * values exactly as the project holds them.
 */
async function writeCsv(
  path: string,
  columns: readonly ExportColumn[],
  rows: AsyncIterable<string[][]>,
): Promise<void> {
  const file = createWriteStream(path);
  const failed = once(file, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined); // awaited below; this only keeps it from being unhandled
  const write = async (text: string): Promise<void> => {
    if (!file.write(text)) await Promise.race([once(file, 'drain'), failed]);
  };
  try {
    await write(`\uFEFF${serializeCsvRow(columns.map((c) => c.header))}`);
    for await (const page of rows) {
      let chunk = '';
      for (const row of page) chunk += serializeCsvRow(row);
      await write(chunk);
    }
    file.end();
    await Promise.race([once(file, 'close'), failed]);
  } finally {
    file.destroy();
  }
}

/**
 * xlsx through ExcelJS's streaming writer (as the error workbook), one sheet named after the
 * dataset: a bold header row of the fields' Chinese titles, frozen and printed on every page;
 * every column formatted as text (`@`) and every value written as a string, so Excel never turns
 * an ID, credit code, phone number or code into 4.4E+17 or drops a leading zero. Only plain
 * numbers of numeric fields (注册资金, 职工人数) are numbers, so they add up.
 */
async function writeXlsx(
  path: string,
  title: string,
  columns: readonly ExportColumn[],
  rows: AsyncIterable<string[][]>,
  created: Date,
): Promise<void> {
  const { stream } = await loadExcelJs();
  const workbook = new stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = '数据归集工作台';
  workbook.created = created;
  workbook.modified = created;
  const sheet = workbook.addWorksheet(sheetName(title), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: printSetup(true),
  });
  const nameFont: Partial<ExcelJS.Font> = { color: { argb: 'FF6B7785' } };
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: Math.max(10, Math.min(40, column.header.length * 2 + 4)),
    style: column.isNumeric
      ? {}
      : { numFmt: '@', ...(column.names === undefined ? {} : { font: nameFont }) },
  }));
  const header = sheet.getRow(1);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE4EE' } };
  });
  header.commit();
  for await (const page of rows) {
    for (const values of page)
      sheet
        .addRow(
          // A blank stays an empty cell (its column is still text for what the clerk types).
          values.map((value, i) =>
            value === '' ? null : xlsxValue(columns[i] as ExportColumn, value),
          ),
        )
        .commit();
  }
  sheet.commit();
  await workbook.commit();
}
