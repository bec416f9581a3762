import { describe, expect, it } from 'vitest';
import { createDateNotFutureCheck } from '../../../../shared/rules/date-not-future.ts';
import { makeField, makeRecord, makeScope, rule } from './fixtures.ts';

describe('date-not-future', () => {
  const check = createDateNotFutureCheck(
    rule<'date-not-future'>({ id: 'XK-R11b', type: 'date-not-future', field: 'JDRQ' }),
    makeScope([makeField({ name: 'JDRQ', title: '许可决定日期', type: 'date' })], '2026-11-26'),
  );
  it('passes today and earlier', () => {
    expect(check(makeRecord(['2026-11-26']))).toEqual([]);
  });
  it('reports a date after today, saying today', () => {
    expect(check(makeRecord(['2026-11-27']))[0]?.message.zh).toBe(
      '「许可决定日期」2026-11-27 晚于今天（2026-11-26）',
    );
  });
});
