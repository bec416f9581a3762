import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../../shared/pack/pack-schema.ts';
import {
  createFieldPlan,
  createPackageDataset,
} from '../../../../shared/package/create-field-plan.ts';
import { bundledPacks, findBundledPack } from '../../../../shared/packs/index.ts';

function population(): Dataset {
  const dataset = findBundledPack('pop-base')?.datasets[0];
  if (dataset === undefined) throw new Error('pop-base is bundled');
  return dataset;
}

describe('createFieldPlan', () => {
  it('keeps every shareable field of a 共享 package and drops 不予共享 ones', () => {
    const dataset = population();
    expect(createFieldPlan(dataset, 'share').every((p) => p.action === 'keep')).toBe(true);
    const secret: Dataset = {
      ...dataset,
      fields: dataset.fields.map((f, i) =>
        i === 1 ? { ...f, classification: { ...f.classification, sharing: '不予共享' } } : f,
      ),
    };
    const plan = createFieldPlan(secret, 'share');
    expect(plan[1]?.action).toBe('drop');
    expect(plan.filter((p) => p.action === 'drop')).toHaveLength(1);
  });

  it('masks or drops, in a 开放 package, every field that is not plainly 开放', () => {
    const plan = createFieldPlan(population(), 'open');
    const byName = Object.fromEntries(
      plan.map((p) => [p.field.name, p.action === 'mask' ? `mask:${p.mask}` : p.action]),
    );
    expect(byName).toEqual({
      GMSFHM: 'mask:id',
      XM: 'mask:name',
      XB: 'keep',
      MZ: 'drop',
      CSRQ: 'drop',
      CSD: 'keep',
      HJDZ: 'mask:address',
      XZZ: 'mask:address',
      LXDH: 'mask:phone',
      HYZK: 'drop',
      WHCD: 'drop',
      YHZGX: 'drop',
      HH: 'drop',
    });
  });

  it('never keeps a 不予开放 field whole in a 开放 package, in any bundled pack', () => {
    for (const pack of bundledPacks) {
      for (const dataset of pack.datasets) {
        for (const p of createFieldPlan(dataset, 'open')) {
          if (p.field.classification.opening !== '开放') expect(p.action).not.toBe('keep');
        }
      }
    }
  });
});

describe('createPackageDataset', () => {
  it('keeps only the rules and key whose fields are kept whole', () => {
    const dataset = population();
    const open = createPackageDataset(dataset, createFieldPlan(dataset, 'open'));
    expect(open.fields.map((f) => f.name)).toEqual([
      'GMSFHM',
      'XM',
      'XB',
      'CSD',
      'HJDZ',
      'XZZ',
      'LXDH',
    ]);
    expect(open.primaryKey).toBeUndefined();
    expect(open.rules ?? []).toEqual([]);
    const masked = open.fields.find((f) => f.name === 'GMSFHM');
    expect(masked?.format).toBeUndefined();
    expect(masked?.constraints).toBeUndefined();
    const share = createPackageDataset(dataset, createFieldPlan(dataset, 'share'));
    expect(share).toEqual(dataset);
  });
});
