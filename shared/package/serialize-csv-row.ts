const needsQuotes = /[",\r\n]/;

/**
 * One CSV record (RFC 4180) with its CRLF: a value with a comma, quote or line break is quoted
 * and its quotes doubled; everything else is written as it is, so the bytes follow the values.
 */
export function serializeCsvRow(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as string;
    if (i > 0) line += ',';
    line += needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }
  return `${line}\r\n`;
}
