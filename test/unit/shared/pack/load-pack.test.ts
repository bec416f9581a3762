import { describe, expect, it } from 'vitest';
import { parsePack } from '../../../../shared/pack/load-pack.ts';

const open = { sharing: '无条件共享', opening: '开放', personal: '一般', mask: 'none' };
const closed = { sharing: '有条件共享', opening: '不予开放', personal: '敏感', mask: 'id' };

/** A small pack that passes every check; each test breaks a copy of it. */
function validPack() {
  return {
    id: 'county-register',
    title: '县人口登记',
    version: '1.0.0',
    provenance: { sources: ['GA/T 543.1-2011'] },
    codeTables: {
      sex: { title: '人的性别代码', builtin: 'sex' },
      status: {
        title: '状态',
        codes: [
          { code: '1', name: '有效', aliases: ['正常'] },
          { code: '2', name: '无效' },
        ],
      },
    },
    datasets: [
      {
        name: 'population',
        title: '人口',
        fields: [
          {
            name: 'GMSFHM',
            title: '公民身份号码',
            type: 'string',
            format: 'gb11643',
            constraints: { required: true, unique: true },
            synonyms: ['身份证号'],
            classification: closed,
          },
          {
            name: 'XB',
            title: '性别',
            type: 'string',
            constraints: { codeTable: 'sex' },
            classification: open,
          },
          { name: 'CSRQ', title: '出生日期', type: 'date', classification: open },
          {
            name: 'ZT',
            title: '状态',
            type: 'string',
            constraints: { codeTable: 'status' },
            valueAliases: { '2': ['失效'] },
            classification: open,
          },
          {
            name: 'ZJLX',
            title: '证件类型',
            type: 'string',
            constraints: { enum: ['身份证', '护照'] },
            classification: open,
          },
          { name: 'ZJHM', title: '证件号码', type: 'string', classification: closed },
          { name: 'YXQZ', title: '有效期自', type: 'date', classification: open },
        ],
        primaryKey: ['GMSFHM'],
        rules: [
          { id: 'R1', type: 'id-birth-date', idField: 'GMSFHM', dateField: 'CSRQ' },
          { id: 'R2', type: 'id-sex', idField: 'GMSFHM', sexField: 'XB' },
          {
            id: 'R3',
            type: 'conditional-format',
            when: { field: 'ZJLX', in: ['身份证'] },
            field: 'ZJHM',
            format: 'gb11643',
          },
          { id: 'R4', type: 'date-order', start: 'CSRQ', end: 'YXQZ' },
        ],
      },
    ],
  };
}

function detailsOf(json: unknown): readonly string[] {
  const result = parsePack(json);
  if (result.ok) throw new Error('expected the pack to be rejected');
  expect(result.error.code).toBe('pack-invalid');
  return result.error.details ?? [];
}

/** The JSON paths the details name, in order. */
function pathsOf(details: readonly string[]): string[] {
  return details.map((line) => line.slice(0, line.indexOf(': ')));
}

describe('parsePack', () => {
  it('loads a valid pack as it is', () => {
    const json = validPack();
    const result = parsePack(json);
    expect(result).toEqual({ ok: true, value: json });
  });

  it('takes an update cycle and a date field as the update time, and refuses a text field or a cycle it does not know', () => {
    const json = validPack();
    const [dataset] = json.datasets;
    if (dataset === undefined) throw new Error('fixture');
    Object.assign(dataset, {
      updateCycle: '每季度',
      updateTimeField: 'CSRQ',
      rules: [...dataset.rules, { id: 'AGE', type: 'update-age', field: 'CSRQ', maxAgeDays: 92 }],
    });
    expect(parsePack(json).ok).toBe(true);
    Object.assign(dataset, {
      updateTimeField: 'GMSFHM',
      rules: [...dataset.rules, { id: 'AGE2', type: 'update-age', field: 'GMSFHM', maxAgeDays: 1 }],
    });
    const details = detailsOf(json);
    expect(pathsOf(details)).toEqual([
      'datasets[0].updateTimeField',
      `datasets[0].rules[${dataset.rules.length - 1}].field`,
    ]);
    expect(details[0]).toContain('更新时间字段「GMSFHM」须为日期（date）字段');
    expect(
      pathsOf(detailsOf({ ...json, datasets: [{ ...dataset, updateCycle: '每半年' }] })),
    ).toEqual(['datasets[0].updateCycle']);
  });

  it('reports every problem beyond the schema, each with its JSON path', () => {
    const json = validPack();
    const [dataset] = json.datasets;
    if (dataset === undefined) throw new Error('fixture');
    const fields: Record<string, unknown>[] = dataset.fields;
    fields[2] = { ...fields[2], format: 'gb2260' }; // a format on a date field
    fields[3] = { ...fields[3], constraints: { codeTable: 'state' } }; // undeclared code table
    fields[5] = { ...fields[5], classification: { ...closed, mask: 'none' } }; // would leak
    fields.push({ name: 'xb', title: '性别代码', type: 'string', classification: open });
    fields.push({
      name: 'DH',
      title: '电话',
      type: 'string',
      synonyms: ['身份证号'], // already leads to GMSFHM
      classification: open,
    });
    Object.assign(dataset, {
      primaryKey: ['SFZH'],
      rules: [
        ...dataset.rules,
        { id: 'R5', type: 'date-order', start: 'CSRQ', end: 'ZJHM' },
        {
          id: 'R6',
          type: 'conditional-required',
          when: { field: 'ZJLX', in: ['居民身份证'] },
          require: ['HZXM'],
        },
        { id: 'R1', type: 'date-not-future', field: 'CSRQ' },
      ],
    });
    json.datasets.push({ ...dataset });

    const result = parsePack(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const details = result.error.details ?? [];
    expect(pathsOf(details)).toEqual([
      'datasets[0].fields[7].name',
      'datasets[0].fields[2].format',
      'datasets[0].fields[3].constraints.codeTable',
      'datasets[0].fields[5].classification.mask',
      'datasets[0].fields[8].synonyms[0]',
      'datasets[0].primaryKey[0]',
      'datasets[0].rules[4].end',
      'datasets[0].rules[5].when.in[0]',
      'datasets[0].rules[5].require[0]',
      'datasets[0].rules[6].id',
      'datasets[1].name',
      ...[
        'fields[7].name',
        'fields[2].format',
        'fields[3].constraints.codeTable',
        'fields[5].classification.mask',
        'fields[8].synonyms[0]',
        'primaryKey[0]',
        'rules[4].end',
        'rules[5].when.in[0]',
        'rules[5].require[0]',
        'rules[6].id',
      ].map((path) => `datasets[1].${path}`),
    ]);
    expect(result.error.message).toEqual({
      zh: '标准包文件有 21 处错误',
      en: 'The pack file has 21 errors',
    });
    expect(details[3]).toBe(
      'datasets[0].fields[5].classification.mask: 不予开放的字段必须设定脱敏方式（name、id、phone、address 或 drop），开放数据包不得含其原值（a 不予开放 field needs a mask other than "none": a public package must never carry its value）',
    );
    expect(details).toContain(
      'datasets[0].fields[8].synonyms[0]: 表头写法「身份证号」同时指向字段 GMSFHM 和 DH（header spelling "身份证号" leads to both GMSFHM and DH）',
    );
  });

  it('reports schema errors and still checks the datasets that parse', () => {
    const json = validPack();
    const [dataset] = json.datasets;
    if (dataset === undefined) throw new Error('fixture');
    const broken = structuredClone(dataset);
    const fields: Record<string, unknown>[] = broken.fields;
    fields[0] = { ...fields[0], format: 'gb11644' };
    fields[1] = { ...fields[1], classification: undefined, colour: 'red' };
    Object.assign(json, { version: 'v1' });
    json.datasets.push({ ...broken, name: 'households' });
    Object.assign(dataset, { primaryKey: ['HH'] });

    const paths = pathsOf(detailsOf(json));
    expect(paths).toEqual([
      'version',
      'datasets[1].fields[0].format',
      'datasets[1].fields[1].classification',
      'datasets[1].fields[1]',
      'datasets[0].primaryKey[0]',
    ]);
  });

  it('explains a schema error in Chinese and English', () => {
    const json = validPack();
    Object.assign(json, { id: 'County Register' });
    expect(detailsOf(json)).toEqual([
      'id: 标准包编号须为小写字母、数字和连字符（如 pop-base）（pack id must be kebab-case）',
    ]);
  });

  it('checks value aliases, inline code tables and rules against the values the pack declares', () => {
    const json = validPack();
    json.codeTables.status.codes.push({ code: '3', name: '正常' });
    const [dataset] = json.datasets;
    if (dataset === undefined) throw new Error('fixture');
    const fields: Record<string, unknown>[] = dataset.fields;
    fields[3] = { ...fields[3], valueAliases: { '2': ['失效', '1'], '4': ['作废'] } };
    fields[4] = { ...fields[4], valueAliases: { 护照: ['身份证'] } };
    Object.assign(dataset, {
      rules: [
        { id: 'R2', type: 'id-sex', idField: 'ZJHM', sexField: 'ZT' },
        { id: 'R3', type: 'conditional-empty', when: { field: 'ZJLX' }, empty: ['ZJHM'] },
      ],
    });
    expect(pathsOf(detailsOf(json))).toEqual([
      'codeTables.status.codes[2].name',
      'datasets[0].fields[3].valueAliases["2"][1]',
      'datasets[0].fields[3].valueAliases["4"]',
      'datasets[0].fields[4].valueAliases["护照"][0]',
      'datasets[0].rules[0].idField',
      'datasets[0].rules[0].sexField',
      'datasets[0].rules[1].when',
    ]);
  });

  it('rejects what is not a pack object, naming the root', () => {
    expect(detailsOf(null)).toEqual([
      '(root): 无效输入：期望 object，实际接收 空值(null)（Invalid input: expected object, received null）',
    ]);
  });

  it('lists at most 200 problems but counts them all', () => {
    const json = validPack();
    const [dataset] = json.datasets;
    if (dataset === undefined) throw new Error('fixture');
    const fields: Record<string, unknown>[] = dataset.fields;
    for (let i = 0; i < 300; i += 1)
      fields.push({ name: `F${i}`, title: `字段${i}`, type: 'string' });
    const result = parsePack(json);
    if (result.ok) throw new Error('expected the pack to be rejected');
    expect(result.error.message.zh).toBe('标准包文件有 300 处错误');
    expect(result.error.details).toHaveLength(201);
    expect(result.error.details?.at(-1)).toBe('……另有 100 处错误未列出（100 more not listed）');
  });
});
