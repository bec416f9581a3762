import { describe, expect, it } from 'vitest';
import { createMergeFiller } from '../../../../shared/import/create-merge-filler.ts';
import {
  detectHeaderRow,
  type HeaderSampleRow,
} from '../../../../shared/import/detect-header-row.ts';
import type { MergedRange } from '../../../../shared/import/raw-row.ts';
import { sampleRows } from './sheet-helpers.ts';

function filled(
  grid: readonly (readonly string[])[],
  merges: readonly MergedRange[],
): HeaderSampleRow[] {
  const fill = createMergeFiller(merges);
  return sampleRows(grid).map((row) => {
    const cells = [...row.cells];
    const own = [...row.own];
    fill({ row: row.row, cells, values: [...cells], own }, 12);
    return { row: row.row, cells, own };
  });
}

describe('detectHeaderRow', () => {
  it('finds the header below title and metadata rows', () => {
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
    expect(decision).toMatchObject({ headerRow: 5, headerRows: 1 });
    expect(decision.reason.zh).toContain('第 5 行');
  });

  it('takes a header of years after metadata rows (numbers are names here)', () => {
    const grid = [
      ['Title of the table, long'],
      ['Region:', 'Deutschland'],
      ['', '1985', '1993', '2000', '2005'],
      ['Chirurgie', '.', '379', '575', '686'],
      ['Kinderchirurgie', '.', '135', '123', '100'],
    ];
    expect(detectHeaderRow(sampleRows(grid), [])).toMatchObject({ headerRow: 3, headerRows: 1 });
  });

  it('says there is no header when the first row is already data', () => {
    const grid = [
      ['1', '1904-01-02', '1904-01-02'],
      ['11', '1904-01-12', '1904-01-12'],
    ];
    expect(detectHeaderRow(sampleRows(grid), [])).toMatchObject({ headerRow: 0, headerRows: 0 });
  });

  it('says there is no header when no row has distinct names', () => {
    const grid = [
      ['a', 'a', 'aa', 'aa'],
      ['b', 'b', 'bb', 'bb'],
    ];
    expect(detectHeaderRow(sampleRows(grid), [])).toMatchObject({ headerRow: 0, headerRows: 0 });
  });

  it('joins a sub-header row under merged group titles', () => {
    const grid = [
      ['专项支出用款申请书'],
      ['申请单位：（公章）', '', '', '', '', '申请日期：', '', '', '', '单位：元'],
      ['序号', '资金性质', '预算科目', '', '项目名称', '收款人', '', '', '申请金额', '核定金额'],
      ['', '', '编码', '名称', '', '全称', '银行账号', '开户银行', '', ''],
      ['合             计:'],
    ];
    const merges: MergedRange[] = [
      { top: 1, left: 0, bottom: 1, right: 9 },
      { top: 3, left: 0, bottom: 4, right: 0 },
      { top: 3, left: 1, bottom: 4, right: 1 },
      { top: 3, left: 2, bottom: 3, right: 3 },
      { top: 3, left: 4, bottom: 4, right: 4 },
      { top: 3, left: 5, bottom: 3, right: 7 },
      { top: 3, left: 8, bottom: 4, right: 8 },
      { top: 3, left: 9, bottom: 4, right: 9 },
    ];
    const decision = detectHeaderRow(filled(grid, merges), merges);
    expect(decision).toMatchObject({ headerRow: 3, headerRows: 2 });
  });

  it('joins a sub-header that fills the gaps of the row above when values follow', () => {
    const grid = [
      ['Wahl 2010', '', '', 'Stand:', '30/04/10'],
      [''],
      ['Nr.', 'Name', 'Wahlbe-', 'gültige', '', 'Dr. Fischer', ''],
      ['', '', 'rechtigte', 'Stimmen', 'in %', 'Stimmen', 'Ant. %'],
      ['40000', 'Land', '1,092,760', '574,786', '92.93', '455,852', '79.31'],
    ];
    expect(detectHeaderRow(sampleRows(grid), [])).toMatchObject({ headerRow: 3, headerRows: 2 });
  });

  it('does not take the first data row for a sub-header', () => {
    const grid = [
      ['姓名', '性别', '', '住址'],
      ['张三', '男', '汉族', '北京'],
      ['李四', '女', '回族', '天津'],
    ];
    expect(detectHeaderRow(sampleRows(grid), [])).toMatchObject({ headerRow: 1, headerRows: 1 });
  });

  it('takes the header below a row of key-value metadata that mixes in numbers and dates', () => {
    const grid = [
      [
        '账号',
        '6200000000001230',
        '账户类型',
        '借记卡',
        '日期范围',
        '20251201-20251231',
        '',
        '',
        '',
      ],
      [
        '交易日期',
        '交易时间',
        '摘要',
        '交易金额',
        '账户余额',
        '对方户名',
        '对方账号',
        '交易渠道',
        '附言',
      ],
      [
        '2025-12-01',
        '09:12:05',
        '工资',
        '5200',
        '6430.55',
        '某某县财政局',
        '6222000011112222',
        '网银',
        '工资',
      ],
      [
        '2025-12-03',
        '12:40:18',
        '消费',
        '-36.5',
        '6394.05',
        '某某超市',
        '6222000033334444',
        '快捷支付',
        '',
      ],
      [
        '2025-12-09',
        '18:02:44',
        '转账',
        '-1000',
        '5394.05',
        '张三',
        '6222000055556666',
        '手机银行',
        '还款',
      ],
    ];
    const rows = sampleRows(grid).map((row) => ({
      ...row,
      kinds: row.cells.map((cell, column) =>
        (row.row === 1 && column === 1) || (row.row > 2 && [3, 4].includes(column) && cell !== '')
          ? ('n' as const)
          : row.row > 2 && column === 0
            ? ('d' as const)
            : ('s' as const),
      ),
    }));
    const decision = detectHeaderRow(rows, []);
    expect(decision).toMatchObject({ headerRow: 2, headerRows: 1 });
    expect(decision.reason.zh).toContain('上方的第 1 行只填了 6 列');
  });

  it('keeps a first header row of labels even when a fuller label row follows', () => {
    const grid = [
      ['姓名', '性别', '出生日期', '住址', '', ''],
      ['张三', '男', '1990-01-01', '某某路1号', '备注甲', '其他'],
      ['李四', '女', '1992-02-02', '某某路2号', '', ''],
    ];
    expect(detectHeaderRow(sampleRows(grid), [])).toMatchObject({ headerRow: 1 });
  });

  it('follows the user', () => {
    const grid = [
      ['a', 'b'],
      ['c', 'd'],
      ['1', '2'],
    ];
    expect(detectHeaderRow(sampleRows(grid), [], { headerRow: 2 })).toMatchObject({
      headerRow: 2,
      headerRows: 1,
    });
    expect(detectHeaderRow(sampleRows(grid), [], { headerRow: 0 })).toMatchObject({
      headerRow: 0,
      headerRows: 0,
    });
    expect(detectHeaderRow(sampleRows(grid), [], { headerRow: 1, headerRows: 2 })).toMatchObject({
      headerRow: 1,
      headerRows: 2,
    });
  });

  it('reports an empty sheet', () => {
    expect(detectHeaderRow([], [])).toMatchObject({ headerRow: 0, headerRows: 0 });
  });
});
