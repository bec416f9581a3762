/**
 * What each reader (text, SheetJS, streaming xlsx) gives the table layer inside the import
 * worker: the workbook's sheets, each with its merged ranges and a stream of raw rows that can
 * be read more than once (once to survey the table, once to hand its rows on).
 */
import type { ImportWarning } from '../../../shared/import/import-warning.ts';
import type { MergedRange, RawRow } from '../../../shared/import/raw-row.ts';
import type { TextEncoding } from './decode-text.ts';
import type { SourceFormat } from './source-table.ts';

/** One sheet of a workbook (a text file has one). */
export interface SheetSource {
  readonly name: string;
  /** True for hidden and very hidden sheets. */
  readonly hidden: boolean;
  /** Chart sheets hold no cells to import. */
  readonly kind: 'worksheet' | 'chart';
  /** The merged ranges of the sheet. May read the sheet once (streaming xlsx). */
  merges(): Promise<readonly MergedRange[]>;
  /**
   * The rows that hold any cell, in order, in batches. Each call reads from the start. Throws an
   * ImportError for an expected failure (corrupt data, a limit).
   */
  rows(): AsyncIterable<readonly RawRow[]>;
}

/** A workbook opened by one of the readers. */
export interface WorkbookSource {
  readonly format: SourceFormat;
  /** For text files: the encoding used. */
  readonly encoding?: TextEncoding;
  /** For text files: the delimiter used. */
  readonly delimiter?: string;
  readonly sheets: readonly SheetSource[];
  /** What the clerk should check about a file that was still read (stray bad lines, ...). */
  readonly warnings?: readonly ImportWarning[];
  /** Releases open files. */
  close(): Promise<void>;
}
