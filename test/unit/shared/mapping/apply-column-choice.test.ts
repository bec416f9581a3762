import { describe, expect, it } from 'vitest';
import {
  applyColumnChoice,
  applyFieldTransforms,
  applyValueMapEntry,
  fieldOfColumn,
} from '../../../../shared/mapping/apply-column-choice.ts';
import type { Mapping } from '../../../../shared/mapping/mapping-schema.ts';

const types = new Map([
  ['XM', 'string'],
  ['XB', 'string'],
  ['CSRQ', 'date'],
  ['ZCZJ', 'number'],
  ['BZ', 'string'],
]);

const base: Mapping = {
  pack: { id: 'pop-base', version: '1.0.0' },
  dataset: 'population',
  fields: {
    XM: { source: { kind: 'column', column: '姓名' }, transforms: [{ kind: 'trim' }] },
    XB: { source: { kind: 'column', column: '性别' }, transforms: [] },
    BZ: { source: { kind: 'constant', value: '无' } },
  },
  valueMaps: { XB: { 男: '1', 女: '2' } },
};

describe('fieldOfColumn', () => {
  it('finds the field a column feeds, by the normalised header as the importer matches it', () => {
    expect(fieldOfColumn(base, '姓名')).toBe('XM');
    expect(fieldOfColumn(base, ' 姓 名* ')).toBe('XM');
    expect(fieldOfColumn(base, '出生日期')).toBeNull();
  });
});

describe('applyColumnChoice', () => {
  it('maps a new column with the field’s default transforms and the header’s', () => {
    const next = applyColumnChoice(base, types, '出生年月', 'CSRQ');
    expect(next.fields.CSRQ).toEqual({
      source: { kind: 'column', column: '出生年月' },
      transforms: [{ kind: 'date' }],
    });
    const amount = applyColumnChoice(base, types, '注册资金(元)', 'ZCZJ', [
      { kind: 'unit', from: '元', to: '万元' },
    ]);
    expect(amount.fields.ZCZJ?.transforms).toEqual([{ kind: 'unit', from: '元', to: '万元' }]);
    expect(base.fields.CSRQ).toBeUndefined();
  });

  it('moves a column: it leaves its old field, and the new field’s old column is let go', () => {
    const next = applyColumnChoice(base, types, '姓名', 'XB');
    expect(next.fields.XM).toBeUndefined();
    expect(next.fields.XB?.source).toEqual({ kind: 'column', column: '姓名' });
    expect(fieldOfColumn(next, '性别')).toBeNull();
  });

  it('drops a column to 不导入, and leaves constants alone', () => {
    const next = applyColumnChoice(base, types, '性别', null);
    expect(Object.keys(next.fields).sort()).toEqual(['BZ', 'XM']);
    expect(next.fields.BZ).toBe(base.fields.BZ);
  });

  it('returns the same mapping when nothing changes or the field is unknown', () => {
    expect(applyColumnChoice(base, types, '姓名', 'XM')).toBe(base);
    expect(applyColumnChoice(base, types, '姓名', 'NOPE')).toBe(base);
  });
});

describe('applyFieldTransforms', () => {
  it('replaces a mapped field’s transforms, and ignores a field not mapped', () => {
    expect(
      applyFieldTransforms(base, 'XB', [{ kind: 'half-width' }]).fields.XB?.transforms,
    ).toEqual([{ kind: 'half-width' }]);
    expect(applyFieldTransforms(base, 'CSRQ', [{ kind: 'trim' }])).toBe(base);
  });
});

describe('applyValueMapEntry', () => {
  it('sets and removes entries; an emptied value map goes, and so does an empty valueMaps', () => {
    const set = applyValueMapEntry(base, 'XB', 'M', '1');
    expect(set.valueMaps?.XB).toEqual({ 男: '1', 女: '2', M: '1' });
    expect(base.valueMaps?.XB).toEqual({ 男: '1', 女: '2' });
    let cleared = applyValueMapEntry(base, 'XB', '男', undefined);
    cleared = applyValueMapEntry(cleared, 'XB', '女', undefined);
    expect(cleared.valueMaps).toBeUndefined();
    expect('valueMaps' in cleared).toBe(false);
    const other = applyValueMapEntry(base, 'MZ', '汉', '01');
    expect(other.valueMaps).toEqual({ XB: { 男: '1', 女: '2' }, MZ: { 汉: '01' } });
  });
});
