import { describe, expect, it } from 'vitest';
import type { CodeLookup } from '../../../../shared/code-tables/code-table.ts';
import { createCodeTableCheck } from '../../../../shared/rules/code-table.ts';
import { makeField } from './fixtures.ts';

const sexes = new Map([
  ['1', '1'],
  ['男', '1'],
  ['2', '2'],
  ['女', '2'],
]);
const lookup = {
  resolve: (value: string) => {
    const code = sexes.get(value);
    return code === undefined
      ? undefined
      : { code, name: code === '1' ? '男性' : '女性', aliases: [] };
  },
} as CodeLookup;

describe('createCodeTableCheck', () => {
  const field = makeField({
    name: 'XB',
    title: '性别',
    constraints: { codeTable: 'sex' },
    valueAliases: { '1': ['M'] },
  });
  const check = createCodeTableCheck(field, lookup, '人的性别代码');
  it('resolves codes, names and the field’s own aliases to the code', () => {
    expect(check('男')).toEqual({ code: '1' });
    expect(check('2')).toEqual({ code: '2' });
    expect(check('M')).toEqual({ code: '1' });
  });
  it('names the code table when a value is not in it', () => {
    const result = check('未知');
    expect(result.issue?.rule).toBe('code-table');
    expect(result.issue?.message.zh).toBe('「性别」「未知」不在代码表《人的性别代码》中');
  });
  it('suggests the code of a common form the table does not list, still as an error', () => {
    const withForms = createCodeTableCheck(field, lookup, '人的性别代码', { 男士: '1', 女士: '2' });
    const result = withForms('男士');
    expect(result.code).toBeUndefined();
    expect(result.issue).toMatchObject({ rule: 'code-table', severity: 'error', suggestion: '1' });
    expect(result.issue?.message.zh).toBe(
      '「性别」「男士」不在代码表《人的性别代码》中，常见写法，指「男性」，应填代码 1',
    );
    expect(withForms('未知').issue?.suggestion).toBeUndefined();
  });
});
