import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePack } from '../../../../shared/pack/load-pack.ts';
import type { Dataset, Pack } from '../../../../shared/pack/pack-schema.ts';
import { bundledPacks, findBundledPack } from '../../../../shared/packs/index.ts';

interface ReferenceField {
  readonly id: string;
  readonly title: string;
  readonly required: string;
}
interface ReferenceDataset {
  readonly id: string;
  readonly fields: readonly ReferenceField[];
}

const referencePath = resolve(
  import.meta.dirname,
  '../../../../../shared/reference/standards-fields.json',
);
const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as {
  readonly datasets: readonly ReferenceDataset[];
};

function referenceDataset(id: string): ReferenceDataset {
  const dataset = reference.datasets.find((d) => d.id === id);
  if (dataset === undefined) throw new Error(`standards-fields.json has no dataset ${id}`);
  return dataset;
}

function theDataset(packId: string): Dataset {
  const pack = findBundledPack(packId);
  const dataset = pack?.datasets[0];
  if (pack === undefined || dataset === undefined || pack.datasets.length !== 1) {
    throw new Error(`expected one dataset in bundled pack ${packId}`);
  }
  return dataset;
}

const names = (dataset: Dataset): string[] => dataset.fields.map((f) => f.name);
const requiredNames = (dataset: Dataset): string[] =>
  dataset.fields.filter((f) => f.constraints?.required === true).map((f) => f.name);
const ruleIds = (dataset: Dataset): string[] => (dataset.rules ?? []).map((r) => r.id);

describe('bundled packs', () => {
  it('ships the four sample packs, each passing the pack loader', () => {
    expect(bundledPacks.map((p) => p.id)).toEqual([
      'pop-base',
      'legal-entity-base',
      'sgs-xzxk',
      'sgs-xzcf',
    ]);
    for (const pack of bundledPacks) {
      expect(parsePack(structuredClone(pack) as Pack)).toEqual({ ok: true, value: pack });
    }
  });

  it('finds a bundled pack by id, and nothing for an unknown id', () => {
    expect(findBundledPack('sgs-xzcf')?.title).toBe('行政处罚信息（双公示）');
    expect(findBundledPack('sgs-xzcf-v9')).toBeUndefined();
  });

  it('shares frozen packs, so no caller can change another caller’s copy', () => {
    const field = theDataset('pop-base').fields[0];
    expect(Object.isFrozen(field)).toBe(true);
    expect(Object.isFrozen(field?.classification)).toBe(true);
  });

  it('classifies every field, and masks or drops every 不予开放 and sensitive field', () => {
    for (const pack of bundledPacks) {
      for (const field of pack.datasets.flatMap((d) => d.fields)) {
        const where = `${pack.id}.${field.name}`;
        expect(field.classification, where).toBeDefined();
        if (field.classification.opening === '不予开放') {
          expect(field.classification.mask, where).not.toBe('none');
        }
        if (field.classification.personal === '敏感') {
          expect(field.classification.opening, where).toBe('不予开放');
        }
      }
    }
  });

  describe.each([
    ['sgs-xzxk', 'sgs-xzxk-2020', 'XK', 28],
    ['sgs-xzcf', 'sgs-xzcf-2020', 'CF', 30],
  ] as const)('%s (双公示)', (packId, referenceId, prefix, count) => {
    const dataset = theDataset(packId);
    const standard = referenceDataset(referenceId);

    it(`has the ${count} fields of the standard, with its identifiers and titles in order`, () => {
      expect(dataset.fields).toHaveLength(count);
      expect(names(dataset)).toEqual(standard.fields.map((f) => f.id));
      expect(dataset.fields.map((f) => f.title)).toEqual(standard.fields.map((f) => f.title));
    });

    it('requires exactly the fields the standard marks M', () => {
      expect(requiredNames(dataset)).toEqual(
        standard.fields.filter((f) => f.required === 'M').map((f) => f.id),
      );
    });

    it('never lets an ID number into a public package (R7)', () => {
      for (const name of [`${prefix}_XDR_ZJHM`, `${prefix}_FR_ZJHM`]) {
        const field = dataset.fields.find((f) => f.name === name);
        expect(field?.classification.opening, name).toBe('不予开放');
        expect(['drop', 'id'], name).toContain(field?.classification.mask);
      }
    });

    it('checks the credit codes of the authority and the data source (R9)', () => {
      const codes = dataset.fields.filter((f) => /(JGDM|LYDWDM|SJLYDM)$/.test(f.name));
      expect(codes).toHaveLength(2);
      for (const field of codes) expect(field.format, field.name).toBe('gb32100');
    });

    it('accepts 00000000000000000X for an individual business with no credit code (R2)', () => {
      const field = dataset.fields.find((f) => f.name === `${prefix}_XDR_SHXYM`);
      expect(field?.format).toBe('gb32100');
      expect(field?.formatExceptions).toEqual(['00000000000000000X']);
    });
  });

  it('declares the 行政许可 rules the demo data and the rule engine rely on', () => {
    const dataset = theDataset('sgs-xzxk');
    expect(dataset.primaryKey).toEqual(['XK_WSH', 'XK_XDR_MC']);
    expect(ruleIds(dataset)).toEqual([
      'XK-R2',
      'XK-R3',
      'XK-R4',
      'XK-R5',
      'XK-R5-empty',
      'XK-R6',
      'XK-R8',
      'xk-fr-zjhm-required',
      'xk-fr-zjhm-id',
      'XK-R11-order',
      'XK-R11-not-future',
      'xk-xkbh-required',
    ]);
    const lb = dataset.fields.find((f) => f.name === 'XK_XDR_LB');
    expect(lb?.constraints?.enum).toEqual(['法人及非法人组织', '自然人', '个体工商户']);
    const xklb = dataset.fields.find((f) => f.name === 'XK_XKLB');
    expect(xklb?.constraints?.enum).toEqual(['普通', '特许', '认可', '核准', '登记', '其他']);
  });

  it('declares the 行政处罚 rules, with fines in 万元 to six decimals (CF-R11)', () => {
    const dataset = theDataset('sgs-xzcf');
    expect(dataset.primaryKey).toEqual(['CF_WSH', 'CF_XDR_MC']);
    expect(ruleIds(dataset)).toEqual([
      'CF-R2',
      'CF-R3',
      'CF-R4',
      'CF-R5',
      'CF-R5-empty',
      'CF-R6',
      'CF-R8',
      'cf-fr-zjhm-required',
      'cf-fr-zjhm-id',
      'CF-R11',
      'CF-R12',
      'CF-R13',
      'CF-R14-yxq',
      'CF-R14-gsjzq',
      'cf-jdrq-not-future',
    ]);
    const fine = dataset.fields.find((f) => f.name === 'CF_NR_FK');
    expect(fine).toMatchObject({ type: 'number', unit: '万元' });
    expect(fine?.constraints).toMatchObject({ maxDecimals: 6 });
    expect(fine?.constraints?.minimum).toBeGreaterThan(0);
    const r11 = dataset.rules?.find((r) => r.id === 'CF-R11');
    expect(r11).toMatchObject({
      type: 'conditional-required',
      when: { field: 'CF_CFLB', contains: ['罚款'] },
      require: ['CF_NR_FK'],
    });
  });

  it('keeps the six national core items first in 人口基础信息, keyed on 公民身份号码', () => {
    const dataset = theDataset('pop-base');
    expect(dataset.name).toBe('population');
    expect(names(dataset).slice(0, 6)).toEqual(['GMSFHM', 'XM', 'XB', 'MZ', 'CSRQ', 'CSD']);
    expect(dataset.fields.slice(0, 6).map((f) => f.title)).toEqual(
      referenceDataset('pop-base-core').fields.map((f) => f.title),
    );
    expect(requiredNames(dataset)).toEqual(['GMSFHM', 'XM', 'XB', 'MZ', 'CSRQ']);
    expect(dataset.primaryKey).toEqual(['GMSFHM']);
    expect(dataset.rules).toEqual([
      expect.objectContaining({ id: 'POP-R2-birth-date', type: 'id-birth-date' }),
      expect.objectContaining({ id: 'POP-R2-sex', type: 'id-sex' }),
    ]);
    const id = dataset.fields[0];
    expect(id).toMatchObject({ format: 'gb11643', constraints: { required: true, unique: true } });
    expect(id?.classification).toEqual({
      sharing: '有条件共享',
      opening: '不予开放',
      personal: '敏感',
      mask: 'id',
    });
  });

  it('has the 32 GB/T 36104 elements in 法人单位基础信息, identifiers upper-cased', () => {
    const dataset = theDataset('legal-entity-base');
    const standard = referenceDataset('gbt36104-uscc-basic');
    expect(dataset.name).toBe('legal-entity');
    expect(names(dataset)).toEqual(standard.fields.map((f) => f.id.toUpperCase()));
    expect(dataset.fields.map((f) => f.title)).toEqual(standard.fields.map((f) => f.title));
    expect(dataset.primaryKey).toEqual(['TYSHXYDM']);
    expect(ruleIds(dataset)).toEqual(['le-validity-order', 'le-clrq-not-future', 'le-fddbr-id']);
  });

  it('maps the common county header spellings to the resident ID', () => {
    const id = theDataset('pop-base').fields[0];
    expect(id?.synonyms).toEqual(expect.arrayContaining(['身份证号', '身份证号码', '证件号码']));
  });
});
