/**
 * 统一社会信用代码, GB 32100-2015: registration authority (1), entity type (2), GB/T 2260
 * division of the registering authority (3-8), the GB 11714 organization code (9-17) and a
 * MOD 31 check character (18), over the 31 characters 0-9 and A-Y without I, O, Z, S and V.
 *
 * Decisions:
 * - A wrong check character is an error even for the early pilot-region codes that hutool notes
 *   do not conform (91350211M00013FA1N): nothing in the code tells a pilot code from a typo, and
 *   a reviewer can record an exemption for a code confirmed on 国家企业信用信息公示系统. The
 *   message says so.
 * - The embedded organization code must pass its GB 11714 check (a strict reading the reference
 *   allows; every published valid example passes it).
 * - Region 100000 is accepted: it is not in GB/T 2260 but is the region of credit codes issued by
 *   central-level authorities (e.g. 11100000...). This fact is recalled, not from the reference.
 * - `00000000000000000X` is an error with its own code `placeholder`: it is not a credit code,
 *   and only the 双公示 standards accept it (an individual business without one). Packs that
 *   accept it list it in the field's `formatExceptions`, so the validator never sees it there.
 */
import { lookupDivisionByNumber } from '../code-tables/divisions.ts';
import { lookupUsccAuthority, lookupUsccEntityType } from '../code-tables/uscc-entity-types.ts';
import { createFinding, type Finding } from './finding.ts';
import { orgCodeCheckCharCode } from './org-code.ts';
import { createScientificNotationFinding, isScientificNotation } from './scientific-notation.ts';
import { detectTypingSlip, reportTypingSlip } from './typing-slip.ts';

const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Character code -> value in the credit-code alphabet, -1 outside it. */
const charValues = new Int8Array(128).fill(-1);
for (let i = 0; i < charset.length; i++) charValues[charset.charCodeAt(i)] = i;

/** The placeholder the 双公示 standard allows for an individual business without a credit code. */
export const creditCodePlaceholder = '00000000000000000X';

/** Central-level registrations use region 100000, which GB/T 2260 does not list. */
const centralRegion = 100000;

function valueOf(code: number): number {
  return code < 128 ? (charValues[code] ?? -1) : -1;
}

/**
 * The character code of the MOD 31 check character of the 17 characters at the start of
 * `value`, or -1 when one is outside the alphabet. The weights 3^(i-1) mod 31 are applied by
 * Horner's rule from the right.
 */
function checkCharCode(value: string): number {
  let sum = 0;
  for (let i = 16; i >= 0; i--) {
    const v = valueOf(value.charCodeAt(i));
    if (v < 0) return -1;
    sum = (sum * 3 + v) % 31;
  }
  return charset.charCodeAt((31 - sum) % 31);
}

/** The MOD 31 check character of a 17-character body. */
export function creditCodeCheckCharacter(body17: string): string {
  const code = body17.length === 17 ? checkCharCode(body17) : -1;
  if (code < 0) throw new Error(`not a 17-character credit code body: ${body17}`);
  return String.fromCharCode(code);
}

function isInAlphabet(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (valueOf(value.charCodeAt(i)) < 0) return false;
  return true;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAllDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

/** The region finding for positions 3-8, or undefined when they are a known division code. */
function checkRegion(value: string): Finding | undefined {
  let region = 0;
  for (let i = 2; i < 8; i++) {
    const code = value.charCodeAt(i);
    if (!isDigit(code)) {
      return createFinding(
        'region-format',
        'error',
        `第3-8位是登记管理机关的行政区划代码，应为数字，第${i + 1}位实为「${value.charAt(i)}」；请核对代码`,
        `positions 3-8 are the division code of the registering authority and must be digits; position ${i + 1} is "${value.charAt(i)}"; check the code`,
      );
    }
    region = region * 10 + code - 0x30;
  }
  if (region === centralRegion) return undefined;
  const division = lookupDivisionByNumber(region);
  const shown = value.slice(2, 8);
  if (division === undefined) {
    return createFinding(
      'region-unknown',
      'error',
      `第3-8位 ${shown} 不是现行或历史的 GB/T 2260 行政区划代码；请核对代码`,
      `positions 3-8 (${shown}) are not a current or historical GB/T 2260 division code; check the code`,
    );
  }
  if (!division.isWeakSource) return undefined;
  return createFinding(
    'region-weak-source',
    'warning',
    `第3-8位 ${shown}（${division.name}）只见于一个未经核实的历史代码来源，请核对代码`,
    `positions 3-8 (${shown}, ${division.name}) are known only from one unverified source of historical codes; check the code`,
  );
}

/** The finding for the placeholder code (see the decisions above). */
function placeholderFinding(): Finding {
  return createFinding(
    'placeholder',
    'error',
    `是占位代码 ${creditCodePlaceholder}，不是统一社会信用代码；只有双公示标准允许没有代码的个体工商户这样填写，请填写主体的统一社会信用代码`,
    `is the placeholder ${creditCodePlaceholder}, not a credit code; only the 双公示 standards allow it, for an individual business without a code: give the entity's credit code`,
  );
}

/** Checks 18 characters of the alphabet. */
function checkWellFormed(value: string): Finding | undefined {
  const expected = checkCharCode(value);
  const last = value.charCodeAt(17);
  if (expected !== last) {
    if (value === creditCodePlaceholder) return placeholderFinding();
    if (last === 0x30 && value.endsWith('000') && isAllDigits(value)) {
      return createFinding(
        'float-mangled',
        'error',
        '末三位是 000 且校验码不符：多半是表格软件把代码当成数字存储，丢失了后几位，无法恢复；请向提供单位索取原始代码，并把该列设为文本格式',
        'ends in 000 and the check character is wrong: most likely a spreadsheet stored the code as a float and lost its last digits, which cannot be recovered; ask the provider for the original code and format the column as text',
      );
    }
    const want = String.fromCharCode(expected);
    const found = value.charAt(17);
    return createFinding(
      'checksum',
      'error',
      `校验码错误：第18位应为 ${want}，实为 ${found}；请核对代码（早期试点地区个别代码不符合标准，如经国家企业信用信息公示系统核实无误，可由审核人登记豁免）`,
      `check character wrong: position 18 should be ${want}, found ${found}; check the code (a few early pilot-region codes do not follow the standard: if the code is confirmed on the national enterprise credit system, a reviewer can record an exemption)`,
    );
  }
  const authority = value.charCodeAt(0);
  const authorityName = lookupUsccAuthority(authority);
  if (authorityName === undefined) {
    return createFinding(
      'authority-unknown',
      'error',
      `第1位登记管理部门代码「${value.charAt(0)}」未定义（应为 1-9、A、N 或 Y）；请核对代码`,
      `the registration authority code (position 1) "${value.charAt(0)}" is not defined (use 1-9, A, N or Y); check the code`,
    );
  }
  if (lookupUsccEntityType(authority, value.charCodeAt(1)) === undefined) {
    return createFinding(
      'authority-type-unknown',
      'error',
      `第2位机构类别代码「${value.charAt(1)}」不是登记管理部门「${value.charAt(0)}」（${authorityName}）的类别；请核对代码`,
      `the entity type code (position 2) "${value.charAt(1)}" is not defined for registration authority "${value.charAt(0)}" (${authorityName}); check the code`,
    );
  }
  const region = checkRegion(value);
  if (region !== undefined && region.severity === 'error') return region;
  const orgCheck = orgCodeCheckCharCode(value, 8);
  if (orgCheck !== value.charCodeAt(16)) {
    const want = String.fromCharCode(orgCheck);
    return createFinding(
      'embedded-org-code',
      'error',
      `第9-17位的组织机构代码 ${value.slice(8, 16)}-${value.charAt(16)} 校验不通过：其校验码（第17位）应为 ${want}；请核对代码`,
      `the organization code in positions 9-17 (${value.slice(8, 16)}-${value.charAt(16)}) fails its own check: position 17 should be ${want}; check the code`,
    );
  }
  return region;
}

function hasLowercase(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return true;
  }
  return false;
}

/**
 * Checks a 统一社会信用代码 (GB 32100) given trimmed. Findings: `placeholder`,
 * `scientific-notation`, `float-mangled`, `full-width`, `whitespace`, `lowercase` (suggestion:
 * upper-case), `length`, `charset`, `checksum`, `authority-unknown`, `authority-type-unknown`,
 * `region-format`, `region-unknown`, `embedded-org-code` (errors), `region-weak-source` (warning).
 */
export function checkCreditCode(value: string): Finding | undefined {
  if (value.length === 18 && isInAlphabet(value)) return checkWellFormed(value);
  if (value.length === 0) return undefined;
  if (isScientificNotation(value)) return createScientificNotationFinding(value);
  const slip = detectTypingSlip(value);
  if (slip !== undefined) return reportTypingSlip(slip, checkCreditCode(slip.clean));
  if (hasLowercase(value)) {
    const upper = value.toUpperCase();
    const finding = checkCreditCode(upper);
    if (finding !== undefined && finding.severity === 'error' && upper !== creditCodePlaceholder) {
      return finding;
    }
    return createFinding(
      'lowercase',
      'error',
      `字母应为大写：${upper}`,
      `letters must be uppercase: ${upper}`,
      upper,
    );
  }
  if (value.length !== 18) {
    const hint =
      value.length === 15
        ? {
            zh: '；15位的多为旧的工商注册号，不是统一社会信用代码',
            en: '; 15 characters is usually an old business registration number, not a credit code',
          }
        : value.length === 9 || value.length === 10
          ? {
              zh: '；9位（或带连字符10位）的多为组织机构代码',
              en: '; 9 characters (10 with a hyphen) is usually an organization code',
            }
          : { zh: '', en: '' };
    return createFinding(
      'length',
      'error',
      `长度应为18位，实为${value.length}位${hint.zh}`,
      `should have 18 characters, found ${value.length}${hint.en}`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    if (valueOf(value.charCodeAt(i)) >= 0) continue;
    const char = value.charAt(i);
    return createFinding(
      'charset',
      'error',
      `第${i + 1}位「${char}」不是统一社会信用代码的字符（数字和大写字母，不用 I、O、Z、S、V）；请核对代码`,
      `position ${i + 1} "${char}" is not a credit-code character (digits and uppercase letters except I, O, Z, S and V); check the code`,
    );
  }
  return undefined;
}
