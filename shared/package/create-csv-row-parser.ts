/**
 * A strict, streaming reader of the CSV a package writes (RFC 4180: comma, double quotes,
 * CRLF): text goes in piece by piece, records come out. Anything else is reported, not guessed:
 * `verify` uses it to read a data file exactly as it was written. A value or a line longer than
 * its limit is reported too, so a hostile file cannot make the reader hold gigabytes of text.
 */
import { defaultImportLimits } from '../import/import-limits.ts';

/** Receives each record, or a problem with the line it was found on. */
export interface CsvRowSink {
  row(values: string[]): void;
  problem(line: number, message: { zh: string; en: string }): void;
}

/** A parser being fed. */
export interface CsvRowParser {
  feed(text: string): void;
  /** Ends the input; a file must end with CRLF after its last record. */
  end(): void;
}

/** How long a value and a record may be, in characters (a record's count includes its CRLF). */
export interface CsvLimits {
  readonly maxValueLength: number;
  readonly maxLineLength: number;
}

/**
 * A value as long as the longest cell the importer accepts (a package holds nothing longer), a
 * line of 16 Mi characters: room for many such values, far below what exhausts memory.
 */
export const defaultCsvLimits: CsvLimits = {
  maxValueLength: defaultImportLimits.maxCellLength,
  maxLineLength: 16 * 1024 ** 2,
};

/** Starts a parser that reports to `sink`. */
export function createCsvRowParser(
  sink: CsvRowSink,
  limits: CsvLimits = defaultCsvLimits,
): CsvRowParser {
  let values: string[] = [];
  let value = '';
  let state: 'start' | 'plain' | 'quoted' | 'quote-in-quoted' | 'cr' = 'start';
  let line = 1;
  let quoteLine = 1;
  let isFailed = false;
  let isLineEmpty = true;
  /** Characters of the record being read, which may span lines inside quotes. */
  let recordLength = 0;

  const fail = (zh: string, en: string, at = line): void => {
    if (isFailed) return;
    isFailed = true;
    sink.problem(at, { zh, en });
  };

  const endValue = (): void => {
    values.push(value);
    value = '';
  };

  return {
    feed(text) {
      for (let i = 0; i < text.length && !isFailed; i += 1) {
        const c = text[i] as string;
        recordLength += 1;
        if (value.length > limits.maxValueLength) {
          fail(
            `值过长（超过 ${limits.maxValueLength} 个字符）`,
            `a value is longer than ${limits.maxValueLength} characters`,
          );
          break;
        }
        if (recordLength > limits.maxLineLength) {
          fail(
            `一行过长（超过 ${limits.maxLineLength} 个字符）`,
            `a line is longer than ${limits.maxLineLength} characters`,
          );
          break;
        }
        switch (state) {
          case 'start':
          case 'plain':
            if (c === ',') {
              endValue();
              state = 'start';
            } else if (c === '\r') {
              state = 'cr';
            } else if (c === '\n') {
              fail('换行应为 CRLF', 'a line ends with LF instead of CRLF');
            } else if (c === '"') {
              if (state === 'start') {
                state = 'quoted';
                quoteLine = line;
              } else fail('引号出现在值的中间', 'a quote inside an unquoted value');
            } else {
              value += c;
              state = 'plain';
            }
            isLineEmpty = false;
            break;
          case 'quoted':
            if (c === '"') state = 'quote-in-quoted';
            else {
              if (c === '\n') line += 1;
              value += c;
            }
            break;
          case 'quote-in-quoted':
            if (c === '"') {
              value += '"';
              state = 'quoted';
            } else if (c === ',') {
              endValue();
              state = 'start';
            } else if (c === '\r') {
              state = 'cr';
            } else {
              fail(
                '引号后面应为逗号或换行',
                'a closing quote is not followed by a comma or line end',
              );
            }
            break;
          case 'cr':
            if (c !== '\n') {
              fail('换行应为 CRLF', 'a CR is not followed by LF');
              break;
            }
            endValue();
            sink.row(values);
            values = [];
            recordLength = 0;
            line += 1;
            isLineEmpty = true;
            state = 'start';
            break;
        }
      }
    },
    end() {
      if (isFailed) return;
      if (state === 'quoted') fail('引号没有闭合', 'a quoted value is not closed', quoteLine);
      else if (!isLineEmpty || state !== 'start')
        fail('文件最后一行没有以 CRLF 结束', 'the last line does not end with CRLF');
    },
  };
}
