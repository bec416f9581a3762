import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  daysBetween,
  formatDate,
  impossibleDate,
  randomDate,
} from '../../../../shared/demo/demo-dates.ts';
import { createRandom } from '../../../../shared/demo/random.ts';
import { parseDate } from '../../../../shared/validators/date.ts';

describe('demo dates', () => {
  it('counts days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('agrees with the calendar of Date from 1900 to 2100', () => {
    for (let days = -25_567; days < 47_482; days += 37) {
      expect(addDays('1970-01-01', days)).toBe(
        new Date(days * 86_400_000).toISOString().slice(0, 10),
      );
      expect(daysBetween('1970-01-01', addDays('1970-01-01', days))).toBe(days);
    }
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2021-07-15', 5)).toBe('2026-07-15');
  });

  it('writes a date in the forms clerks use, each read back to the same day', () => {
    const styles = ['iso', 'slash', 'slash-padded', 'cjk', 'compact'] as const;
    expect(styles.map((style) => formatDate('2024-05-01', style))).toEqual([
      '2024-05-01',
      '2024/5/1',
      '2024/05/01',
      '2024年5月1日',
      '20240501',
    ]);
    for (const style of styles)
      expect(parseDate(formatDate('2024-05-01', style))).toEqual({ iso: '2024-05-01' });
  });

  it('draws days within the bounds, both included', () => {
    const random = createRandom(11);
    const days = new Set(
      Array.from({ length: 200 }, () => randomDate(random, '2024-02-27', '2024-03-01')),
    );
    expect([...days].sort()).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
  });

  it('makes dates that do not exist', () => {
    const random = createRandom(2);
    for (let i = 0; i < 50; i += 1) {
      const made = impossibleDate(random, i % 2 === 0 ? '2024-06-01' : '2023-06-01');
      expect(parseDate(made), made).toMatchObject({ code: 'date-invalid' });
    }
  });
});
