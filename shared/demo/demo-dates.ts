/**
 * Dates for demo data: ISO `YYYY-MM-DD` arithmetic on day counts (no time zone can shift a day), and
 * the forms clerks write dates in (2024-05-01, 2024/5/1, 2024/05/01, 2024年5月1日, 20240501).
 */
import { pad } from './demo-codes.ts';
import type { Random } from './random.ts';

/** The ways a date is written in county spreadsheets. */
export type DateStyle = 'iso' | 'slash' | 'slash-padded' | 'cjk' | 'compact';

/** Long term (长期) as the 双公示 and GB/T 36104 data write it. */
export const longTermDate = '2099-12-31';

/** The number of days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of an ISO date (H. Hinnant's days_from_civil: no Date, no allocation). */
function toDays(iso: string): number {
  const month = Number(iso.slice(5, 7));
  const year = Number(iso.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy =
    Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + Number(iso.slice(8, 10)) - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date of a day count since 1970-01-01 (civil_from_days). */
function fromDays(days: number): string {
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
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The date `days` days after `iso` (before it when negative). */
export function addDays(iso: string, days: number): string {
  return fromDays(toDays(iso) + days);
}

/** The same day `years` years later; 29 February becomes 28 February in a common year. */
export function addYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const month = Number(iso.slice(5, 7));
  const day = Math.min(Number(iso.slice(8, 10)), daysInMonth(year, month));
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return toDays(to) - toDays(from);
}

/** A day drawn evenly from `from` to `to`, both included. */
export function randomDate(random: Random, from: string, to: string): string {
  return addDays(from, random.int(0, Math.max(0, daysBetween(from, to))));
}

/** Writes an ISO date in a style. */
export function formatDate(iso: string, style: DateStyle): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  switch (style) {
    case 'iso':
      return iso;
    case 'slash':
      return `${y}/${Number(m)}/${Number(d)}`;
    case 'slash-padded':
      return `${y}/${m}/${d}`;
    case 'cjk':
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 'compact':
      return `${y}${m}${d}`;
  }
}

/** Picks the style one clerk uses for a record: the 双公示 standards write `YYYY/MM/DD`. */
export function pickDateStyle(random: Random): DateStyle {
  return random.weighted<DateStyle>([
    ['slash-padded', 3],
    ['slash', 3],
    ['iso', 3],
    ['cjk', 1],
    ['compact', 0.5],
  ]);
}

/** A date that does not exist, written as a clerk would mistype it (2023-02-29, 2024/4/31). */
export function impossibleDate(random: Random, iso: string): string {
  const year = Number(iso.slice(0, 4));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const [month, day] = random.pick([
    [2, leap ? 30 : 29],
    [4, 31],
    [6, 31],
    [9, 31],
    [11, 31],
  ] as const);
  return formatDate(
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    random.pick(['iso', 'slash', 'cjk'] as const),
  );
}
