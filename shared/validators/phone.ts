/**
 * Telephone numbers of mainland China: mobile numbers (11 digits, 1[3-9]...), landlines with an
 * area code (010 and 02x take 8-digit local numbers; 0xxx take 7 or 8), 400/800 numbers and
 * short service numbers (123xx, 95xxx, 96xxx).
 */
import { createFinding, type Finding } from './finding.ts';
import { createScientificNotationFinding, isScientificNotation } from './scientific-notation.ts';
import { detectTypingSlip, reportTypingSlip } from './typing-slip.ts';

/**
 * A landline: an area code (bracketed, or followed by an optional hyphen) and a local number
 * that does not start with 0 (8 digits after 010 and 02x, 7 or 8 after 0xxx), or a local number
 * alone (group 1); then an optional extension.
 */
const landlinePattern =
  /^(?:(?:\((?:010|02\d)\)|010|02\d)-?[1-9]\d{7}|(?:\(0[3-9]\d\d\)|0[3-9]\d\d)-?[1-9]\d{6,7}|([1-9]\d{6,7}))(?:(?:-|转|,|#|ext\.?|x|分机)\d{1,6})?$/i;
/** A landline whose local number has the wrong length for its area code. */
const areaWithLocalPattern = /^(?:\((010|02\d)\)-?|(010|02\d)-?)[1-9]\d{6}(?:\D.*)?$/;
/** 400 and 800 numbers: 10 digits, hyphens anywhere between groups. */
const tollFreePattern = /^[48]00(?:-?\d){7}$/;
/** Short service numbers: 123xx government hotlines, 95xxx and 96xxx service numbers. */
const servicePattern = /^(?:123\d\d|9[56]\d{3,4})$/;
/** Separators between several numbers in one cell. */
const listSeparatorPattern = /[/,;、，；]|\s+/;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** True for exactly 11 digits starting 13-19: the fast path, no regex. */
function isMobileDigits(value: string): boolean {
  if (value.length !== 11 || value.charCodeAt(0) !== 0x31) return false;
  const second = value.charCodeAt(1);
  if (second < 0x33 || second > 0x39) return false;
  for (let i = 2; i < 11; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

/** A country-code prefix on a mobile number (+86, 0086, 86), and the number without it. */
function stripCountryCode(value: string): string | undefined {
  for (const prefix of ['+86-', '+86', '0086-', '0086', '86-', '86']) {
    if (value.startsWith(prefix) && isMobileDigits(value.slice(prefix.length))) {
      return value.slice(prefix.length);
    }
  }
  return undefined;
}

/** The number with its hyphens removed, when that makes a mobile number. */
function stripHyphens(value: string): string | undefined {
  if (!value.includes('-')) return undefined;
  const digits = value.replaceAll('-', '');
  return isMobileDigits(digits) ? digits : undefined;
}

/** The finding for a value that is close to a mobile number, or undefined when it is not. */
function nearMobileFinding(value: string): Finding | undefined {
  const national = stripCountryCode(value);
  if (national !== undefined) {
    return createFinding(
      'country-code',
      'error',
      `去掉国家代码 +86，写作11位手机号码：${national}`,
      `drop the country code +86 and write the 11-digit mobile number: ${national}`,
      national,
    );
  }
  const joined = stripHyphens(value);
  if (joined !== undefined) {
    return createFinding(
      'separators',
      'error',
      `手机号码应为连续的11位数字：${joined}`,
      `a mobile number is 11 digits without separators: ${joined}`,
      joined,
    );
  }
  return undefined;
}

/**
 * Checks a mobile number (手机号码) given trimmed: 11 digits starting 13-19. Findings, all
 * errors: `scientific-notation`, `full-width`, `whitespace`, `country-code` and `separators`
 * (suggestion: the 11 digits), `landline` (a landline where a mobile is wanted), `length`,
 * `charset`, `prefix`.
 */
export function checkMobile(value: string): Finding | undefined {
  if (isMobileDigits(value) || value.length === 0) return undefined;
  if (isScientificNotation(value)) return createScientificNotationFinding(value);
  const slip = detectTypingSlip(value);
  if (slip !== undefined) return reportTypingSlip(slip, checkMobile(slip.clean));
  const near = nearMobileFinding(value);
  if (near !== undefined) return near;
  if (landlinePattern.test(value) || tollFreePattern.test(value)) {
    return createFinding(
      'landline',
      'error',
      `${value} 是固定电话或服务号码，不是手机号码；请填写11位手机号码`,
      `${value} is a landline or service number, not a mobile number; give the 11-digit mobile number`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    if (isDigit(value.charCodeAt(i))) continue;
    return createFinding(
      'charset',
      'error',
      `手机号码应为11位数字，第${i + 1}位实为「${value.charAt(i)}」`,
      `a mobile number is 11 digits; position ${i + 1} is "${value.charAt(i)}"`,
    );
  }
  if (value.length !== 11) {
    return createFinding(
      'length',
      'error',
      `手机号码应为11位数字，实为${value.length}位`,
      `a mobile number has 11 digits, found ${value.length}`,
    );
  }
  return createFinding(
    'prefix',
    'error',
    `手机号码应以 13-19 开头，实为 ${value.slice(0, 2)}；请核对号码`,
    `a mobile number starts with 13-19, found ${value.slice(0, 2)}; check the number`,
  );
}

/** The finding for a value that is no phone number at all, with the forms that are. */
function formatFinding(value: string): Finding {
  if (areaWithLocalPattern.test(value)) {
    return createFinding(
      'format',
      'error',
      '区号 010、02x 后的本地号码应为8位；请核对号码',
      'after the area codes 010 and 02x the local number has 8 digits; check the number',
    );
  }
  return createFinding(
    'format',
    'error',
    '不是有效的电话号码：应为11位手机号码，或带区号的固定电话（如 0530-1234567），或 400/800 号码',
    'not a valid phone number: give an 11-digit mobile number, a landline with its area code (e.g. 0530-1234567), or a 400/800 number',
  );
}

/** True for a form checkPhone accepts without any finding. */
function isPhone(value: string): boolean {
  if (isMobileDigits(value) || tollFreePattern.test(value) || servicePattern.test(value)) {
    return true;
  }
  const match = landlinePattern.exec(value);
  return match !== null && match[1] === undefined;
}

/**
 * Checks a telephone number (联系电话) given trimmed: a mobile number, a landline with its area
 * code (0530-1234567, 05301234567, (0530)1234567, with an extension -801 or 转801), a 400/800
 * number, or a short service number (12345, 95588). Findings: `missing-area-code` (warning: a
 * 7-8 digit local number), and the errors `scientific-notation`, `full-width`, `whitespace`,
 * `country-code`, `separators`, `multiple-numbers`, `format`.
 */
export function checkPhone(value: string): Finding | undefined {
  if (value.length === 0 || isPhone(value)) return undefined;
  if (isScientificNotation(value)) return createScientificNotationFinding(value);
  if (landlinePattern.test(value)) {
    return createFinding(
      'missing-area-code',
      'warning',
      `${value} 没有区号；请补上区号（如 0530-${value}）`,
      `${value} has no area code; add it (e.g. 0530-${value})`,
    );
  }
  const near = nearMobileFinding(value);
  if (near !== undefined) return near;
  const parts = value.split(listSeparatorPattern).filter((part) => part !== '');
  if (parts.length > 1 && parts.every((part) => checkPhone(part)?.severity !== 'error')) {
    return createFinding(
      'multiple-numbers',
      'error',
      `一个单元格里有${parts.length}个号码；标准字段只填一个号码，其余请另存`,
      `the cell holds ${parts.length} numbers; the standard field holds one, keep the others elsewhere`,
    );
  }
  const slip = detectTypingSlip(value);
  if (slip !== undefined) return reportTypingSlip(slip, checkPhone(slip.clean));
  return formatFinding(value);
}
