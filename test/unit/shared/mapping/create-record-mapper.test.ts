import { describe, expect, it } from 'vitest';
import { createRecordMapper } from '../../../../shared/mapping/create-record-mapper.ts';
import type { Mapping } from '../../../../shared/mapping/mapping-schema.ts';
import type { Dataset, Pack } from '../../../../shared/pack/pack-schema.ts';
import { findBundledPack } from '../../../../shared/packs/index.ts';

function bundled(id: string): { pack: Pack; dataset: Dataset } {
  const pack = findBundledPack(id);
  const dataset = pack?.datasets[0];
  if (pack === undefined || dataset === undefined) throw new Error(id);
  return { pack, dataset };
}

const pop = bundled('pop-base');
const xzcf = bundled('sgs-xzcf');

function mappingOf(
  { pack, dataset }: { pack: Pack; dataset: Dataset },
  fields: Mapping['fields'],
  valueMaps?: Mapping['valueMaps'],
): Mapping {
  return {
    pack: { id: pack.id, version: pack.version },
    dataset: dataset.name,
    fields,
    ...(valueMaps === undefined ? {} : { valueMaps }),
  };
}

function valueOf(dataset: Dataset, values: readonly (string | undefined)[], name: string) {
  return values[dataset.fields.findIndex((f) => f.name === name)];
}

describe('createRecordMapper', () => {
  const headers = ['身份证号', '姓名', '性别', '民族', '出生日期', '省', '市', '区', '户籍'];
  const mapping = mappingOf(
    pop,
    {
      GMSFHM: { source: { kind: 'column', column: '身份证号' } },
      XM: { source: { kind: 'column', column: '姓名' } },
      XB: { source: { kind: 'column', column: '性别' } },
      MZ: { source: { kind: 'column', column: '民族' } },
      CSRQ: { source: { kind: 'column', column: '出生日期' }, transforms: [{ kind: 'date' }] },
      XZZ: { source: { kind: 'join', columns: ['省', '市', '区'], separator: '' } },
      HJDZ: { source: { kind: 'split', column: '户籍', separator: '|', part: -1 } },
      HH: { source: { kind: 'constant', value: '000000001' } },
    },
    { XB: { M: '1', 男: '1' }, MZ: { 穿青人: null } },
  );
  const cells = [
    '371702199003071231',
    ' 张三',
    'M',
    '汉',
    '1990年3月7日',
    '山东省',
    '',
    '牡丹区',
    '旧址|菏泽市牡丹区某村',
  ];

  it('maps a row to the dataset in field order, with the source value kept beside', () => {
    const mapper = createRecordMapper(pop.pack, pop.dataset, mapping, headers);
    if (!mapper.ok) throw new Error(mapper.error.message.en);
    const { values, sources } = mapper.value.map(cells);
    expect(values).toHaveLength(pop.dataset.fields.length);
    expect(valueOf(pop.dataset, values, 'GMSFHM')).toBe('371702199003071231');
    expect(valueOf(pop.dataset, values, 'XB')).toBe('1');
    expect(valueOf(pop.dataset, sources, 'XB')).toBe('M');
    expect(valueOf(pop.dataset, values, 'MZ')).toBe('01');
    expect(valueOf(pop.dataset, sources, 'MZ')).toBe('汉');
    expect(valueOf(pop.dataset, values, 'CSRQ')).toBe('1990-03-07');
    expect(valueOf(pop.dataset, sources, 'CSRQ')).toBe('1990年3月7日');
    expect(valueOf(pop.dataset, values, 'XZZ')).toBe('山东省牡丹区');
    expect(valueOf(pop.dataset, values, 'HJDZ')).toBe('菏泽市牡丹区某村');
    expect(valueOf(pop.dataset, values, 'HH')).toBe('000000001');
    expect(valueOf(pop.dataset, values, 'LXDH')).toBeUndefined();
    expect(valueOf(pop.dataset, sources, 'LXDH')).toBeUndefined();
  });

  it('leaves slips for the rules: spaces stay, and a spelling with a slip is not resolved', () => {
    const mapper = createRecordMapper(pop.pack, pop.dataset, mapping, headers);
    if (!mapper.ok) throw new Error(mapper.error.message.en);
    const row = [...cells];
    row[3] = ' 汉族';
    const { values } = mapper.value.map(row);
    expect(valueOf(pop.dataset, values, 'XM')).toBe(' 张三');
    expect(valueOf(pop.dataset, values, 'MZ')).toBe(' 汉族');
  });

  it('says which column each field reads, and finds columns by their normalised header', () => {
    const mapper = createRecordMapper(
      pop.pack,
      pop.dataset,
      mapping,
      headers.map((h) => (h === '姓名' ? '*姓 名' : h)),
    );
    if (!mapper.ok) throw new Error(mapper.error.message.en);
    expect(valueOf(pop.dataset, mapper.value.columnOfField, 'XZZ')).toBe('省+市+区');
    expect(valueOf(pop.dataset, mapper.value.columnOfField, 'HH')).toBe('');
    expect(valueOf(pop.dataset, mapper.value.map(cells).values, 'XM')).toBe(' 张三');
  });

  it('lists columns the source lacks and leaves their fields unmapped', () => {
    const mapper = createRecordMapper(pop.pack, pop.dataset, mapping, headers.slice(0, 3));
    if (!mapper.ok) throw new Error(mapper.error.message.en);
    expect(mapper.value.missingColumns).toEqual(['民族', '出生日期', '省', '市', '区', '户籍']);
    expect(valueOf(pop.dataset, mapper.value.map(cells).values, 'MZ')).toBeUndefined();
  });

  it('fills the department and period from the project, and fails when they are not given', () => {
    const withFacts = mappingOf(xzcf, {
      CF_SJLY: { source: { kind: 'context', name: 'department' } },
      BZ: { source: { kind: 'context', name: 'period' } },
    });
    const missing = createRecordMapper(xzcf.pack, xzcf.dataset, withFacts, []);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message.zh).toContain('提供部门、报送期');
    const mapper = createRecordMapper(xzcf.pack, xzcf.dataset, withFacts, [], {
      department: '牡丹区市场监督管理局',
      period: '2026Q3',
    });
    if (!mapper.ok) throw new Error(mapper.error.message.en);
    const { values } = mapper.value.map([]);
    expect(valueOf(xzcf.dataset, values, 'CF_SJLY')).toBe('牡丹区市场监督管理局');
    expect(valueOf(xzcf.dataset, values, 'BZ')).toBe('2026Q3');
  });

  it('converts amounts given in 元 to the 万元 of the standard', () => {
    const mapper = createRecordMapper(
      xzcf.pack,
      xzcf.dataset,
      mappingOf(xzcf, {
        CF_NR_FK: {
          source: { kind: 'column', column: '罚款金额(元)' },
          transforms: [{ kind: 'unit', from: '元', to: '万元' }],
        },
      }),
      ['罚款金额(元)'],
    );
    if (!mapper.ok) throw new Error(mapper.error.message.en);
    expect(valueOf(xzcf.dataset, mapper.value.map(['3000']).values, 'CF_NR_FK')).toBe('0.3');
  });

  it('refuses a mapping for another dataset or with fields the dataset lacks', () => {
    expect(createRecordMapper(xzcf.pack, xzcf.dataset, mapping, headers).ok).toBe(false);
    const unknown = createRecordMapper(
      pop.pack,
      pop.dataset,
      mappingOf(pop, { NOPE: { source: { kind: 'constant', value: 'x' } } }),
      headers,
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message.zh).toContain('NOPE');
  });
});
