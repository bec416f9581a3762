import { describe, expect, it } from 'vitest';
import { createColumnNames } from '../../../../shared/import/create-column-names.ts';
import { createMergeFiller } from '../../../../shared/import/create-merge-filler.ts';
import { joinHeaderRows } from '../../../../shared/import/join-header-rows.ts';

describe('joinHeaderRows', () => {
  it('joins group and sub-header with a dash and keeps lone titles', () => {
    expect(
      joinHeaderRows(
        ['序号', '预算科目', '预算科目', '收款人', '收款人'],
        ['序号', '编码', '名称', '全称', '银行账号'],
        false,
      ),
    ).toEqual(['序号', '预算科目-编码', '预算科目-名称', '收款人-全称', '收款人-银行账号']);
  });
  it('fills an unmerged group title across, and rejoins hyphenated words', () => {
    expect(
      joinHeaderRows(['Nr.', 'Wahlbe-', 'gültige', ''], ['', 'rechtigte', 'Stimmen', 'in %'], true),
    ).toEqual(['Nr.', 'Wahlberechtigte', 'gültige-Stimmen', 'gültige-in %']);
  });
});

describe('createColumnNames', () => {
  it('strips required markers, names empty headers by letter and makes names unique', () => {
    expect(createColumnNames(['材质*', '', '金额', '金额', '*标准号'], [0, 1, 2, 3, 5])).toEqual({
      names: ['材质', '列B', '金额', '金额_2', '标准号'],
      required: [true, false, false, false, true],
    });
  });
});

describe('createMergeFiller', () => {
  it('fills merged cells down and across, marking copies as not owned', () => {
    const fill = createMergeFiller([
      { top: 1, left: 0, bottom: 3, right: 0 },
      { top: 1, left: 1, bottom: 1, right: 2 },
    ]);
    const rows = [
      { row: 1, cells: ['街道', '收款人'], values: [' 街道', '收款人'], own: [true, true] },
      { row: 2, cells: ['', '', '', 'x'], values: [], own: [false, false, false, true] },
      { row: 3, cells: [] as string[], values: [] as string[], own: [] as boolean[] },
      { row: 4, cells: [] as string[], values: [] as string[], own: [] as boolean[] },
    ];
    rows.forEach((row) => fill(row, 4));
    expect(rows.map((row) => row.cells)).toEqual([
      ['街道', '收款人', '收款人'],
      ['街道', '', '', 'x'],
      ['街道'],
      [],
    ]);
    expect(rows[0]?.own).toEqual([true, true, false]);
    expect(rows[2]?.values).toEqual([' 街道']);
  });
  it('never fills beyond the given width', () => {
    const fill = createMergeFiller([{ top: 1, left: 0, bottom: 1, right: 16383 }]);
    const cells = ['标题'];
    fill({ row: 1, cells, values: ['标题'], own: [true] }, 3);
    expect(cells).toEqual(['标题', '标题', '标题']);
  });
});
