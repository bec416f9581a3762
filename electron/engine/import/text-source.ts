/**
 * The text reader (csv, tsv, txt, and text files named `.xls`): decoded by us (BOM, else strict
 * UTF-8, else GB18030, or the user's choice), delimiter detected, parsed streaming by papaparse.
 * Cells written as `="0123"` (the trick exports use to keep leading zeros) are unwrapped. Every
 * field is kept, however many a line has: a line wider than the header gets extra columns.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import Papa from 'papaparse';
import { detectDelimiter } from '../../../shared/import/detect-delimiter.ts';
import type { RawRow } from '../../../shared/import/raw-row.ts';
import { unwrapExcelText } from '../../../shared/import/unwrap-excel-text.ts';
import { ok, type Result } from '../../../shared/result.ts';
import { createTextDecoderStream, detectTextEncoding, type TextEncoding } from './decode-text.ts';
import type { WorkbookSource } from './workbook-source.ts';

const batchSize = 2000;
const sampleBytes = 64 * 1024;

/** Options a user can set when reading a text file. */
export interface TextSourceOptions {
  /** Overrides the detected encoding. */
  readonly encoding?: TextEncoding;
}

async function readSample(path: string, encoding: TextEncoding): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0);
    return new TextDecoder(encoding).decode(buffer.subarray(0, bytesRead), { stream: true });
  } finally {
    await handle.close();
  }
}

async function* readRecords(
  path: string,
  encoding: TextEncoding,
  delimiter: string,
): AsyncGenerator<RawRow[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
  });
  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
    .pipe(createTextDecoderStream(encoding))
    .pipe(parser);
  let row = 0;
  let batch: RawRow[] = [];
  for await (const cells of stream as AsyncIterable<string[]>) {
    row += 1;
    const texts = cells.map((cell) => (cell.startsWith('=') ? unwrapExcelText(cell) : cell));
    batch.push({ row, texts });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Opens a text file as a one-sheet workbook named after the file. */
export async function openTextSource(
  path: string,
  options: TextSourceOptions = {},
): Promise<Result<WorkbookSource>> {
  const encoding = options.encoding ?? (await detectTextEncoding(path));
  const sample = await readSample(path, encoding);
  const delimiter = detectDelimiter(sample);
  const hasDelimiter = sample.includes(delimiter);
  const format = !hasDelimiter ? 'txt' : delimiter === '\t' ? 'tsv' : 'csv';
  const name = basename(path);
  return ok({
    format,
    encoding,
    delimiter,
    sheets: [
      {
        name,
        hidden: false,
        kind: 'worksheet',
        merges: async () => [],
        rows: () => readRecords(path, encoding, delimiter),
      },
    ],
    close: async () => undefined,
  });
}
