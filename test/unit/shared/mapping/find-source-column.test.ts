import { describe, expect, it } from 'vitest';
import { findSourceColumn } from '../../../../shared/mapping/find-source-column.ts';

describe('findSourceColumn', () => {
  const sex = { name: 'XB', title: '性别' };
  it('finds the column headed with the field title, marked required or spaced', () => {
    expect(findSourceColumn(['姓名', '*性 别', '民族'], sex)).toBe(1);
  });
  it('finds a synonym of the title or the field name', () => {
    expect(findSourceColumn(['姓名', '性别代码'], sex)).toBe(1);
    expect(findSourceColumn(['xb'], sex)).toBe(0);
  });
  it('says -1 when no header names the field', () => {
    expect(findSourceColumn(['姓名', '住址'], sex)).toBe(-1);
  });
});
