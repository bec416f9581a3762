import { describe, expect, it } from 'vitest';
import { createCodePrefixMatchesCheck } from '../../../../shared/rules/code-prefix-matches.ts';
import { makeField, makeRecord, makeScope, rule } from './fixtures.ts';

describe('code-prefix-matches', () => {
  const check = createCodePrefixMatchesCheck(
    rule<'code-prefix-matches'>({
      id: 'R8',
      type: 'code-prefix-matches',
      codeField: 'SHXYM',
      typeField: 'LB',
      prefixes: { '92': ['个体工商户'], '91': ['法人及非法人组织'] },
    }),
    makeScope([
      makeField({ name: 'SHXYM', title: '统一社会信用代码' }),
      makeField({ name: 'LB', title: '行政相对人类别' }),
    ]),
  );
  it('warns when the type disagrees with the code prefix', () => {
    expect(check(makeRecord(['92371702MA3C4XXXX1', '法人及非法人组织']))).toMatchObject([
      { rule: 'R8', severity: 'warning', field: 'LB' },
    ]);
  });
  it('passes agreeing records and codes with other prefixes', () => {
    expect(check(makeRecord(['92371702MA3C4XXXX1', '个体工商户']))).toEqual([]);
    expect(check(makeRecord(['12371702MA3C4XXXX1', '法人及非法人组织']))).toEqual([]);
  });
});
