/** Reads a delimited text file (CSV, TSV) as a SourceTable, streaming. */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { err, ok, type Result } from '../../../shared/result.ts';
import { createTextDecoderStream, detectTextEncoding, type TextEncoding } from './decode-text.ts';
import type { SourceRecord, SourceTable } from './source-table.ts';

/** Options a user can set when reading a text file. */
export interface ReadCsvOptions {
  /** Overrides the detected encoding. */
  readonly encoding?: TextEncoding;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Streams the parsed records of a text file with their 1-based record numbers. */
async function* readRecords(path: string, encoding: TextEncoding): AsyncGenerator<SourceRecord> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: '', skipEmptyLines: false });
  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
    .pipe(createTextDecoderStream(encoding))
    .pipe(parser);
  let sourceRow = 0;
  for await (const cells of stream as AsyncIterable<string[]>) {
    sourceRow += 1;
    yield { sourceRow, cells };
  }
}

/** Opens a text file as a table whose header is its first non-blank row. */
export async function readCsv(
  path: string,
  options: ReadCsvOptions = {},
): Promise<Result<SourceTable>> {
  const encoding = options.encoding ?? (await detectTextEncoding(path));
  const records = readRecords(path, encoding);
  let header: SourceRecord | undefined;
  for (;;) {
    const next = await records.next();
    if (next.done) break;
    if (!isBlank(next.value.cells)) {
      header = next.value;
      break;
    }
  }
  if (header === undefined) {
    return err('empty-file', '文件中没有任何内容', 'The file has no content');
  }
  const columns = header.cells.map((cell) => cell.trim());
  const width = columns.length;
  const file = basename(path);
  let consumed = false;
  return ok({
    file,
    format: 'csv',
    encoding,
    sheet: file,
    headerRow: header.sourceRow,
    columns,
    async *rows() {
      if (consumed) throw new Error('SourceTable.rows() iterated twice');
      consumed = true;
      for await (const record of records) {
        if (isBlank(record.cells)) continue;
        const cells =
          record.cells.length === width
            ? record.cells
            : Array.from({ length: width }, (_, i) => record.cells[i] ?? '');
        yield { sourceRow: record.sourceRow, cells };
      }
    },
  });
}
