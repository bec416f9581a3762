import { toHalfWidth } from '../text/half-width.ts';
import { moneyUnits, type MoneyUnit } from './mapping-schema.ts';

const plainDecimal = /^([-+]?)(\d+)(?:\.(\d+))?$/;
const groupedDecimal = /^([-+]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Converts an amount between money units (`12345` 元 -> `1.2345` 万元) by moving the decimal
 * point in the digit string: exact, with no floating point (`3000` 元 is `0.3` 万元, never
 * `0.30000000000000004`). Accepts spaces around the value, full-width digits, thousands
 * separators and the source unit written after the number (`1,500元`). Returns undefined for a
 * value that is not a plain number, which is then left as it is for the rules to report.
 */
export function convertMoneyUnit(
  value: string,
  from: MoneyUnit,
  to: MoneyUnit,
): string | undefined {
  let text = toHalfWidth(value).trim();
  if (text.endsWith(from)) text = text.slice(0, -from.length).trim();
  const parts = plainDecimal.exec(text) ?? groupedDecimal.exec(text);
  if (parts === null) return undefined;
  const sign = parts[1] === '-' ? '-' : '';
  const whole = (parts[2] ?? '').replaceAll(',', '');
  const fraction = parts[3] ?? '';
  const digits = whole + fraction;
  const point = whole.length + moneyUnits[from] - moneyUnits[to];
  let integerPart: string;
  let fractionPart: string;
  if (point <= 0) {
    integerPart = '0';
    fractionPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    integerPart = digits + '0'.repeat(point - digits.length);
    fractionPart = '';
  } else {
    integerPart = digits.slice(0, point);
    fractionPart = digits.slice(point);
  }
  integerPart = integerPart.replace(/^0+(?=\d)/, '');
  fractionPart = fractionPart.replace(/0+$/, '');
  const magnitude = fractionPart === '' ? integerPart : `${integerPart}.${fractionPart}`;
  return magnitude === '0' ? '0' : sign + magnitude;
}
