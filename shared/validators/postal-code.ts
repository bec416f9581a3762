/**
 * 邮政编码: 6 digits. The first digit is not restricted: mainland codes run from 01 to 85, but
 * forms also carry the codes used for Hong Kong, Macao and abroad, so we stay conservative.
 */
import { createFinding, type Finding } from './finding.ts';
import { detectTypingSlip, reportTypingSlip } from './typing-slip.ts';

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Checks a 邮政编码 given trimmed: exactly 6 digits. Findings: `placeholder` (warning: 000000),
 * and the errors `full-width`, `whitespace`, `charset`, `length` (5 digits: the leading 0 was
 * probably lost to a spreadsheet number).
 */
export function checkPostalCode(value: string): Finding | undefined {
  if (value.length === 6) {
    let allDigits = true;
    for (let i = 0; i < 6; i++) if (!isDigit(value.charCodeAt(i))) allDigits = false;
    if (allDigits) {
      if (value !== '000000') return undefined;
      return createFinding(
        'placeholder',
        'warning',
        '000000 不是邮政编码，多为占位；请填写实际邮政编码或留空',
        '000000 is not a postal code but a placeholder; give the real code or leave the cell blank',
      );
    }
  }
  if (value.length === 0) return undefined;
  const slip = detectTypingSlip(value);
  if (slip !== undefined) return reportTypingSlip(slip, checkPostalCode(slip.clean));
  for (let i = 0; i < value.length; i++) {
    if (isDigit(value.charCodeAt(i))) continue;
    return createFinding(
      'charset',
      'error',
      `邮政编码应为6位数字，第${i + 1}位实为「${value.charAt(i)}」`,
      `a postal code is 6 digits; position ${i + 1} is "${value.charAt(i)}"`,
    );
  }
  const lostZero =
    value.length === 5
      ? {
          zh: '；可能是表格软件把开头的 0 去掉了（如 010000 变成 10000），请核对',
          en: '; a spreadsheet may have dropped a leading 0 (010000 becomes 10000): check it',
        }
      : { zh: '', en: '' };
  return createFinding(
    'length',
    'error',
    `邮政编码应为6位数字，实为${value.length}位${lostZero.zh}`,
    `a postal code has 6 digits, found ${value.length}${lostZero.en}`,
  );
}
