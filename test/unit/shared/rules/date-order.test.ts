import { describe, expect, it } from 'vitest';
import { createDateOrderCheck } from '../../../../shared/rules/date-order.ts';
import { makeField, makeRecord, makeScope, rule } from './fixtures.ts';

const fields = [
  makeField({ name: 'YXQZ', title: '有效期自', type: 'date' }),
  makeField({ name: 'YXQZI', title: '有效期至', type: 'date' }),
];

describe('date-order', () => {
  const check = createDateOrderCheck(
    rule<'date-order'>({ id: 'XK-R11', type: 'date-order', start: 'YXQZ', end: 'YXQZI' }),
    makeScope(fields),
  );
  it('reports an end before the start on the end field', () => {
    expect(
      check(makeRecord(['2024/5/1', '2024/4/30'], ['2024-05-01', '2024-04-30'])),
    ).toMatchObject([{ rule: 'XK-R11', field: 'YXQZI', value: '2024/4/30' }]);
  });
  it('allows equal dates by default, and 2099-12-31 (长期)', () => {
    expect(check(makeRecord(['2024-05-01', '2024-05-01']))).toEqual([]);
    expect(check(makeRecord(['2024-05-01', '2099-12-31']))).toEqual([]);
  });
  it('refuses equal dates when told to', () => {
    const strict = createDateOrderCheck(
      rule<'date-order'>({
        id: 'D',
        type: 'date-order',
        start: 'YXQZ',
        end: 'YXQZI',
        allowEqual: false,
      }),
      makeScope(fields),
    );
    expect(strict(makeRecord(['2024-05-01', '2024-05-01']))).toHaveLength(1);
  });
  it('skips records where either date failed its own check', () => {
    expect(check(makeRecord(['2024-05-01', 'bad'], ['2024-05-01', undefined]))).toEqual([]);
  });
});
