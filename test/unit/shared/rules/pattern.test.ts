import { describe, expect, it } from 'vitest';
import { createPatternCheck } from '../../../../shared/rules/pattern.ts';
import { makeField } from './fixtures.ts';

describe('createPatternCheck', () => {
  it('matches the whole value', () => {
    const check = createPatternCheck(
      makeField({ name: 'HH', title: '户号', constraints: { pattern: '\\d{9}' } }),
    );
    expect(check?.('123456789')).toBeUndefined();
    expect(check?.('1234567890')).toMatchObject({ rule: 'pattern' });
    expect(check?.('x123456789')).toMatchObject({ rule: 'pattern' });
  });
  it('is absent for a field without a pattern', () => {
    expect(createPatternCheck(makeField({ name: 'XM', title: '姓名' }))).toBeUndefined();
  });
});
