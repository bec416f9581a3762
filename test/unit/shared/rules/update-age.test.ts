import { describe, expect, it } from 'vitest';
import { createUpdateAgeCheck } from '../../../../shared/rules/update-age.ts';
import { makeField, makeRecord, makeScope, rule } from './fixtures.ts';

describe('update-age', () => {
  const scope = makeScope(
    [makeField({ name: 'GXSJ', title: '更新时间', type: 'date' })],
    '2026-12-07',
  );
  const check = createUpdateAgeCheck(
    rule<'update-age'>({ id: 'FRESH-90', type: 'update-age', field: 'GXSJ', maxAgeDays: 90 }),
    scope,
  );

  it('passes a record updated exactly maxAgeDays ago, and later ones', () => {
    // 2026-12-07 minus 90 days is 2026-09-08.
    expect(check(makeRecord(['2026-09-08']))).toEqual([]);
    expect(check(makeRecord(['2026-12-07']))).toEqual([]);
  });

  it('warns about a record updated one day too long ago, saying its age and the limit', () => {
    const issues = check(makeRecord(['2026-09-07']));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.severity).toBe('warning');
    expect(issues[0]?.rule).toBe('FRESH-90');
    expect(issues[0]?.message.zh).toBe(
      '「更新时间」2026-09-07 距今 91 天未更新，超过 90 天的更新时限；请核实并更新这条记录',
    );
  });

  it('counts across a leap day and a year', () => {
    const leap = createUpdateAgeCheck(
      rule<'update-age'>({ id: 'A', type: 'update-age', field: 'GXSJ', maxAgeDays: 366 }),
      makeScope([makeField({ name: 'GXSJ', title: '更新时间', type: 'date' })], '2024-12-31'),
    );
    expect(leap(makeRecord(['2023-12-31']))).toEqual([]);
    expect(leap(makeRecord(['2023-12-30']))).toHaveLength(1);
  });

  it('leaves a blank or unreadable date to the date rules, and keeps a declared severity', () => {
    expect(check(makeRecord(['']))).toEqual([]);
    expect(check({ texts: ['去年'], normalized: [undefined] })).toEqual([]);
    const strict = createUpdateAgeCheck(
      rule<'update-age'>({
        id: 'B',
        type: 'update-age',
        field: 'GXSJ',
        maxAgeDays: 1,
        severity: 'error',
      }),
      scope,
    );
    expect(strict(makeRecord(['2020-01-01']))[0]?.severity).toBe('error');
  });
});
