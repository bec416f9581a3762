/**
 * Identifiers for demo data, built with the standards' own check algorithms (GB 11643,
 * GB 32100, GB 11714, the MOD 11,10 of the old 工商注册号), and the ways spreadsheets and
 * clerks spoil them.
 */
import { creditCodeCheckCharacter } from '../validators/credit-code.ts';
import { orgCodeCheckCharacter } from '../validators/org-code.ts';
import { residentIdCheckCharacter } from '../validators/resident-id.ts';
import type { Random } from './random.ts';

/** The 31 characters of a unified social credit code (no I, O, Z, S or V). */
export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The characters an organisation-code or resident-ID check character can be. */
const checkDigits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'] as const;

/** Left-pads a number with zeros: `pad(7, 3)` -> `007`. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Turns the ASCII digits of a text into full-width digits (`3717` -> `３７１７`). */
export function fullWidthDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** A resident ID (GB 11643): area, birth date (ISO), a 3-digit sequence, and its check character. */
export function createResidentId(area: string, birthDate: string, sequence: number): string {
  const body = `${area}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
  return body + residentIdCheckCharacter(body);
}

/** The 9-character organisation code (GB 11714) of an 8-character body. */
export function createOrgCode(body: string): string {
  return body + orgCodeCheckCharacter(body);
}

/**
 * A unified social credit code (GB 32100): authority and entity type (`91`), the division of the
 * registering authority, the organisation code of `orgBody` (its check character computed) and
 * the code's own check character.
 */
export function createCreditCode(
  authorityAndType: string,
  region: string,
  orgBody: string,
): string {
  const body = `${authorityAndType}${region}${createOrgCode(orgBody)}`;
  return body + creditCodeCheckCharacter(body);
}

/** A 15-digit 工商注册号 (GS15-2006): 6-digit division, 8 digits, and an ISO 7064 MOD 11,10 check digit. */
export function createRegistrationNumber(region: string, body8: string): string {
  const body = region + body8;
  let p = 10;
  for (const char of body) {
    let s = (p + Number(char)) % 10;
    if (s === 0) s = 10;
    p = (s * 2) % 11;
  }
  return body + String((11 - p) % 10);
}

/** The same code with another last character from `alphabet` (a wrong check character). */
export function withWrongCheckCharacter(
  random: Random,
  code: string,
  alphabet: readonly string[] | string = checkDigits,
): string {
  const last = code.charAt(code.length - 1);
  const others = [...alphabet].filter((c) => c !== last);
  return code.slice(0, -1) + random.pick(others);
}

/**
 * A credit code whose own check character is right but whose embedded organisation code
 * (positions 9-17) fails: position 17 replaced, position 18 recomputed.
 */
export function withBadEmbeddedOrgCode(random: Random, creditCode: string): string {
  const orgCheck = creditCode.charAt(16);
  const wrong = random.pick(checkDigits.filter((c) => c !== orgCheck));
  const body = creditCode.slice(0, 16) + wrong;
  return body + creditCodeCheckCharacter(body);
}

/**
 * How a spreadsheet shows a long number it stored as a float, in the General format:
 * six significant digits, trailing zeros dropped (`913717021234567890` -> `9.13717E+17`).
 */
export function scientificNotation(digits: string): string {
  const [mantissa = '0', exponent = '0'] = Number(digits).toExponential(5).split('e');
  const trimmed = mantissa.replace(/\.?0+$/, '');
  return `${trimmed}E+${exponent.replace('+', '')}`;
}

/** True when a code is made of digits only (so a spreadsheet can turn it into a float). */
export function isAllDigits(code: string): boolean {
  return /^\d+$/.test(code);
}

/** The 15-digit form an 18-digit resident ID had before 1999 (no century, no check character). */
export function toLegacyResidentId(id: string): string {
  return id.slice(0, 6) + id.slice(8, 17);
}

/** Inserts a space into a code where a clerk's typing or a copied layout leaves one. */
export function withInnerSpace(code: string, at: number): string {
  return `${code.slice(0, at)} ${code.slice(at)}`;
}
