import { describe, expect, it } from 'vitest';
import { createConditionalEmptyCheck } from '../../../../shared/rules/conditional-empty.ts';
import { makeField, makeRecord, makeScope, rule } from './fixtures.ts';

describe('conditional-empty', () => {
  const fields = [
    makeField({ name: 'LB', title: '行政相对人类别' }),
    makeField({ name: 'FRDB', title: '法定代表人' }),
  ];
  const check = createConditionalEmptyCheck(
    rule<'conditional-empty'>({
      id: 'R5',
      type: 'conditional-empty',
      when: { field: 'LB', in: ['自然人'] },
      empty: ['FRDB'],
    }),
    makeScope(fields),
  );
  it('reports a filled field that must stay empty, with its value', () => {
    expect(check(makeRecord(['自然人', '张三']))).toMatchObject([
      { rule: 'R5', field: 'FRDB', value: '张三' },
    ]);
  });
  it('says nothing otherwise', () => {
    expect(check(makeRecord(['自然人', '']))).toEqual([]);
    expect(check(makeRecord(['个体工商户', '张三']))).toEqual([]);
  });
});
