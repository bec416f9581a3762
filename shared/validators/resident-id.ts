/**
 * 公民身份号码, GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence (odd
 * = male) and a MOD 11-2 check character; plus the 15-digit numbers of GB 11643-1989.
 * The valid path reads character codes only: it cuts no substring and builds no object.
 */
import { lookupDivisionByNumber } from '../code-tables/divisions.ts';
import { createFinding, type Finding } from './finding.ts';
import { createScientificNotationFinding, isScientificNotation } from './scientific-notation.ts';
import { detectTypingSlip, reportTypingSlip } from './typing-slip.ts';

/** What a valid resident ID says about its holder. */
export interface ResidentIdFacts {
  /** The 6-digit address code (地址码). */
  readonly area: string;
  /** The birth date, `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** From the parity of the sequence code's last digit. */
  readonly sex: 'male' | 'female';
}

/** What checkResidentId needs besides the value. */
export interface ResidentIdContext {
  /** Today as `YYYY-MM-DD`: a birth date after it is an error. */
  readonly today: string;
}

const checkCharacters = '10X98765432';
const zero = 0x30;
const upperX = 0x58;
const lowerX = 0x78;
/** The earliest birth date we accept (our bound, not the standard's). */
const earliestBirth = 19000101;
const body17Pattern = /^\d{17}$/;
const legacyPattern = /^\d{15}$/;

function isDigit(code: number): boolean {
  return code >= zero && code <= zero + 9;
}

/** The digit at a position (assumes it is one). */
function digitAt(value: string, i: number): number {
  return value.charCodeAt(i) - zero;
}

/** The number formed by `length` digits from `start` (assumes they are digits). */
function numberAt(value: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) n = n * 10 + digitAt(value, i);
  return n;
}

/**
 * The character code of the MOD 11-2 check character of the 17 digits at the start of `body`.
 * The weights 2^(18-i) mod 11 (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2) are applied by Horner's
 * rule: doubling the running sum once per digit, and once more at the end.
 */
function checkCharCode(body: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum = (sum * 2 + digitAt(body, i)) % 11;
  return checkCharacters.charCodeAt((sum * 2) % 11);
}

/** The MOD 11-2 check character (`0`-`9` or `X`) of a 17-digit body. */
export function residentIdCheckCharacter(body17: string): string {
  if (!body17Pattern.test(body17)) throw new Error(`not a 17-digit body: ${body17}`);
  return String.fromCharCode(checkCharCode(body17));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYYMMDD` as a number from a `YYYY-MM-DD` text. */
function parseToday(today: string): number {
  if (today.length !== 10 || today.charCodeAt(4) !== 0x2d || today.charCodeAt(7) !== 0x2d) {
    throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  }
  return numberAt(today, 0, 4) * 10000 + numberAt(today, 5, 2) * 100 + numberAt(today, 8, 2);
}

function isoDate(yyyymmdd: number): string {
  const text = String(yyyymmdd).padStart(8, '0');
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Converts a 15-digit number (GB 11643-1989) to 18 digits: `19` after the area, then a check. */
export function convertResidentId15To18(value: string): string {
  if (!legacyPattern.test(value)) throw new Error(`not a 15-digit resident ID: ${value}`);
  const body = `${value.slice(0, 6)}19${value.slice(6)}`;
  return body + String.fromCharCode(checkCharCode(body));
}

/**
 * Reads a resident ID that has the right form, check character and a real birth date (the
 * area code and today are not consulted). An 18-digit number may end in lowercase `x`.
 */
export function parseResidentId(value: string): ResidentIdFacts | undefined {
  let birth: number;
  let sequenceEnd: number;
  if (value.length === 18) {
    for (let i = 0; i < 17; i++) if (!isDigit(value.charCodeAt(i))) return undefined;
    const last = value.charCodeAt(17);
    const expected = checkCharCode(value);
    if (last !== expected && !(last === lowerX && expected === upperX)) return undefined;
    birth = numberAt(value, 6, 8);
    sequenceEnd = digitAt(value, 16);
  } else if (value.length === 15) {
    for (let i = 0; i < 15; i++) if (!isDigit(value.charCodeAt(i))) return undefined;
    birth = 19000000 + numberAt(value, 6, 6);
    sequenceEnd = digitAt(value, 14);
  } else {
    return undefined;
  }
  const year = Math.floor(birth / 10000);
  if (!isRealDate(year, Math.floor(birth / 100) % 100, birth % 100)) return undefined;
  return {
    area: value.slice(0, 6),
    birthDate: isoDate(birth),
    sex: sequenceEnd % 2 === 1 ? 'male' : 'female',
  };
}

/** Explains why a birth date is not real, e.g. `1990年2月没有30日`. */
function unrealDateFinding(year: number, month: number, day: number, shown: string): Finding {
  if (month < 1 || month > 12) {
    return createFinding(
      'birth-date-invalid',
      'error',
      `出生日期 ${shown} 不存在：月份 ${month} 不在 1-12 之间；请核对号码`,
      `birth date ${shown} does not exist: month ${month} is not 1-12; check the number`,
    );
  }
  return createFinding(
    'birth-date-invalid',
    'error',
    `出生日期 ${shown} 不存在：${year}年${month}月没有${day}日；请核对号码`,
    `birth date ${shown} does not exist: ${year}-${String(month).padStart(2, '0')} has no day ${day}; check the number`,
  );
}

/** The birth-date finding for `YYYYMMDD`, or undefined when the date is real and not future. */
function checkBirth(birth: number, today: string): Finding | undefined {
  const year = Math.floor(birth / 10000);
  const month = Math.floor(birth / 100) % 100;
  const day = birth % 100;
  const shown = String(birth).padStart(8, '0');
  if (!isRealDate(year, month, day)) return unrealDateFinding(year, month, day, shown);
  if (birth < earliestBirth) {
    return createFinding(
      'birth-date-too-early',
      'error',
      `出生日期 ${isoDate(birth)} 早于 1900-01-01；请核对号码`,
      `birth date ${isoDate(birth)} is before 1900-01-01; check the number`,
    );
  }
  if (birth > parseToday(today)) {
    return createFinding(
      'birth-date-future',
      'error',
      `出生日期 ${isoDate(birth)} 晚于今天（${today}）；请核对号码`,
      `birth date ${isoDate(birth)} is after today (${today}); check the number`,
    );
  }
  return undefined;
}

/**
 * The area-code finding: undefined for a current or historical GB/T 2260 code and for the
 * special prefixes (810000 Hong Kong, 820000 Macao and 830000 Taiwan residence permits;
 * 9 + province + nationality for the 2023 foreign permanent resident ID card).
 */
function checkArea(value: string): Finding | undefined {
  const area = numberAt(value, 0, 6);
  if (area === 830000) return undefined;
  if (area >= 900000) {
    const province = lookupDivisionByNumber(Math.floor((area % 100000) / 1000) * 10000);
    if (province !== undefined && province.level === 'province' && province.status === 'current') {
      return undefined;
    }
  } else {
    const division = lookupDivisionByNumber(area);
    if (division !== undefined) {
      if (!division.isWeakSource) return undefined;
      return createFinding(
        'area-weak-source',
        'warning',
        `地址码 ${division.code}（${division.name}）只见于一个未经核实的历史代码来源，请核对号码`,
        `address code ${division.code} (${division.name}) is known only from one unverified source of historical codes; check the number`,
      );
    }
  }
  const code = value.slice(0, 6);
  return createFinding(
    'area-unknown',
    'error',
    `地址码 ${code} 不是现行或历史的 GB/T 2260 行政区划代码；请核对号码`,
    `address code ${code} is not a current or historical GB/T 2260 division code; check the number`,
  );
}

/**
 * Explains the first character that may not stand where it is. `X` is a check character, so
 * it may stand only at position 18, and never in a 15-digit number.
 */
function charsetFinding(value: string): Finding | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isDigit(code)) continue;
    const isX = code === upperX || code === lowerX;
    if (isX && i === 17 && value.length !== 15) continue;
    const char = value.charAt(i);
    if (isX && value.length === 15) {
      return createFinding(
        'charset',
        'error',
        `15位旧号码没有校验码，应全为数字，第${i + 1}位不能是「${char}」`,
        `a 15-digit legacy number has no check character and is all digits; position ${i + 1} cannot be "${char}"`,
      );
    }
    if (isX) {
      return createFinding(
        'charset',
        'error',
        `只有第18位（校验码）可以是 X，第${i + 1}位不能是「${char}」`,
        `only position 18 (the check character) may be X; position ${i + 1} cannot be "${char}"`,
      );
    }
    return createFinding(
      'charset',
      'error',
      `第${i + 1}位应为数字，实为「${char}」`,
      `position ${i + 1} should be a digit, found "${char}"`,
    );
  }
  return undefined;
}

/** True when the first `length` characters are digits. */
function hasDigits(value: string, length: number): boolean {
  for (let i = 0; i < length; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

/** Checks 18 characters whose first 17 are digits and whose last is a digit, X or x. */
function check18(value: string, today: string): Finding | undefined {
  const last = value.charCodeAt(17);
  const expected = checkCharCode(value);
  const isLowerX = last === lowerX && expected === upperX;
  if (last !== expected && !isLowerX) {
    if (last === zero && value.charCodeAt(16) === zero && value.charCodeAt(15) === zero) {
      return createFinding(
        'float-mangled',
        'error',
        '末三位是 000 且校验码不符：多半是表格软件把号码当成数字存储，丢失了后几位，无法恢复；请向提供单位索取原始号码，并把该列设为文本格式',
        'ends in 000 and the check character is wrong: most likely a spreadsheet stored the number as a float and lost its last digits, which cannot be recovered; ask the provider for the original number and format the column as text',
      );
    }
    const want = String.fromCharCode(expected);
    const found = value.charAt(17);
    return createFinding(
      'checksum',
      'error',
      `校验码错误：第18位应为 ${want}，实为 ${found}；请核对号码，不要只改校验码`,
      `check character wrong: position 18 should be ${want}, found ${found}; check the whole number, do not just change the check character`,
    );
  }
  const birth = checkBirth(numberAt(value, 6, 8), today);
  if (birth !== undefined) return birth;
  const area = checkArea(value);
  if (area !== undefined && area.severity === 'error') return area;
  if (isLowerX) {
    const upper = value.slice(0, 17) + 'X';
    return createFinding(
      'lowercase-x',
      'error',
      `末位校验码应为大写 X：${upper}`,
      `the check character must be an uppercase X: ${upper}`,
      upper,
    );
  }
  return area;
}

/** Checks 15 digits. */
function check15(value: string, today: string): Finding | undefined {
  const birth = checkBirth(19000000 + numberAt(value, 6, 6), today);
  if (birth !== undefined) return birth;
  const area = checkArea(value);
  if (area !== undefined && area.severity === 'error') return area;
  const converted = convertResidentId15To18(value);
  return createFinding(
    'legacy-15',
    'warning',
    `是15位旧号码（GB 11643-1989），应升级为18位：${converted}`,
    `is a 15-digit legacy number (GB 11643-1989); the 18-digit number is ${converted}`,
    converted,
  );
}

/**
 * Checks a 公民身份号码 (GB 11643) given trimmed. Undefined when the value is an 18-character
 * number with a correct check character, a real birth date between 1900-01-01 and today and a
 * known address code. Findings: `scientific-notation`, `float-mangled`, `full-width`,
 * `whitespace`, `length`, `charset`, `checksum`, `birth-date-invalid`, `birth-date-too-early`,
 * `birth-date-future`, `area-unknown`, `lowercase-x` (errors); `area-weak-source` and
 * `legacy-15` (warnings; a 15-digit number's suggestion is its 18-digit form). Blank is fine here:
 * `required` owns blanks.
 */
export function checkResidentId(value: string, context: ResidentIdContext): Finding | undefined {
  if (value.length === 18 && hasDigits(value, 17)) {
    const last = value.charCodeAt(17);
    if (isDigit(last) || last === upperX || last === lowerX) return check18(value, context.today);
  } else if (value.length === 15 && hasDigits(value, 15)) {
    return check15(value, context.today);
  } else if (value.length === 0) {
    return undefined;
  }
  if (isScientificNotation(value)) return createScientificNotationFinding(value);
  const slip = detectTypingSlip(value);
  if (slip !== undefined) return reportTypingSlip(slip, checkResidentId(slip.clean, context));
  if (value.length === 18 || value.length === 15) {
    const charset = charsetFinding(value);
    if (charset !== undefined) return charset;
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!isDigit(code) && code !== upperX && code !== lowerX) return charsetFinding(value);
  }
  return createFinding(
    'length',
    'error',
    `长度应为18位（旧号码为15位），实为${value.length}位`,
    `should have 18 characters (15 for a legacy number), found ${value.length}`,
  );
}
