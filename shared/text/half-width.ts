/** Full-width ASCII forms (U+FF01-U+FF5E) and the ideographic space. */
const fullWidthPattern = /[\uFF01-\uFF5E\u3000]/;

/** True when the text has a full-width letter, digit, sign or space. */
export function hasFullWidth(text: string): boolean {
  return fullWidthPattern.test(text);
}

/** Converts full-width ASCII forms and the ideographic space to their half-width forms. */
export function toHalfWidth(text: string): string {
  if (!fullWidthPattern.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += char;
  }
  return out;
}
