/**
 * The text reader (csv, tsv, txt, and text files named `.xls`; a line or a few lines of text
 * with no delimiter named as a spreadsheet is refused as not a table): decoded by us (BOM, else UTF-16
 * by its NULs, else UTF-8 or GB18030 weighed line by line, or the user's choice), delimiter detected, parsed streaming by papaparse.
 * Cells written as `="0123"` (the trick exports use to keep leading zeros) are unwrapped. Every
 * field is kept, however many a line has: a line wider than the header gets extra columns.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import Papa from 'papaparse';
import { detectDelimiter } from '../../../shared/import/detect-delimiter.ts';
import { detectLoneText } from '../../../shared/import/detect-lone-text.ts';
import type { ImportWarning } from '../../../shared/import/import-warning.ts';
import type { RawRow } from '../../../shared/import/raw-row.ts';
import { unwrapExcelText } from '../../../shared/import/unwrap-excel-text.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import {
  createTextDecoderStream,
  describeOffLines,
  detectTextEncoding,
  type TextEncoding,
} from './decode-text.ts';
import { importError } from './import-error.ts';
import type { WorkbookSource } from './workbook-source.ts';

const sampleBytes = 64 * 1024;

/** Options a user can set when reading a text file. */
export interface TextSourceOptions {
  /** Overrides the detected encoding. */
  readonly encoding?: TextEncoding;
}

/** The decoded start of a file, and whether it is the whole file. */
async function readSample(
  path: string,
  encoding: TextEncoding,
): Promise<{ text: string; isWhole: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0);
    const text = new TextDecoder(encoding).decode(buffer.subarray(0, bytesRead), { stream: true });
    return { text, isWhole: bytesRead < sampleBytes };
  } finally {
    await handle.close();
  }
}

/**
 * Streams the records of a text file in batches. papaparse runs in its chunk mode, paused after
 * each chunk until the batch is taken: its Node stream mode hands rows over one object at a
 * time and is some 40 times slower.
 */
async function* readRecords(
  path: string,
  encoding: TextEncoding,
  delimiter: string,
): AsyncGenerator<RawRow[]> {
  // Reads of 64 KiB (Node's default), not 1 MiB: papaparse then parses 64 KiB strings, and
  // reading the bench's 1,000,000-row register once takes 10-13 s of CPU instead of 20-21 s
  // (`node --import tsx scripts/measure-read-passes.ts <file.csv>`, its "one pass" lines).
  const input = createReadStream(path, { highWaterMark: 1 << 16 }).pipe(
    createTextDecoderStream(encoding),
  );
  const chunks: string[][][] = [];
  let parser: Papa.Parser | undefined;
  let isDone = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  Papa.parse<string[]>(input as unknown as File, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    chunk(results, chunkParser) {
      chunks.push(results.data);
      parser = chunkParser;
      chunkParser.pause();
      wake?.();
    },
    complete() {
      isDone = true;
      wake?.();
    },
    error(error: Error) {
      failure = error;
      isDone = true;
      wake?.();
    },
  });
  let row = 0;
  try {
    for (;;) {
      const data = chunks.shift();
      if (data !== undefined) {
        const batch: RawRow[] = new Array<RawRow>(data.length);
        for (let i = 0; i < data.length; i += 1) {
          row += 1;
          const cells = data[i] ?? [];
          for (let c = 0; c < cells.length; c += 1) {
            const cell = cells[c] as string;
            if (cell.charCodeAt(0) === 61) cells[c] = unwrapExcelText(cell);
          }
          batch[i] = { row, texts: cells };
        }
        if (chunks.length === 0 && !isDone) parser?.resume();
        if (batch.length > 0) yield batch;
        continue;
      }
      if (isDone) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    if (failure !== undefined) {
      throw importError('corrupt-file', '文本文件无法读取', 'The text file cannot be read', [
        failure.message,
      ]);
    }
  } finally {
    if (!isDone) parser?.abort();
    input.destroy();
  }
}

/** Opens a text file as a one-sheet workbook named after the file. */
export async function openTextSource(
  path: string,
  options: TextSourceOptions = {},
): Promise<Result<WorkbookSource>> {
  let encoding = options.encoding;
  let warning: ImportWarning | undefined;
  if (encoding === undefined) {
    const decided = await detectTextEncoding(path);
    if (!decided.ok) return decided;
    encoding = decided.value.encoding;
    warning = describeOffLines(decided.value);
  }
  const chosen = encoding;
  const { text: sample, isWhole } = await readSample(path, encoding);
  const name = basename(path);
  const loneText = isWhole ? detectLoneText(sample, extname(path)) : undefined;
  if (loneText !== undefined) return err('not-a-spreadsheet', loneText.zh, loneText.en);
  const delimiter = detectDelimiter(sample);
  const hasDelimiter = sample.includes(delimiter);
  const format = !hasDelimiter ? 'txt' : delimiter === '\t' ? 'tsv' : 'csv';
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
        rows: () => readRecords(path, chosen, delimiter),
      },
    ],
    ...(warning === undefined ? {} : { warnings: [warning] }),
    close: async () => undefined,
  });
}
