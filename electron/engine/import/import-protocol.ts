/**
 * The messages between the engine and its import worker. Files are read in a worker thread
 * with a heap limit, so that a pathological file can only take down the worker: the engine
 * gets an AppError, and can stop a read that stalls.
 */
import type { ImportLimits } from '../../../shared/import/import-limits.ts';
import type { ImportWarning } from '../../../shared/import/import-warning.ts';
import type { ProjectedRow, TableLayout } from '../../../shared/import/table-layout.ts';
import type { Result } from '../../../shared/result.ts';
import type { TextEncoding } from './decode-text.ts';
import type { SourceFormat } from './source-table.ts';

/** One sheet of an opened workbook, as the engine sees it. */
export interface SheetSummary {
  /** 0-based position in the workbook. */
  readonly index: number;
  readonly name: string;
  readonly hidden: boolean;
  readonly kind: 'worksheet' | 'chart';
}

/** What opening a file tells the engine. */
export interface WorkbookSummary {
  readonly format: SourceFormat;
  readonly encoding?: TextEncoding;
  readonly delimiter?: string;
  readonly sheets: readonly SheetSummary[];
  readonly warnings?: readonly ImportWarning[];
}

/** A surveyed table, kept by the worker under an id for streaming its rows. */
export interface SurveyedTable {
  readonly tableId: number;
  readonly layout: TableLayout;
}

/**
 * A table read in one pass: its stream is already started, and its layout is the one the top
 * rows show (header, columns); the rest (row count, footer rows, flags) comes with the last batch.
 */
export interface ScannedTable {
  readonly streamId: number;
  readonly layout: TableLayout;
}

/** One batch of data rows. */
export interface RowBatch {
  readonly rows: readonly ProjectedRow[];
  readonly done: boolean;
  /** With the last batch of a single pass (`scan`): the table's layout, now complete. */
  readonly layout?: TableLayout;
}

/** A request from the engine to the worker. */
export type ImportRequest =
  | {
      readonly id: number;
      readonly type: 'open';
      readonly path: string;
      readonly encoding?: TextEncoding;
      readonly limits: ImportLimits;
    }
  | {
      readonly id: number;
      readonly type: 'survey';
      readonly sheet: number;
      readonly headerRow?: number;
      readonly headerRows?: 1 | 2;
    }
  | {
      readonly id: number;
      readonly type: 'decide';
      readonly sheet: number;
      readonly headerRow?: number;
      readonly headerRows?: 1 | 2;
    }
  | {
      readonly id: number;
      readonly type: 'scan';
      readonly sheet: number;
      readonly headerRow?: number;
      readonly headerRows?: 1 | 2;
    }
  | { readonly id: number; readonly type: 'stream'; readonly tableId: number }
  | { readonly id: number; readonly type: 'pull'; readonly streamId: number }
  | { readonly id: number; readonly type: 'drop'; readonly streamId: number };

/** A reply from the worker: the result of a request, or a sign of progress on it. */
export type ImportReply =
  | { readonly id: number; readonly type: 'result'; readonly result: Result<unknown> }
  | { readonly id: number; readonly type: 'progress'; readonly rowsRead: number };
