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
const letterC = 99;
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

/** The column of a plain cell reference (B2, $B$2): as `columnOfReference`; -1 if not one. */
function columnAt(text: string, from: number, to: number): number {
  let i = from;
  if (text.charCodeAt(i) === 36) i += 1;
  let column = 0;
  for (; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (!isLetter(code)) break;
    column = column * 26 + ((code & ~0x20) - 64);
  }
  if (column === 0) return -2;
  if (text.charCodeAt(i) === 36) i += 1;
  for (; i < to; i += 1) if (!isDigit(text.charCodeAt(i))) return -2;
  return column - 1;
}

/** A style index written in digits only; -1 if not one. */
function numberAt(text: string, from: number, to: number): number {
  if (to === from || to - from > 9) return -1;
  let number = 0;
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    number = number * 10 + (code - 48);
  }
  return number;
}

/** A cell type written in letters only (`s` and `n` without a new string); undefined if not. */
function typeAt(text: string, from: number, to: number): string | undefined {
  if (to === from) return undefined;
  for (let i = from; i < to; i += 1) if (!isLetter(text.charCodeAt(i))) return undefined;
  if (to - from === 1) {
    const code = text.charCodeAt(from);
    if (code === 115) return 's';
    if (code === 110) return 'n';
  }
  return text.slice(from, to);
}

/**
 * Reads the plain cell whose `<` is at `start` into `cell`, and returns the index after it; or
 * -1 when the element there is not a plain cell (see above), leaving `cell` to be ignored.
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
    const from = i + 1;
    const to = text.indexOf(code === doubleQuote ? '"' : "'", from);
    if (to < 0) return -1;
    if (name === letterR) {
      const column = columnAt(text, from, to);
      if (hasRef || column < 0) return -1;
      hasRef = true;
      cell.column = column;
    } else if (name === letterS) {
      const style = numberAt(text, from, to);
      if (hasStyle || style < 0) return -1;
      hasStyle = true;
      cell.style = style;
    } else {
      const type = typeAt(text, from, to);
      if (hasType || type === undefined) return -1;
      hasType = true;
      cell.type = type;
    }
    i = to + 1;
    code = text.charCodeAt(i);
    // Attributes are separated by spaces.
    if (!isSpace(code) && code !== greaterThan && code !== slash) return -1;
  }
  if (code === slash) {
    if (text.charCodeAt(i + 1) !== greaterThan) return -1;
    cell.value = '';
    return i + 2;
  }
  i += 1;
  if (text.startsWith('</c>', i)) {
    cell.value = '';
    return i + 4;
  }
  if (!text.startsWith('<v>', i)) return -1;
  const from = i + 3;
  const to = text.indexOf('<', from);
  if (to < 0 || !text.startsWith('</v></c>', to)) return -1;
  cell.value = decodeXmlText(text.slice(from, to));
  return to + 8;
}
