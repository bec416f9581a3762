import { describe, expect, it } from 'vitest';
import { checkNumberType } from '../../../../shared/rules/number-type.ts';
import { makeField } from './fixtures.ts';

const fine = makeField({
  name: 'CF_NR_FK',
  title: '罚款金额（万元）',
  type: 'number',
  unit: '万元',
  constraints: { minimum: 0, maxDecimals: 6 },
});

describe('checkNumberType', () => {
  it('passes plain decimals', () => {
    expect(checkNumberType(fine, '0.2')).toBeUndefined();
    expect(checkNumberType(fine, '12')).toBeUndefined();
  });
  it('suggests removing thousands separators', () => {
    expect(checkNumberType(fine, '1,200.5')).toMatchObject({ rule: 'type', suggestion: '1200.5' });
  });
  it('refuses units and words, saying the unit', () => {
    const issue = checkNumberType(fine, '2000元');
    expect(issue?.suggestion).toBeUndefined();
    expect(issue?.message.zh).toContain('万元');
  });
  it('checks the range and the decimals', () => {
    expect(checkNumberType(fine, '-1')?.message.en).toContain('at least 0');
    expect(checkNumberType(fine, '0.1234567')?.message.en).toContain('6 decimal');
  });
  it('accepts only whole numbers for integers', () => {
    const count = makeField({ name: 'ZGRS', title: '职工人数', type: 'integer' });
    expect(checkNumberType(count, '12')).toBeUndefined();
    expect(checkNumberType(count, '12.5')).toMatchObject({ rule: 'type' });
  });
});
