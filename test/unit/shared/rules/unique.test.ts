import { describe, expect, it } from 'vitest';
import { createMemoryFirstRowIndex } from '../../../../shared/rules/first-row-index.ts';
import { createUniqueCheck } from '../../../../shared/rules/unique.ts';
import { makeField } from './fixtures.ts';

describe('createUniqueCheck', () => {
  it('reports each repeat with the row of the first occurrence', () => {
    const check = createUniqueCheck(
      makeField({ name: 'GMSFHM', title: '公民身份号码', constraints: { unique: true } }),
      createMemoryFirstRowIndex(),
    );
    expect(check?.(1, 'a')).toBeUndefined();
    expect(check?.(2, 'b')).toBeUndefined();
    expect(check?.(3, 'a')?.message.zh).toContain('与第 1 条记录重复');
    expect(check?.(4, 'a')?.message.en).toBe('"公民身份号码" (GMSFHM): repeats record 1');
  });
  it('is absent when the field is not unique', () => {
    expect(
      createUniqueCheck(makeField({ name: 'XM', title: '姓名' }), createMemoryFirstRowIndex()),
    ).toBeUndefined();
  });
});
