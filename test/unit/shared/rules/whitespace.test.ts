import { describe, expect, it } from 'vitest';
import { checkWhitespace } from '../../../../shared/rules/whitespace.ts';
import { makeField } from './fixtures.ts';

const name = makeField({ name: 'XM', title: '姓名' });

describe('checkWhitespace', () => {
  it('warns about stray spaces and suggests the trimmed value', () => {
    expect(checkWhitespace(name, ' 张三\t')).toMatchObject({
      rule: 'whitespace',
      severity: 'warning',
      suggestion: '张三',
    });
  });
  it('leaves inner spaces alone', () => {
    expect(checkWhitespace(name, 'Ahmad Khan')).toBeUndefined();
  });
});
