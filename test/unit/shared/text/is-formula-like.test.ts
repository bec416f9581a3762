import { describe, expect, it } from 'vitest';
import { isFormulaLike } from '../../../../shared/text/is-formula-like.ts';

describe('isFormulaLike', () => {
  it.each([
    '=SUM(A1:A2)',
    '=1+1',
    '+1+1',
    '-1+2',
    '@SUM(A1)',
    '=HYPERLINK("http://x","点击")',
    '-cmd|calc',
    '\t=1+1',
    '\r=1+1',
    '\tabc',
    '＝1+1',
    '＋86 138',
    '－ABC',
    '＠SUM(A1)',
    '+86 138 1234 5678',
  ])('flags %j: Excel may read it as a formula', (value) => {
    expect(isFormulaLike(value)).toBe(true);
  });

  it.each(['-12.5', '+3', '-0', '-.5', '-1e5', '12', '张三', 'a=b', ' =1', '', '－12.5', '3-1'])(
    'leaves %j alone: a plain number or text Excel reads as such',
    (value) => {
      expect(isFormulaLike(value)).toBe(false);
    },
  );
});
