/**
 * The masks a 开放 (public) package applies to fields its pack does not classify as plainly
 * 开放: names keep the surname (张*), IDs the first and last four characters
 * (3717**********123X), phones the first three and last four digits (138****5678), addresses
 * are cut after the township (乡镇/街道). What a mask leaves is never more than the part the
 * standard lets the public see.
 */
import type { Classification } from '../pack/pack-schema.ts';
import { startsWithFormulaSign } from '../text/is-formula-like.ts';

/** The masks a pack can name; `drop` and `none` are handled by the field plan, not here. */
export type ValueMask = Exclude<Classification['mask'], 'none' | 'drop'>;

const star = '*';

function characters(value: string): string[] {
  return Array.from(value);
}

/** 张三 -> 张*, 欧阳娜娜 -> 欧***; a one-character name becomes *. */
export function maskName(value: string): string {
  const chars = characters(value.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return star;
  return (chars[0] as string) + star.repeat(chars.length - 1);
}

/**
 * 371702199003071234 -> 3717**********1234: fifteen characters or more keep four at each end,
 * eight to fourteen keep two, shorter ones keep one (or none when two or fewer).
 */
export function maskId(value: string): string {
  const chars = characters(value.trim());
  const length = chars.length;
  if (length === 0) return '';
  const keep = length >= 15 ? 4 : length >= 8 ? 2 : length >= 3 ? 1 : 0;
  return (
    chars.slice(0, keep).join('') +
    star.repeat(length - 2 * keep) +
    chars.slice(length - keep).join('')
  );
}

const mobilePattern = /^(\+?86[- ]?)?(1\d{2})(\d{4})(\d{4})$/;
const areaCodePattern = /^(\(?0\d{2,3}\)?[- ]?)(.*)$/;

function maskOnePhone(phone: string): string {
  const mobile = mobilePattern.exec(phone);
  if (mobile !== null) return `${mobile[1] ?? ''}${mobile[2]}****${mobile[4]}`;
  const area = areaCodePattern.exec(phone);
  const prefix = area?.[1] ?? '';
  const rest = area?.[2] ?? phone;
  const digits = rest.replace(/\D/g, '').length;
  let seen = 0;
  let out = '';
  for (const char of rest) {
    if (/\d/.test(char)) {
      seen += 1;
      out += seen > digits - 4 && digits > 4 ? char : star;
    } else {
      out += char;
    }
  }
  return prefix + out;
}

/** 13812345678 -> 138****5678, 0530-5551234 -> 0530-***1234; several numbers are masked each. */
export function maskPhone(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  return trimmed
    .split(/([,，;；/、]+)/)
    .map((part, index) => (index % 2 === 1 ? part : part === '' ? '' : maskOnePhone(part)))
    .join('');
}

const cjk = String.raw`[^\s\d\p{P}省市区县旗]`;
const addressPattern = new RegExp(
  [
    '^',
    String.raw`(?<province>北京市|天津市|上海市|重庆市|${cjk}{2,3}省|${cjk}{2,8}?自治区)?`,
    String.raw`(?<prefecture>${cjk}{2,9}?(?:自治州|地区|盟|市))?`,
    String.raw`(?<county>${cjk}{1,9}?(?:自治县|自治旗|区|县|旗|市))?`,
    String.raw`(?<township>[^\s\d\p{P}街镇乡]{1,9}?(?:街道办事处|街道|民族乡|苏木|镇|乡)[镇乡]?)?`,
  ].join(''),
  'u',
);

/**
 * 山东省菏泽市牡丹区东城街道王庄村12号 -> 山东省菏泽市牡丹区东城街道: the address is cut after the
 * township (or after the county when no township follows it), so only administrative divisions
 * remain. An address whose administrative part cannot be read is masked whole (''), never passed
 * through.
 */
export function maskAddress(value: string): string {
  const trimmed = value.trim();
  const match = addressPattern.exec(trimmed);
  const groups = match?.groups ?? {};
  if (groups.township !== undefined) return match?.[0] ?? '';
  if (groups.county !== undefined) {
    return `${groups.province ?? ''}${groups.prefecture ?? ''}${groups.county}`;
  }
  return '';
}

function applyMask(mask: ValueMask, value: string): string {
  switch (mask) {
    case 'name':
      return maskName(value);
    case 'id':
      return maskId(value);
    case 'phone':
      return maskPhone(value);
    case 'address':
      return maskAddress(value);
  }
}

/**
 * Applies a mask to one value. A masked value never starts with a formula sign (=+-@, their
 * full-width forms, tab or CR), not even a signed number: the sign is masked like any other
 * character (+86 13812345678 -> *86 138****5678), so a 开放 CSV opened in Excel runs nothing.
 */
export function maskValue(mask: ValueMask, value: string): string {
  const masked = applyMask(mask, value);
  return startsWithFormulaSign(masked) ? star + masked.slice(1) : masked;
}
