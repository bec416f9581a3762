import { describe, expect, it } from 'vitest';
import { classifyFooterRow } from '../../../../shared/import/classify-footer-row.ts';

describe('classifyFooterRow', () => {
  it('finds totals, even spread with spaces', () => {
    expect(classifyFooterRow(['合             计:{{money}}'])).toBe('total');
    expect(classifyFooterRow(['人民币合计', '', '1,234.56'])).toBe('total');
    expect(classifyFooterRow(['小计', '12'])).toBe('total');
    expect(classifyFooterRow(['Total', '3'])).toBe('total');
  });
  it('finds signature lines, notes and separators', () => {
    expect(classifyFooterRow(['单位负责人：（印章）    财务负责人：（印章）'])).toBe('signature');
    expect(classifyFooterRow(['', '填表人：张三', '', '审核人：'])).toBe('signature');
    expect(classifyFooterRow(['制表日期：2024年1月2日'])).toBe('signature');
    expect(classifyFooterRow(['注：本表一式三份。'])).toBe('note');
    expect(classifyFooterRow(['特别提示：'])).toBe('note');
    expect(classifyFooterRow(['*****************'])).toBe('separator');
  });
  it('finds bank footers: disclaimers across merged cells, counts, exported-at lines', () => {
    const sentence = '以上数据仅供参考，具体内容请以柜台为准';
    expect(classifyFooterRow(Array.from({ length: 9 }, () => sentence))).toBe('note');
    expect(classifyFooterRow(['具体内容请以柜台为准', '', ''])).toBe('note');
    expect(classifyFooterRow(['共12笔', '', '4166.62'])).toBe('total');
    expect(classifyFooterRow(['共 4 笔'])).toBe('total');
    expect(classifyFooterRow(['导出时间：2026-01-02 10:15:00'])).toBe('exported-at');
    expect(classifyFooterRow(['打印日期: 2026-01-02'])).toBe('exported-at');
    expect(classifyFooterRow(['制表人：王五', '', '', '审核人：赵六'])).toBe('signature');
  });
  it('leaves data rows alone', () => {
    expect(
      classifyFooterRow(['以上', '以上', '以上'].map((cell, i) => `${cell}${i}`)),
    ).toBeUndefined();
    expect(classifyFooterRow(['此处', '为准', '1'])).toBeUndefined();
    expect(classifyFooterRow(['共青团员', '男', '1990-01-01'])).toBeUndefined();
    expect(classifyFooterRow(['导出', '2026-01-02', '12'])).toBeUndefined();
    expect(classifyFooterRow(['张三', '男', '370102199001011234'])).toBeUndefined();
    expect(classifyFooterRow(['核定金额合计（大写）：{{upperMoney}}'])).toBeUndefined();
    expect(classifyFooterRow(['', '', ''])).toBeUndefined();
    expect(classifyFooterRow(['1', '备注', 'x'])).toBeUndefined();
  });
});
