const cjk = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Tidies a header cell for use as a column name: trimmed, and a line break typed inside the
 * cell (Alt+Enter) removed between Chinese characters (`出生\n日期` -> `出生日期`) or turned
 * into a space elsewhere.
 */
export function cleanHeaderText(text: string): string {
  const trimmed = text.trim();
  if (!/[\r\n]/.test(trimmed)) return trimmed;
  return trimmed.replace(/\s*[\r\n]+\s*/g, (match: string, offset: number) => {
    const before = trimmed.charAt(offset - 1);
    const after = trimmed.charAt(offset + match.length);
    return cjk.test(before) && cjk.test(after) ? '' : ' ';
  });
}
