/** Reads a file as a SourceTable; kept for callers written before `openTable`. */
import type { Result } from '../../../shared/result.ts';
import type { TextEncoding } from './decode-text.ts';
import { openTable } from './open-workbook.ts';
import type { SourceTable } from './source-table.ts';

/** Options a user can set when reading a text file. */
export interface ReadCsvOptions {
  /** Overrides the detected encoding. */
  readonly encoding?: TextEncoding;
}

/** Opens a file (any format the importer reads, not only CSV) as its first table. */
export async function readCsv(
  path: string,
  options: ReadCsvOptions = {},
): Promise<Result<SourceTable>> {
  return openTable(path, options);
}
