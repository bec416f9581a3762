/**
 * Values a spreadsheet may run as a formula when someone opens the package CSV in Excel or WPS
 * (CSV injection): those that start with `=`, `+`, `-` or `@`, their full-width forms
 * (＝＋－＠, which some tools fold to half-width on the way), or a tab or carriage return (Excel
 * skips it and reads what follows). The package keeps such values byte-exact, as the data is;
 * the validation report warns about them, and the 开放 masks never produce one.
 *
 * A plain number with a sign (`-12.5`, `+3`, `-1e5`) is data, not a formula: Excel reads it as
 * the same number and runs nothing, and negative amounts are common in the data, so it is not
 * flagged. Written by hand: the rule is one character class and one number pattern, and the
 * CSV libraries in the lock file only escape on write (which would change the bytes).
 */
import { toHalfWidth } from './half-width.ts';

const formulaStart = /^[=+\-@＝＋－＠\t\r]/;
const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when the value starts with a formula sign (`=+-@`, full-width or not) or a tab or CR. */
export function startsWithFormulaSign(value: string): boolean {
  return formulaStart.test(value);
}

/** True when a spreadsheet opening the value from a CSV cell may take it for a formula. */
export function isFormulaLike(value: string): boolean {
  if (!formulaStart.test(value)) return false;
  return !plainNumber.test(toHalfWidth(value));
}
