import { describe, expect, it } from 'vitest';
import { checkLength } from '../../../../shared/rules/length.ts';
import { makeField } from './fixtures.ts';

describe('checkLength', () => {
  const field = makeField({
    name: 'XM',
    title: '姓名',
    constraints: { maxLength: 4, minLength: 2 },
  });
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(checkLength(field, '欧阳娜娜')).toBeUndefined();
    expect(checkLength(field, '𠀀𠀀')).toBeUndefined();
  });
  it('reports too long and too short with the counts', () => {
    expect(checkLength(field, '欧阳娜娜娜')?.message.zh).toBe(
      '「姓名」长度为 5 个字符，超过上限 4',
    );
    expect(checkLength(field, '张')?.rule).toBe('length');
  });
});
