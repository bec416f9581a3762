/**
 * The import preview shows the header's reason next to 表头上方的 {n} 行已跳过 (n = header row - 1):
 * the two must not disagree (issue #12 item 16: 上方 4 行是标题 next to 5 行已跳过).
 */
import { describe, expect, it } from 'vitest';
import { detectHeaderRow } from '../../../../shared/import/detect-header-row.ts';
import { sampleRows } from './sheet-helpers.ts';

/** Every "上方 N 行" count the reason states. */
const statedAbove = (text: string): number[] =>
  [...text.matchAll(/上方 (\d+) 行/g)].map((m) => Number(m[1]));

describe('the header reason’s count of rows above', () => {
  it('is the number of rows skipped above the header, blank rows included', () => {
    const grid = [
      ['明细查询文件下载'],
      [''],
      ['卡号: 1234****9876', '户名: 张三'],
      [''],
      ['交易日期', '摘要', '交易详情', '交易场所', '金额', '余额'],
      ['2023-05-02', '消费', '', '广东', '12.00', '100.00'],
      ['2023-04-25', '自动还款', '', '广东', '3.00', '88.00'],
    ];
    const decision = detectHeaderRow(sampleRows(grid), []);
    expect(decision.headerRow).toBe(5);
    expect(statedAbove(decision.reason.zh)).toEqual([decision.headerRow - 1]);
    expect(decision.reason.en).toContain(`the ${decision.headerRow - 1} row(s) above`);
  });
});
