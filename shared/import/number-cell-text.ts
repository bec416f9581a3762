const scientific = /^[-+]?\d+(?:\.\d+)?[eE][-+]?\d+$/;

/**
 * The text of a number cell: what the spreadsheet showed (`formatted`), except that a whole
 * number Excel showed in scientific notation but still holds exactly (at most 15 digits, such as
 * a 12-digit account number shown as `1.23457E+11`) is written out in full, so that it stays
 * exact. Longer numbers keep what was shown: their digits are already lost.
 */
export function numberCellText(value: number, formatted: string | undefined): string {
  const shown = formatted ?? String(value);
  if (
    scientific.test(shown.trim()) &&
    Number.isInteger(value) &&
    Math.abs(value) < 1e15 &&
    Math.abs(value) >= 1
  ) {
    return value.toFixed(0);
  }
  return shown;
}
