/**
 * Dates as departments write them, read to ISO `YYYY-MM-DD`: 2021-03-05, 2021/3/5, 2021.3.5,
 * 2021年3月5日, 20210305, an ISO date-time (the date is kept as written, no time-zone shift), and
 * Excel serial numbers when the caller says the cell held one. What cannot be read with
 * certainty (two-digit years, 3/5/2021, 202103) is refused with the reason, never guessed.
 * 2099-12-31 is an ordinary valid date (some standards write 长期 that way).
 */
import { createFinding, type Finding } from './finding.ts';
import { detectTypingSlip, reportTypingSlip } from './typing-slip.ts';

/** How to read a date cell. */
export interface DateOptions {
  /** Read a bare number as an Excel serial date (only when the cell was a number in the workbook). */
  readonly allowSerial?: boolean;
  /** The workbook uses the 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
  readonly date1904?: boolean;
}

/** A date read to its ISO form. */
export interface ParsedDate {
  readonly iso: string;
}

const timePart = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
/** 2021-03-05, 2021/3/5, 2021.3.5, each with an optional time. */
const separatedPattern = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${timePart}$`);
const cjkPattern = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const compactPattern = /^(\d{4})(\d{2})(\d{2})$/;
const twoDigitYearPattern = /^(\d{2})(?:([-/.])\d{1,2}\2\d{1,2}|年\d{1,2}月\d{1,2}日?)$/;
const twoDigitYearLastPattern = /^\d{1,2}([-/.])\d{1,2}\1(\d{2})$/;
const yearLastPattern = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[T ].*)?$/;
/** A year and month, or a year alone (a bare number only when it reads as a year: 1900-2099). */
const incompletePattern = /^(?:\d{4}(?:年|[-/.]\d{1,2}|年\d{1,2}月?)|(?:19|20)\d\d)$/;
const serialPattern = /^\d{1,7}(?:\.\d+)?$/;
const longTermWords = new Set(['长期', '长期有效', '永久', '永久有效', '无期限']);

/** The largest serial Excel shows as a date: 9999-12-31 in the 1900 system. */
const maxSerial = 2958465;
/** Days from 1970-01-01 back to the day before serial 1 (1900 system, after the 1900-02-29 bug). */
const epochOffset1900 = -25569;
/** Days from 1970-01-01 to serial 0 in the 1904 system (1904-01-01). */
const epochOffset1904 = -24107;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The ISO date, or the finding that says which part does not exist. */
function checkParts(year: number, month: number, day: number): ParsedDate | Finding {
  if (year < 1000) {
    return createFinding(
      'date-invalid',
      'error',
      `年份 ${year} 无效，应为四位年份`,
      `year ${year} is not valid; use a four-digit year`,
    );
  }
  if (month < 1 || month > 12) {
    return createFinding(
      'date-invalid',
      'error',
      `日期不存在：月份 ${month} 不在 1-12 之间`,
      `the date does not exist: month ${month} is not 1-12`,
    );
  }
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return createFinding(
      'date-invalid',
      'error',
      `日期不存在：${year}年${month}月只有${days}天，没有${day}日`,
      `the date does not exist: ${year}-${pad2(month)} has ${days} days, not ${day}`,
    );
  }
  return { iso: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** A civil date from days since 1970-01-01 (H. Hinnant's algorithm; no Date, no time zone). */
function isoFromEpochDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The date of an Excel serial number (its fraction is the time of day), or the finding for a
 * serial that names no date. In the 1900 system serial 60 is 1900-02-29, a day that never was
 * (Excel copied the bug from Lotus 1-2-3), so serials 1-59 count from 1899-12-31 and the rest
 * from 1899-12-30.
 */
function parseSerial(serial: number, date1904: boolean): ParsedDate | Finding {
  const whole = Math.floor(serial);
  if (date1904) {
    if (whole <= maxSerial - 1462) return { iso: isoFromEpochDays(whole + epochOffset1904) };
  } else if (whole === 60) {
    return createFinding(
      'date-invalid',
      'error',
      'Excel 序列号 60 对应 1900-02-29，这一天并不存在（Excel 沿用了 Lotus 1-2-3 的错误）；请核对日期',
      'Excel serial 60 is 1900-02-29, a day that never existed (a bug Excel kept from Lotus 1-2-3); check the date',
    );
  } else if (whole >= 1 && whole <= maxSerial) {
    return { iso: isoFromEpochDays(whole + epochOffset1900 + (whole < 60 ? 1 : 0)) };
  }
  return createFinding(
    'date-invalid',
    'error',
    `Excel 序列号 ${serial} 不对应任何日期`,
    `Excel serial ${serial} is not a date`,
  );
}

function checkTime(hour?: string, minute?: string, second?: string): Finding | undefined {
  if (hour === undefined || minute === undefined) return undefined;
  if (
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    (second === undefined || Number(second) <= 59)
  ) {
    return undefined;
  }
  const shown = second === undefined ? `${hour}:${minute}` : `${hour}:${minute}:${second}`;
  return createFinding(
    'date-invalid',
    'error',
    `时间 ${shown} 无效`,
    `the time ${shown} is not valid`,
  );
}

/** The number formed by the digits at [start, end) (assumes they are digits). */
function numberAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + text.charCodeAt(i) - 0x30;
  return n;
}

/** True for exactly `YYYY-MM-DD`: the fast path, no regex. */
function isIsoShape(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) {
    return false;
  }
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Refuses a day-first or month-first date; suggests the ISO date only when one reading is impossible. */
function yearLastFinding(text: string, a: number, b: number, year: number): Finding {
  const reading =
    a > 12 && b <= 12
      ? checkParts(year, b, a)
      : b > 12 && a <= 12
        ? checkParts(year, a, b)
        : undefined;
  if (reading !== undefined && 'iso' in reading) {
    return createFinding(
      'year-last',
      'error',
      `年份应写在最前：${reading.iso}`,
      `write the year first: ${reading.iso}`,
      reading.iso,
    );
  }
  return createFinding(
    'year-last',
    'error',
    `年份应写在最前（如 2021-03-05）：${text} 无法确定是${a}月${b}日还是${b}月${a}日`,
    `write the year first (e.g. 2021-03-05): ${text} may be month ${a} day ${b} or day ${a} month ${b}`,
  );
}

/** Reads the forms that are not plain dates: serials, and the refusals with their reasons. */
function parseOther(text: string, options: DateOptions): ParsedDate | Finding {
  if (longTermWords.has(text)) {
    return createFinding(
      'long-term-text',
      'error',
      `「${text}」不是日期；标准规定长期有效时填写的日期（如 2099-12-31）请按所用标准填写`,
      `"${text}" is not a date; where the standard writes "long-term" as a date (e.g. 2099-12-31), use that date`,
    );
  }
  const twoDigit = twoDigitYearPattern.exec(text);
  const twoDigitLast = twoDigit === null ? twoDigitYearLastPattern.exec(text) : null;
  if (twoDigit !== null || twoDigitLast !== null) {
    const yy = twoDigit?.[1] ?? twoDigitLast?.[2] ?? '';
    return createFinding(
      'two-digit-year',
      'error',
      `年份只有两位（${yy}），无法确定是 19${yy} 还是 20${yy}；请写全四位年份`,
      `the year has two digits (${yy}): 19${yy} or 20${yy} cannot be told; write all four digits`,
    );
  }
  const yearLast = yearLastPattern.exec(text);
  if (yearLast !== null) {
    return yearLastFinding(text, Number(yearLast[1]), Number(yearLast[3]), Number(yearLast[4]));
  }
  if (incompletePattern.test(text)) {
    return createFinding(
      'incomplete',
      'error',
      `${text} 缺少月或日，不是完整的日期；请写作 YYYY-MM-DD`,
      `${text} lacks a month or a day and is not a full date; write YYYY-MM-DD`,
    );
  }
  if (text.length === 6 && serialPattern.test(text)) {
    return createFinding(
      'ambiguous',
      'error',
      `6位数字 ${text} 无法确定是年月（YYYYMM）还是两位年份的日期（YYMMDD）；请写作 YYYY-MM-DD`,
      `the 6 digits ${text} may be a year and month (YYYYMM) or a date with a two-digit year (YYMMDD); write YYYY-MM-DD`,
    );
  }
  if (serialPattern.test(text)) {
    const serial = Number(text);
    if (options.allowSerial === true) return parseSerial(serial, options.date1904 === true);
    const probable = parseSerial(serial, false);
    const hint =
      'iso' in probable
        ? {
            zh: `（按1900日期系统为 ${probable.iso}）`,
            en: ` (${probable.iso} in the 1900 date system)`,
          }
        : { zh: '', en: '' };
    return createFinding(
      'serial-number',
      'error',
      `${text} 像是 Excel 日期序列号${hint.zh}，不是日期文本；请在 Excel 中把该列设为日期格式后重新导出，或核对原值`,
      `${text} looks like an Excel date serial${hint.en}, not a date text; format the column as a date in Excel and export again, or check the value`,
    );
  }
  const slip = detectTypingSlip(text);
  if (slip !== undefined) {
    const clean = parseDate(slip.clean, options);
    return 'iso' in clean
      ? reportTypingSlip(slip, undefined, clean.iso)
      : reportTypingSlip(slip, clean);
  }
  return createFinding(
    'format',
    'error',
    `「${text}」不是可识别的日期；请写作 YYYY-MM-DD（如 2021-03-05）`,
    `"${text}" is not a recognisable date; write YYYY-MM-DD (e.g. 2021-03-05)`,
  );
}

/**
 * Reads a trimmed date cell to ISO `YYYY-MM-DD`, or says why it cannot. Findings, all errors:
 * `empty`, `date-invalid` (2021-02-30, month 13, serial 60), `two-digit-year` (21/3/5),
 * `year-last` (3/5/2021; suggested only when one reading is impossible), `incomplete` (2021-03),
 * `ambiguous` (202103), `serial-number` (a number when serials are not allowed),
 * `long-term-text` (长期), `full-width`, `whitespace`, `format`.
 */
export function parseDate(text: string, options: DateOptions = {}): ParsedDate | Finding {
  if (isIsoShape(text)) {
    const year = numberAt(text, 0, 4);
    const month = numberAt(text, 5, 7);
    const day = numberAt(text, 8, 10);
    if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { iso: text };
    }
    return checkParts(year, month, day);
  }
  if (text.length === 0) {
    return createFinding('empty', 'error', '为空，不是日期', 'is blank, not a date');
  }
  const separated = separatedPattern.exec(text);
  if (separated !== null) {
    const time = checkTime(separated[5], separated[6], separated[7]);
    if (time !== undefined) return time;
    return checkParts(Number(separated[1]), Number(separated[3]), Number(separated[4]));
  }
  const parts = cjkPattern.exec(text) ?? compactPattern.exec(text);
  if (parts !== null) return checkParts(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  return parseOther(text, options);
}

/** Checks a trimmed date cell: undefined when parseDate can read it, else its finding. */
export function checkDate(value: string, options: DateOptions = {}): Finding | undefined {
  const parsed = parseDate(value, options);
  return 'iso' in parsed ? undefined : parsed;
}
