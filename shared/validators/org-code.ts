/**
 * 组织机构代码, GB 11714-1997: 8 body characters (digits or uppercase letters) and a check
 * character, printed `XXXXXXXX-X`; both that form and the 9 characters without the hyphen pass.
 */
import { createFinding, type Finding } from './finding.ts';
import { detectTypingSlip, reportTypingSlip } from './typing-slip.ts';

const hyphen = 0x2d;
const upperX = 0x58;

/** The value of a body character: 0-9, A=10 ... Z=35; -1 for anything else. */
function bodyValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41 + 10;
  return -1;
}

/**
 * The character code of the check character of the 8 body characters at `start`, or -1 when
 * one is not a digit or uppercase letter. The weights 3 7 9 10 5 8 4 2 are 3·6^(i-1) mod 11,
 * applied by Horner's rule from the right.
 */
export function orgCodeCheckCharCode(value: string, start: number): number {
  let sum = 0;
  for (let i = start + 7; i >= start; i--) {
    const v = bodyValue(value.charCodeAt(i));
    if (v < 0) return -1;
    sum = (sum * 6 + v) % 11;
  }
  const check = 11 - ((sum * 3) % 11);
  if (check === 10) return upperX;
  return 0x30 + (check === 11 ? 0 : check);
}

/** The check character (`0`-`9` or `X`) of an 8-character body. */
export function orgCodeCheckCharacter(body8: string): string {
  const code = body8.length === 8 ? orgCodeCheckCharCode(body8, 0) : -1;
  if (code < 0) throw new Error(`not an 8-character organization code body: ${body8}`);
  return String.fromCharCode(code);
}

/** Checks the body and check character of a 9- or 10-character (hyphenated) value. */
function checkWellFormed(value: string): Finding | undefined {
  const expected = orgCodeCheckCharCode(value, 0);
  const last = value.charCodeAt(value.length - 1);
  if (expected === last) return undefined;
  const want = String.fromCharCode(expected);
  const found = value.charAt(value.length - 1);
  return createFinding(
    'checksum',
    'error',
    `校验码错误：最后一位应为 ${want}，实为 ${found}；请核对代码`,
    `check character wrong: the last character should be ${want}, found ${found}; check the code`,
  );
}

function isWellFormed(value: string): boolean {
  const n = value.length;
  if (n !== 9 && !(n === 10 && value.charCodeAt(8) === hyphen)) return false;
  for (let i = 0; i < 8; i++) if (bodyValue(value.charCodeAt(i)) < 0) return false;
  const last = value.charCodeAt(n - 1);
  return (last >= 0x30 && last <= 0x39) || last === upperX;
}

function hasLowercase(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return true;
  }
  return false;
}

/**
 * Checks a 组织机构代码 (GB 11714) given trimmed, with or without the hyphen (`D2143569-X`,
 * `D2143569X`). Findings, all errors: `full-width`, `whitespace`, `lowercase` (suggestion:
 * upper-case), `length`, `format` (a hyphen out of place), `charset`, `checksum`.
 */
export function checkOrgCode(value: string): Finding | undefined {
  if (isWellFormed(value)) return checkWellFormed(value);
  if (value.length === 0) return undefined;
  const slip = detectTypingSlip(value);
  if (slip !== undefined) return reportTypingSlip(slip, checkOrgCode(slip.clean));
  if (hasLowercase(value)) {
    const upper = value.toUpperCase();
    const finding = checkOrgCode(upper);
    if (finding !== undefined) return finding;
    return createFinding(
      'lowercase',
      'error',
      `字母应为大写：${upper}`,
      `letters must be uppercase: ${upper}`,
      upper,
    );
  }
  const hyphenAt = value.indexOf('-');
  const bare = hyphenAt < 0 ? value : value.replace('-', '');
  if (hyphenAt >= 0 && hyphenAt !== 8) {
    if (hyphenAt === value.length - 2 && !bare.includes('-')) {
      return createFinding(
        'length',
        'error',
        `连字符前的本体应为8位，实为${hyphenAt}位`,
        `the part before the hyphen should have 8 characters, found ${hyphenAt}`,
      );
    }
    return createFinding(
      'format',
      'error',
      '连字符位置不对：应写作 XXXXXXXX-X（8位本体、连字符、1位校验码）或不带连字符的9位',
      'hyphen out of place: write XXXXXXXX-X (8 characters, a hyphen, the check character) or the 9 characters without it',
    );
  }
  if (bare.includes('-')) {
    return createFinding(
      'format',
      'error',
      '只能有一个连字符：应写作 XXXXXXXX-X 或不带连字符的9位',
      'only one hyphen is allowed: write XXXXXXXX-X or the 9 characters without it',
    );
  }
  if (bare.length !== 9) {
    const hint =
      bare.length === 18
        ? {
            zh: '；像是统一社会信用代码，其第9-17位即组织机构代码',
            en: '; it looks like a unified social credit code, whose positions 9-17 are the organization code',
          }
        : { zh: '', en: '' };
    return createFinding(
      'length',
      'error',
      `长度应为9位（可写作 XXXXXXXX-X），实为${bare.length}位${hint.zh}`,
      `should have 9 characters (written XXXXXXXX-X), found ${bare.length}${hint.en}`,
    );
  }
  for (let i = 0; i < 9; i++) {
    const code = bare.charCodeAt(i);
    if (bodyValue(code) >= 0 && (i < 8 || code === upperX || (code >= 0x30 && code <= 0x39))) {
      continue;
    }
    const char = bare.charAt(i);
    return i < 8
      ? createFinding(
          'charset',
          'error',
          `第${i + 1}位应为数字或大写字母，实为「${char}」`,
          `position ${i + 1} should be a digit or an uppercase letter, found "${char}"`,
        )
      : createFinding(
          'charset',
          'error',
          `校验码应为数字或 X，实为「${char}」`,
          `the check character should be a digit or X, found "${char}"`,
        );
  }
  return undefined;
}
