/**
 * Which records of a project a package checks again on its own day (issue #11). A project's
 * stored issues are current (every change checks its records again), so a package takes them
 * instead of validating every record a second time; but a few rules answer by the day ("today":
 * the package's created date, Beijing time): `date-not-future`, `update-age`, and the birth date
 * in a 公民身份号码 (GB 11643: not after today), through the field's format or a
 * `conditional-format` rule. A record's answer can differ from the stored one only when such a
 * date lies between a day its issues were checked on and the package's day; those records, and
 * only those, are checked again. The test is conservative: a record it names may well answer the
 * same.
 */
import type { Dataset } from '../pack/pack-schema.ts';

/** True when `standard` (a record in standard form, field order) may answer otherwise today. */
export type DayDependence = (standard: readonly (string | undefined)[]) => boolean;

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

/** `iso` moved by `days` calendar days (no clock or zone enters). */
function shiftDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The birth date (ISO form, not checked) of an 18- or 15-digit ID, or undefined. */
function birthOfId(value: string): string | undefined {
  const id = value.replace(/[^0-9Xx]/g, '');
  let birth: string;
  if (id.length === 18) birth = id.slice(6, 14);
  else if (id.length === 15) birth = `19${id.slice(6, 12)}`;
  else return undefined;
  return `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
}

/**
 * Compiles the test for `dataset`'s records whose stored issues were checked as of days from
 * `checked.from` to `checked.to`, for a package whose today is `today` (all ISO dates).
 */
export function createDayDependence(
  dataset: Dataset,
  checked: { readonly from: string; readonly to: string },
  today: string,
): DayDependence {
  const lo = checked.from < today ? checked.from : today;
  const hi = checked.to > today ? checked.to : today;
  if (lo === hi) return () => false;
  const indexOf = (name: string): number => dataset.fields.findIndex((f) => f.name === name);
  // An issue when the date is after the day: the answer differs for a date in (lo, hi].
  const afterDay = new Set<number>();
  // An issue when the date is before the day less maxAgeDays: differs in [lo - max, hi - max).
  const ages: { index: number; from: string; to: string }[] = [];
  const ids = new Set<number>();
  dataset.fields.forEach((field, index) => {
    if (field.format === 'gb11643') ids.add(index);
  });
  for (const rule of dataset.rules ?? []) {
    if (rule.type === 'date-not-future') afterDay.add(indexOf(rule.field));
    else if (rule.type === 'update-age')
      ages.push({
        index: indexOf(rule.field),
        from: shiftDays(lo, -rule.maxAgeDays),
        to: shiftDays(hi, -rule.maxAgeDays),
      });
    else if (rule.type === 'conditional-format' && rule.format === 'gb11643')
      ids.add(indexOf(rule.field));
  }
  // The rules compare dates as text, as here.
  const inWindow = (date: string | undefined): boolean =>
    date !== undefined && date > lo && date <= hi;
  return (standard) => {
    for (const index of afterDay) if (inWindow(standard[index])) return true;
    for (const age of ages) {
      const value = standard[age.index];
      if (value !== undefined && isoDatePattern.test(value) && value >= age.from && value < age.to)
        return true;
    }
    for (const index of ids) {
      const value = standard[index];
      if (value !== undefined && inWindow(birthOfId(value))) return true;
    }
    return false;
  };
}
