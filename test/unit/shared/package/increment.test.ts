/** Incremental packages: who can have one, and how a delta is applied to a base's rows. */
import { describe, expect, it } from 'vitest';
import { findBundledPack } from '../../../../shared/packs/index.ts';
import { applyIncrement } from '../../../../shared/package/apply-increment.ts';
import { checkIncrementable, incrementColumnsOf } from '../../../../shared/package/increment.ts';
import type { Pack } from '../../../../shared/pack/pack-schema.ts';

const pack = findBundledPack('pop-base') as Pack;
const dataset = pack.datasets[0] as Pack['datasets'][number];
const columns = incrementColumnsOf(pack);
const names = dataset.fields.map((f) => f.name);

describe('checkIncrementable', () => {
  it('refuses a dataset without a primary key in plain Chinese', () => {
    const { primaryKey: _key, ...keyless } = dataset;
    expect(checkIncrementable(keyless, names, columns)?.zh).toBe(
      '数据集「人口基础信息」没有主键，无法判断哪些记录新增、变更或删除，只能全量报送',
    );
  });

  it('refuses a package that masks the key', () => {
    expect(checkIncrementable(dataset, names.slice(1), columns)?.zh).toContain(
      '主键字段 GMSFHM 在这种数据包中被脱敏或删除',
    );
  });

  it('accepts a dataset whose key is written whole, with the default columns', () => {
    expect(checkIncrementable(dataset, names, columns)).toBeUndefined();
    expect(columns.operation).toEqual({
      name: 'CZLX',
      title: '操作类型',
      added: '新增',
      changed: '变更',
      removed: '删除',
    });
  });
});

describe('applyIncrement', () => {
  const base = [
    ['1', '甲'],
    ['2', '乙'],
    ['3', '丙'],
  ];

  it('changes in place, removes, and adds at the end', () => {
    const applied = applyIncrement(
      base,
      [
        ['2', '乙改', '变更', 't'],
        ['4', '丁', '新增', 't'],
        ['1', '', '删除', 't'],
      ],
      [0],
      columns,
    );
    expect(applied).toEqual({
      ok: true,
      value: [
        ['2', '乙改'],
        ['3', '丙'],
        ['4', '丁'],
      ],
    });
  });

  it('refuses a delta that does not fit the base', () => {
    const applied = applyIncrement(base, [['9', '', '删除', 't']], [0], columns);
    expect(applied.ok ? '' : applied.error.message.zh).toBe(
      '增量数据第 1 行（删除 9）与基础数据不符：这份增量不是在这个基础上生成的',
    );
  });
});
