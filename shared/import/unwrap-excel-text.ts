const formulaText = /^="((?:[^"]|"")*)"$/s;

/**
 * Unwraps the `="0123"` trick that exports use so that Excel keeps leading zeros and long
 * digit strings as text: the cell shows `0123`, so that is its value.
 */
export function unwrapExcelText(value: string): string {
  const match = formulaText.exec(value);
  return match === null ? value : (match[1] ?? '').replace(/""/g, '"');
}
