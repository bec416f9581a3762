/** 行政区划代码, GB/T 2260: a 6-digit code of the current list, or a historical one with a warning. */
import { lookupDivision } from '../code-tables/divisions.ts';
import { createFinding, type Finding } from './finding.ts';
import { detectTypingSlip, reportTypingSlip } from './typing-slip.ts';

function isAllDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Why a value of the wrong length is not a 6-digit code, with a hint for the usual mix-ups. */
function lengthFinding(value: string): Finding {
  const n = value.length;
  const hint =
    n === 9 && isAllDigits(value)
      ? {
          zh: '；9位的是乡镇街道代码（GB/T 10114），前6位才是县级区划代码',
          en: '; 9 digits is a township code (GB/T 10114), whose first 6 digits are the county code',
        }
      : n === 12 && isAllDigits(value)
        ? {
            zh: '；12位的是统计用区划代码，前6位才是县级区划代码',
            en: '; 12 digits is a statistical division code, whose first 6 digits are the county code',
          }
        : n < 6 && isAllDigits(value)
          ? {
              zh: '；可能是省、市代码省略了末尾的0（如 37 应写作 370000）',
              en: '; a province or city code may have lost its trailing zeros (37 is written 370000)',
            }
          : { zh: '', en: '' };
  return createFinding(
    'length',
    'error',
    `行政区划代码应为6位数字，实为${n}位${hint.zh}`,
    `a division code has 6 digits, found ${n}${hint.en}`,
  );
}

/**
 * Checks a 行政区划代码 (GB/T 2260) given trimmed. Undefined for a code of the current list
 * (2024-12-31). Findings: `historical` (warning: abolished or renamed, with its successors),
 * `weak-source` (warning: a historical code known only from an unverified source), `unknown`,
 * `length`, `charset`, `full-width`, `whitespace` (errors). NBS statistical codes such as
 * 371771 (development zones) are not GB/T 2260 codes and are `unknown`.
 */
export function checkDivisionCode(value: string): Finding | undefined {
  const division = lookupDivision(value);
  if (division !== undefined) {
    if (division.status === 'current') return undefined;
    const label = `${division.code}（${division.name}）`;
    if (division.isWeakSource) {
      return createFinding(
        'weak-source',
        'warning',
        `${label}不是现行代码，且只见于一个未经核实的历史代码来源；请改用现行代码`,
        `${division.code} (${division.name}) is not a current code and is known only from one unverified historical source; use the current code`,
      );
    }
    const next = division.successors.join('、');
    return createFinding(
      'historical',
      'warning',
      next === ''
        ? `${label}是已撤销或更名的旧代码，不在现行行政区划代码中；请改用现行代码`
        : `${label}是已撤销或更名的旧代码，现行代码为 ${next}；请改用现行代码`,
      next === ''
        ? `${division.code} (${division.name}) is an abolished or renamed code, not in the current list; use the current code`
        : `${division.code} (${division.name}) is an abolished or renamed code; its successor is ${division.successors.join(', ')}; use the current code`,
    );
  }
  if (value.length === 0) return undefined;
  const slip = detectTypingSlip(value);
  if (slip !== undefined) return reportTypingSlip(slip, checkDivisionCode(slip.clean));
  if (value.length !== 6) return lengthFinding(value);
  for (let i = 0; i < 6; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) continue;
    return createFinding(
      'charset',
      'error',
      `行政区划代码应全为数字，第${i + 1}位实为「${value.charAt(i)}」`,
      `a division code is all digits; position ${i + 1} is "${value.charAt(i)}"`,
    );
  }
  return createFinding(
    'unknown',
    'error',
    `${value} 不是现行或历史的 GB/T 2260 行政区划代码（统计用的开发区等代码也不是）；请核对代码`,
    `${value} is not a current or historical GB/T 2260 division code (statistical codes such as development zones are not either); check the code`,
  );
}
