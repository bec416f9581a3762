/**
 * What `steward inspect` reports about a file: its real format and encoding, every sheet (hidden
 * ones flagged), and for each the header row found and why, the columns, the data row count, the
 * footer rows cut (also said as a warning), the flagged cells and a sample. Each sheet is read
 * once, in the worker.
 */
import type { LocalizedText } from '../../../shared/i18n/localized-text.ts';
import { describeFooterRows } from '../../../shared/import/describe-footer-rows.ts';
import type { ImportWarning } from '../../../shared/import/import-warning.ts';
import type { FlaggedCell, ProjectedRow } from '../../../shared/import/table-layout.ts';
import { ok, type Result } from '../../../shared/result.ts';
import type { TextEncoding } from './decode-text.ts';
import {
  openWorkbook,
  type OpenOptions,
  type TableOptions,
  type WorkbookOpener,
} from './open-workbook.ts';
import type { SourceFormat } from './source-table.ts';

/** One sheet as inspected. */
export interface SheetReport {
  readonly name: string;
  readonly hidden: boolean;
  readonly kind: 'worksheet' | 'chart';
  readonly headerRow: number;
  readonly headerRows: 0 | 1 | 2;
  readonly headerReason: LocalizedText;
  readonly columns: readonly string[];
  readonly requiredColumns: readonly string[];
  readonly rows: number;
  readonly footerRows: readonly number[];
  readonly flagged: readonly FlaggedCell[];
  readonly flaggedCount: number;
  readonly sample: readonly ProjectedRow[];
  /** Rows that hold flagged cells (the first few), for the preview to show them. */
  readonly flaggedRows: readonly ProjectedRow[];
}

/** A file as inspected. */
export interface InspectReport {
  readonly file: string;
  readonly format: SourceFormat;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly sheets: readonly SheetReport[];
  /** What the clerk should check about the file (stray lines in another encoding, ...). */
  readonly warnings: readonly ImportWarning[];
}

/** Options of an inspection: the file's and the table's, and optionally one sheet. */
export interface InspectOptions extends OpenOptions, TableOptions {
  readonly sheet?: string | number;
  /** How many data rows to keep as the sample (default 5). */
  readonly sampleRows?: number;
  /** How many rows with flagged cells to keep (default 0). */
  readonly flaggedRows?: number;
}

const chartReason: LocalizedText = { zh: '图表工作表，没有单元格', en: 'a chart sheet: no cells' };

/** Inspects a file: every sheet, or the one asked for. */
export async function inspectFile(
  path: string,
  options: InspectOptions = {},
  open: WorkbookOpener = openWorkbook,
): Promise<Result<InspectReport>> {
  const opened = await open(path, options);
  if (!opened.ok) return opened;
  const workbook = opened.value;
  try {
    let sheets = workbook.sheets;
    if (options.sheet !== undefined) {
      const sheet = workbook.findSheet(options.sheet);
      if (sheet === undefined) {
        const names = workbook.sheets.map((s) => s.name).join('、');
        return {
          ok: false,
          error: {
            code: 'no-such-sheet',
            message: {
              zh: `文件中没有工作表「${options.sheet}」（现有：${names}）`,
              en: `The file has no sheet ${String(options.sheet)} (it has: ${names})`,
            },
          },
        };
      }
      sheets = [sheet];
    }
    const reports: SheetReport[] = [];
    const footerWarnings: ImportWarning[] = [];
    for (const sheet of sheets) {
      if (sheet.kind === 'chart') {
        reports.push({
          name: sheet.name,
          hidden: sheet.hidden,
          kind: 'chart',
          headerRow: 0,
          headerRows: 0,
          headerReason: chartReason,
          columns: [],
          requiredColumns: [],
          rows: 0,
          footerRows: [],
          flagged: [],
          flaggedCount: 0,
          sample: [],
          flaggedRows: [],
        });
        continue;
      }
      const table = await workbook.openTable(sheet, {
        ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
        ...(options.headerRows === undefined ? {} : { headerRows: options.headerRows }),
      });
      if (!table.ok) return table;
      const sampleRows = options.sampleRows ?? 5;
      const flaggedRowsWanted = options.flaggedRows ?? 0;
      const flaggedAt = new Set(table.value.flagged.map((cell) => cell.row));
      // The survey counted the rows: only the rows shown are read, up to the last one wanted.
      const lastFlagged = flaggedRowsWanted === 0 ? 0 : Math.max(0, ...flaggedAt);
      const sample: ProjectedRow[] = [];
      const flaggedRows: ProjectedRow[] = [];
      for await (const record of table.value.rows()) {
        const row = { sourceRow: record.sourceRow, cells: record.cells };
        if (sample.length < sampleRows) sample.push(row);
        else if (flaggedRows.length < flaggedRowsWanted && flaggedAt.has(record.sourceRow))
          flaggedRows.push(row);
        const isFlaggedDone =
          flaggedRows.length >= flaggedRowsWanted || record.sourceRow >= lastFlagged;
        if (sample.length >= sampleRows && isFlaggedDone) break;
      }
      await table.value.close();
      const t = table.value;
      const footerWarning = describeFooterRows(sheet.name, t.footerRows);
      if (footerWarning !== undefined) footerWarnings.push(footerWarning);
      reports.push({
        name: sheet.name,
        hidden: sheet.hidden,
        kind: 'worksheet',
        headerRow: t.headerRow,
        headerRows: t.headerRows,
        headerReason: t.headerReason,
        columns: t.columns,
        requiredColumns: t.requiredColumns,
        rows: t.rowCount,
        footerRows: t.footerRows,
        flagged: t.flagged,
        flaggedCount: t.flaggedCount,
        sample,
        flaggedRows,
      });
    }
    return ok({
      file: workbook.file,
      format: workbook.format,
      ...(workbook.encoding === undefined ? {} : { encoding: workbook.encoding }),
      ...(workbook.delimiter === undefined ? {} : { delimiter: workbook.delimiter }),
      sheets: reports,
      warnings: [...workbook.warnings, ...footerWarnings],
    });
  } finally {
    await workbook.close();
  }
}
