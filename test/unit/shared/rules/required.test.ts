import { describe, expect, it } from 'vitest';
import { checkRequired } from '../../../../shared/rules/required.ts';
import { makeField } from './fixtures.ts';

const name = makeField({ name: 'XM', title: '姓名', constraints: { required: true } });

describe('checkRequired', () => {
  it('reports a blank required cell, naming the field in Chinese', () => {
    const issue = checkRequired(name, '   ');
    expect(issue).toMatchObject({ rule: 'required', severity: 'error', field: 'XM' });
    expect(issue?.message.zh).toBe('「姓名」为必填项，不能为空');
  });
  it('passes a filled cell and an optional blank one', () => {
    expect(checkRequired(name, '张三')).toBeUndefined();
    expect(checkRequired(makeField({ name: 'BZ', title: '备注' }), '')).toBeUndefined();
  });
});
