import { describe, expect, it } from 'vitest';
import { createConditionalRequiredCheck } from '../../../../shared/rules/conditional-required.ts';
import { makeField, makeRecord, makeScope, rule } from './fixtures.ts';

const fields = [
  makeField({ name: 'LB', title: '行政相对人类别' }),
  makeField({ name: 'SHXYM', title: '统一社会信用代码' }),
  makeField({ name: 'FRDB', title: '法定代表人' }),
];
const check = createConditionalRequiredCheck(
  rule<'conditional-required'>({
    id: 'R2',
    type: 'conditional-required',
    when: { field: 'LB', in: ['法人及非法人组织', '个体工商户'] },
    require: ['SHXYM', 'FRDB'],
  }),
  makeScope(fields),
);

describe('conditional-required', () => {
  it('requires each listed field when the condition holds', () => {
    const issues = check(makeRecord(['法人及非法人组织', '', '']));
    expect(issues.map((i) => [i.rule, i.field])).toEqual([
      ['R2', 'SHXYM'],
      ['R2', 'FRDB'],
    ]);
    expect(issues[0]?.message.zh).toBe(
      '「统一社会信用代码」不能为空（「行政相对人类别」为法人及非法人组织或个体工商户时必填）',
    );
  });
  it('compares the normalised value, so an alias counts', () => {
    expect(check(makeRecord(['1', '', 'x'], ['个体工商户', undefined, 'x']))).toHaveLength(1);
  });
  it('says nothing when the condition does not hold', () => {
    expect(check(makeRecord(['自然人', '', '']))).toEqual([]);
  });
});

describe('conditional-required with contains', () => {
  const penalty = [
    makeField({ name: 'CFLB', title: '处罚类别' }),
    makeField({ name: 'FK', title: '罚款金额' }),
  ];
  const fineRequired = createConditionalRequiredCheck(
    rule<'conditional-required'>({
      id: 'CF-R11',
      type: 'conditional-required',
      when: { field: 'CFLB', contains: ['罚款'] },
      require: ['FK'],
    }),
    makeScope(penalty),
  );
  it('matches a part of the value', () => {
    expect(fineRequired(makeRecord(['警告；罚款', '']))).toHaveLength(1);
    expect(fineRequired(makeRecord(['警告', '']))).toHaveLength(0);
  });
});
