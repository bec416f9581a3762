import { createFinding, type Finding } from './finding.ts';

/** A value typed with full-width characters or inner whitespace, and its clean form. */
export interface TypingSlip {
  readonly kind: 'full-width' | 'whitespace';
  /** The value with full-width forms made half-width and every whitespace removed. */
  readonly clean: string;
}

function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0xfeff
  );
}

/**
 * Finds full-width letters, digits and signs (U+FF01-U+FF5E) and whitespace (including the
 * ideographic space and zero-width characters) in a value; undefined when it has neither.
 */
export function detectTypingSlip(value: string): TypingSlip | undefined {
  let hasFullWidth = false;
  let hasWhitespace = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) hasFullWidth = true;
    else if (isWhitespace(code)) hasWhitespace = true;
  }
  if (!hasFullWidth && !hasWhitespace) return undefined;
  let clean = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) clean += String.fromCharCode(code - 0xfee0);
    else if (!isWhitespace(code)) clean += value.charAt(i);
  }
  return { kind: hasFullWidth ? 'full-width' : 'whitespace', clean };
}

/**
 * Reports a typing slip. When the clean value is still wrong, its own finding is the news;
 * otherwise the slip is an error whose suggestion is the clean value (or `suggestion`).
 */
export function reportTypingSlip(
  slip: TypingSlip,
  cleanFinding: Finding | undefined,
  suggestion: string = cleanFinding?.suggestion ?? slip.clean,
): Finding {
  if (cleanFinding !== undefined && cleanFinding.severity === 'error') return cleanFinding;
  return slip.kind === 'full-width'
    ? createFinding(
        'full-width',
        'error',
        `含有全角字符，应为半角：${suggestion}`,
        `contains full-width characters; use half-width: ${suggestion}`,
        suggestion,
      )
    : createFinding(
        'whitespace',
        'error',
        `含有空格或不可见字符，应去掉：${suggestion}`,
        `contains spaces or invisible characters; remove them: ${suggestion}`,
        suggestion,
      );
}
