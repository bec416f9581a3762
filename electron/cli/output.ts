import type { SourceTable } from '../engine/import/source-table.ts';

/** Where a table's data came from, for the reports: its encoding and header row. */
export function describeTableSource(table: Pick<SourceTable, 'encoding' | 'headerRow'>): string {
  const encoding = table.encoding === undefined ? '' : `编码 ${table.encoding}，`;
  return `${encoding}${table.headerRow === 0 ? '无表头' : `表头在第 ${table.headerRow} 行`}`;
}

/** Writes one line to stdout or stderr. */
export function writeLine(line: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
  (stream === 'stdout' ? process.stdout : process.stderr).write(`${line}\n`);
}

/** Writes a JSON value to stdout as one document. */
export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Columns a character takes in a terminal: 2 for CJK and full-width forms, else 1. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const isWide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += isWide ? 2 : 1;
  }
  return width;
}

/** Pads text on the right to a terminal width, counting Chinese characters as two columns. */
export function padDisplay(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}
