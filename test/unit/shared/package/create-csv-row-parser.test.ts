import { describe, expect, it } from 'vitest';
import {
  createCsvRowParser,
  type CsvLimits,
} from '../../../../shared/package/create-csv-row-parser.ts';
import { serializeCsvRow } from '../../../../shared/package/serialize-csv-row.ts';

function parse(
  pieces: readonly string[],
  limits?: CsvLimits,
): { rows: string[][]; problems: string[] } {
  const rows: string[][] = [];
  const problems: string[] = [];
  const parser = createCsvRowParser(
    {
      row: (values) => rows.push(values),
      problem: (line, message) => problems.push(`${line}: ${message.en}`),
    },
    limits,
  );
  for (const piece of pieces) parser.feed(piece);
  parser.end();
  return { rows, problems };
}

describe('serializeCsvRow and createCsvRowParser', () => {
  it('read back exactly what was written, however the text is cut', () => {
    const rows = [
      ['GMSFHM', 'XM', 'HJDZ'],
      ['371702199003071234', '张三', '山东省菏泽市,牡丹区'],
      ['', 'say "hi"', 'line1\r\nline2'],
      ['', '', ''],
    ];
    const text = rows.map(serializeCsvRow).join('');
    expect(text.startsWith('GMSFHM,XM,HJDZ\r\n')).toBe(true);
    for (const size of [1, 2, 3, 7, text.length]) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      expect(parse(pieces)).toEqual({ rows, problems: [] });
    }
  });

  it('reports what it does not accept, with the line', () => {
    expect(parse(['a,b\nc,d\r\n']).problems).toEqual(['1: a line ends with LF instead of CRLF']);
    expect(parse(['a,b\r\nc,"d\r\n']).problems).toEqual(['2: a quoted value is not closed']);
    expect(parse(['a,b\r\nc,d']).problems).toEqual(['2: the last line does not end with CRLF']);
    expect(parse(['a,b"c\r\n']).problems).toEqual(['1: a quote inside an unquoted value']);
  });

  it('stops at a value or a line longer than its limit, and says which', () => {
    const limits = { maxValueLength: 5, maxLineLength: 12 };
    expect(parse(['a,12345\r\n"12345"\r\n'], limits)).toEqual({
      rows: [['a', '12345'], ['12345']],
      problems: [],
    });
    expect(parse(['a\r\n123', '456,b\r\nc\r\n'], limits)).toEqual({
      rows: [['a']],
      problems: ['2: a value is longer than 5 characters'],
    });
    expect(parse(['a\r\n1,2,3,4,5,6,7\r\n'], limits)).toEqual({
      rows: [['a']],
      problems: ['2: a line is longer than 12 characters'],
    });
    expect(parse(['1,2,3,4,5,\r\n'], limits).problems).toEqual([]);
  });
});
