import { describe, expect, it } from 'vitest';
import { findBundledPack } from '../../../../shared/packs/index.ts';
import { createDatasetValidator } from '../../../../shared/validate/dataset-validator.ts';

const pack = findBundledPack('pop-base');
if (pack === undefined) throw new Error('pop-base is bundled');
const dataset = pack.datasets[0];
if (dataset === undefined) throw new Error('pop-base has a dataset');
const order = dataset.fields.map((f) => f.name);

/** Values in dataset order from a partial record; fields not given are unmapped. */
function record(values: Record<string, string>): (string | undefined)[] {
  return order.map((name) => values[name]);
}

const clean = {
  GMSFHM: '371702199003071231',
  XM: '张伟',
  XB: '男',
  MZ: '汉族',
  CSRQ: '1990-03-07',
};

describe('createDatasetValidator on 人口基础信息', () => {
  const validate = () => createDatasetValidator(pack, dataset, { today: '2026-11-26' });

  it('finds nothing wrong in a clean record, whatever date form the clerk used', () => {
    const v = validate();
    expect(v.validateRecord(1, record(clean))).toEqual([]);
    expect(
      v.validateRecord(
        2,
        record({ ...clean, GMSFHM: '372901198503101354', CSRQ: '1985年3月10日' }),
      ),
    ).toEqual([]);
  });

  it('reports a fixable slip once, applies its suggestion, and checks on with the fixed value', () => {
    const v = validate();
    const issues = v.validateRecord(
      7,
      record({ ...clean, GMSFHM: ' ３７１７０２１９９００３０７１２３１', XB: '女' }),
    );
    expect(issues.map((i) => [i.row, i.rule, i.suggestion])).toEqual([
      [7, 'whitespace', '３７１７０２１９９００３０７１２３１'],
      [7, 'full-width', '371702199003071231'],
      [7, 'POP-R2-sex', undefined],
    ]);
  });

  it('stops at the first error in a cell, so a bad value is reported once', () => {
    const issues = validate().validateRecord(
      1,
      record({ ...clean, GMSFHM: '371702199003071232', CSRQ: '1991-01-01' }),
    );
    expect(issues.map((i) => i.rule)).toEqual(['resident-id']);
  });

  it('reports blank required cells, and required fields no column feeds, in every record', () => {
    const issues = validate().validateRecord(
      1,
      record({ GMSFHM: clean.GMSFHM, XM: '', XB: '男', CSRQ: clean.CSRQ }),
    );
    expect(issues.map((i) => [i.rule, i.field, i.severity])).toEqual([
      ['required', 'XM', 'error'],
      ['required', 'MZ', 'error'],
    ]);
    expect(issues[1]?.message.zh).toBe(
      '「民族」是必填字段，但没有列对应到它：请在映射步骤为它选一列，或在原表中补上这一列',
    );
    const optional = validate().validateRecord(1, record({ ...clean }));
    expect(optional).toEqual([]);
  });

  it('compares the ID across records, after normalisation', () => {
    const v = validate();
    expect(
      v.validateRecord(1, record({ ...clean, GMSFHM: '37170219900307124X', XB: '女' })),
    ).toEqual([]);
    const repeat = v.validateRecord(
      2,
      record({ ...clean, GMSFHM: '37170219900307124x', XB: '女' }),
    );
    expect(repeat.map((i) => i.rule)).toEqual(['resident-id', 'unique']);
    expect(repeat[1]?.message.zh).toContain('与第 1 条记录重复');
  });

  it('resolves code names and codes alike for cross-field rules', () => {
    const v = validate();
    expect(v.validateRecord(1, record({ ...clean, XB: '1', MZ: '01' }))).toEqual([]);
    expect(
      v
        .validateRecord(2, record({ ...clean, GMSFHM: '37170219900307124X', XB: '1' }))
        .map((i) => i.rule),
    ).toEqual(['POP-R2-sex']);
  });
});
