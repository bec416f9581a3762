import { describe, expect, it } from 'vitest';
import { createEnumCheck } from '../../../../shared/rules/enum.ts';
import { makeField } from './fixtures.ts';

const kinds = makeField({
  name: 'XK_XDR_LB',
  title: '行政相对人类别',
  constraints: { enum: ['法人及非法人组织', '自然人', '个体工商户'] },
  valueAliases: { 法人及非法人组织: ['1', '法人'], 自然人: ['2'] },
});

describe('createEnumCheck', () => {
  it('accepts allowed values and resolves aliases to them', () => {
    const check = createEnumCheck(kinds);
    expect(check?.('自然人')).toEqual({ canonical: '自然人' });
    expect(check?.('1')).toEqual({ canonical: '法人及非法人组织' });
  });
  it('lists the allowed values when refusing one', () => {
    const result = createEnumCheck(kinds)?.('企业');
    expect(result?.issue?.rule).toBe('enum');
    expect(result?.issue?.message.zh).toContain('法人及非法人组织、自然人、个体工商户');
  });
});
