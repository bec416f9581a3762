/** The column letters a spreadsheet shows for a 0-based column index (0 -> A, 26 -> AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The 0-based column index of column letters (A -> 0), or -1 when they are not letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i += 1) {
    const code = letters.charCodeAt(i) & ~0x20;
    if (code < 65 || code > 90) return -1;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** Parses a cell reference such as `B12` into a 1-based row and a 0-based column. */
export function parseCellReference(ref: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (match === null) return undefined;
  const column = columnIndex(match[1] ?? '');
  const row = Number(match[2]);
  if (column < 0 || row < 1) return undefined;
  return { row, column };
}

/**
 * The 0-based column of a cell reference such as `AB12`, read without a regular expression
 * (it runs once per cell of a million-row sheet); -1 when the reference has no letters.
 */
export function columnOfReference(ref: string): number {
  let n = 0;
  let i = 0;
  if (ref.charCodeAt(0) === 36) i = 1;
  for (; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i) & ~0x20;
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}
