/**
 * The fast path of a worksheet's cells. A sheet of a million rows holds some 15 million cells,
 * nearly all written one plain way by Excel, WPS, openpyxl and SheetJS:
 * `<c r="B2" s="1" t="s"><v>13</v></c>`, or `<c r="B2" s="1"/>` for a styled empty cell. Read
 * through the tokenizer, such a cell is five events, each with its sliced name and attribute
 * text; read here, it is one pass over its characters. Anything else answers -1 and is read the
 * general way, which gives the same cell: a namespace prefix, an attribute other than `r`, `s`
 * and `t`, a value written unusually, a formula, an inline string, spaces between the tags, or
 * a cell cut by the end of the text read so far.
 */
import { decodeXmlText, isSpace } from './tokenize-xml.ts';

/** What `readPlainCell` read; one object is reused for every cell of a sheet. */
export interface PlainCell {
  /** The column of the `r` attribute (B2: 1), -1 if not written. */
  column: number;
  /** The `t` attribute (s, str, n, b, e, d), if written. */
  type: string | undefined;
  /** The `s` attribute (a style index), 0 if not written. */
  style: number;
  /** The text of `<v>`, entities decoded ('' for a cell without one). */
  value: string;
}

const greaterThan = 62;
const slash = 47;
const equals = 61;
const doubleQuote = 34;
const singleQuote = 39;
const lessThan = 60;
const ampersand = 38;
const dollar = 36;
const letterC = 99;
const letterN = 110;
const letterV = 118;
const letterR = 114;
const letterS = 115;
const letterT = 116;

function isLetter(code: number): boolean {
  const upper = code & ~0x20;
  return upper >= 65 && upper <= 90;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Reads the plain cell whose `<` is at `start` into `cell`, and returns the index after it; or
 * -1 when the element there is not a plain cell (see above), leaving `cell` to be ignored.
 * Reading past the end of `text` gives NaN, which matches no character: a cut cell is -1.
 * Written with charCodeAt alone (no indexOf, startsWith or slice but for the value): a builtin
 * call costs more than the few characters of a cell it would look at. For the same reason the
 * column is counted here rather than by `columnOfReference` on a sliced reference; a test holds
 * the two to the same answer.
 */
export function readPlainCell(text: string, start: number, cell: PlainCell): number {
  if (text.charCodeAt(start + 1) !== letterC) return -1;
  let i = start + 2;
  let code = text.charCodeAt(i);
  if (!isSpace(code) && code !== greaterThan && code !== slash) return -1;
  let hasRef = false;
  let hasType = false;
  let hasStyle = false;
  cell.column = -1;
  cell.type = undefined;
  cell.style = 0;
  for (;;) {
    while (isSpace(code)) code = text.charCodeAt((i += 1));
    if (code === greaterThan || code === slash) break;
    // An attribute: one of r, s, t, unprefixed, then `=` and a quoted plain value.
    const name = code;
    if (name !== letterR && name !== letterS && name !== letterT) return -1;
    code = text.charCodeAt((i += 1));
    while (isSpace(code)) code = text.charCodeAt((i += 1));
    if (code !== equals) return -1;
    code = text.charCodeAt((i += 1));
    while (isSpace(code)) code = text.charCodeAt((i += 1));
    if (code !== doubleQuote && code !== singleQuote) return -1;
    const quote = code;
    const from = i + 1;
    code = text.charCodeAt((i = from));
    if (name === letterR) {
      // A reference as columnOfReference reads it (B2, $B$2): letters, then digits.
      if (hasRef) return -1;
      if (code === dollar) code = text.charCodeAt((i += 1));
      let column = 0;
      while (isLetter(code)) {
        column = column * 26 + ((code & ~0x20) - 64);
        code = text.charCodeAt((i += 1));
      }
      if (column === 0) return -1;
      if (code === dollar) code = text.charCodeAt((i += 1));
      while (isDigit(code)) code = text.charCodeAt((i += 1));
      hasRef = true;
      cell.column = column - 1;
    } else if (name === letterS) {
      // A style index: digits only.
      if (hasStyle) return -1;
      let style = 0;
      while (isDigit(code) && i - from < 9) {
        style = style * 10 + (code - 48);
        code = text.charCodeAt((i += 1));
      }
      if (i === from) return -1;
      hasStyle = true;
      cell.style = style;
    } else {
      // A type: letters only; `s` and `n` without a new string.
      if (hasType) return -1;
      while (isLetter(code)) code = text.charCodeAt((i += 1));
      if (i === from) return -1;
      const first = text.charCodeAt(from);
      hasType = true;
      cell.type =
        i - from === 1 && first === letterS
          ? 's'
          : i - from === 1 && first === letterN
            ? 'n'
            : text.slice(from, i);
    }
    if (code !== quote) return -1;
    code = text.charCodeAt((i += 1));
    // Attributes are separated by spaces.
    if (!isSpace(code) && code !== greaterThan && code !== slash) return -1;
  }
  if (code === slash) {
    if (text.charCodeAt(i + 1) !== greaterThan) return -1;
    cell.value = '';
    return i + 2;
  }
  // After `>`: `</c>` (no value) or `<v>`, the value, and `</v></c>`.
  if (text.charCodeAt(i + 1) !== lessThan) return -1;
  code = text.charCodeAt(i + 2);
  if (code === slash) {
    if (text.charCodeAt(i + 3) !== letterC || text.charCodeAt(i + 4) !== greaterThan) return -1;
    cell.value = '';
    return i + 5;
  }
  if (code !== letterV || text.charCodeAt(i + 3) !== greaterThan) return -1;
  const from = i + 4;
  const length = text.length;
  let hasReference = false;
  for (i = from; i < length; i += 1) {
    code = text.charCodeAt(i);
    if (code === lessThan) break;
    if (code === ampersand) hasReference = true;
  }
  if (i >= length || !text.startsWith('</v></c>', i)) return -1;
  const value = text.slice(from, i);
  cell.value = hasReference ? decodeXmlText(value) : value;
  return i + 8;
}
