import { describe, expect, it } from 'vitest';
import { createDemo, demoPackIds } from '../../../../shared/demo/create-demo.ts';
import { createRandom } from '../../../../shared/demo/random.ts';
import {
  confidentSuggestion,
  suggestMapping,
  type ColumnSample,
} from '../../../../shared/mapping/suggest-mapping.ts';
import type { Dataset, Pack } from '../../../../shared/pack/pack-schema.ts';
import { findBundledPack } from '../../../../shared/packs/index.ts';
import { residentIdCheckCharacter } from '../../../../shared/validators/resident-id.ts';
import { decorate, headersFor } from './renamed-headers.ts';

function bundled(id: string): { pack: Pack; dataset: Dataset } {
  const pack = findBundledPack(id);
  const dataset = pack?.datasets[0];
  if (pack === undefined || dataset === undefined) throw new Error(`no bundled pack ${id}`);
  return { pack, dataset };
}

const pop = bundled('pop-base');
const legal = bundled('legal-entity-base');
const xzxk = bundled('sgs-xzxk');
const xzcf = bundled('sgs-xzcf');

/** Valid resident IDs of Mudan district: area, birth date, sequence, check character. */
const ids = ['19900307123', '19850310135', '19720101004', '20020516432', '19661231987'].map(
  (rest) => {
    const body = `371702${rest}`;
    return body + residentIdCheckCharacter(body);
  },
);

function fieldsOf(
  { pack, dataset }: { pack: Pack; dataset: Dataset },
  columns: readonly ColumnSample[],
) {
  const result = suggestMapping(pack, dataset, columns);
  return result.columns.map((c) => c.field);
}

function headerOnly(headers: readonly string[]): ColumnSample[] {
  return headers.map((header) => ({ header, samples: [] }));
}

interface Renamed {
  readonly columns: ColumnSample[];
  /** The true field of each column. */
  readonly truth: string[];
}

/**
 * Demo data of a pack with its headers renamed the way county files do (synonyms, county
 * variants, decorations), the ID column's header sometimes left empty, and the columns shuffled.
 */
function renamedDemo(pack: Pack, seed: number): { dataset: Dataset; renamed: Renamed } {
  const generator = createDemo(pack, { rows: 300, seed, errorRate: 0.05, today: '2026-11-26' });
  if (!generator.ok) throw new Error(generator.error.message.en);
  const { dataset } = generator.value;
  const rows = [...generator.value.rows()];
  const random = createRandom(seed * 7919);
  const used = new Set<string>();
  const columns = dataset.fields.map((field, i) => {
    let header = random.pick(headersFor(field));
    if (used.has(header)) header = field.title;
    used.add(header);
    header =
      field.format === 'gb11643' && random.int(0, 3) === 0 ? '列A' : decorate(random, header, i);
    return { field: field.name, header, samples: rows.map((row) => row[i] ?? '') };
  });
  for (let i = columns.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [columns[i], columns[j]] = [
      columns[j] as (typeof columns)[number],
      columns[i] as (typeof columns)[number],
    ];
  }
  return {
    dataset,
    renamed: {
      columns: columns.map(({ header, samples }) => ({ header, samples })),
      truth: columns.map((c) => c.field),
    },
  };
}

describe('suggestMapping on demo data with renamed, shuffled and synonym headers', () => {
  it('maps at least 95% of the columns right, and every required field, for every demo pack and several seeds', () => {
    let columns = 0;
    let right = 0;
    let required = 0;
    let requiredFound = 0;
    const misses: string[] = [];
    for (const packId of demoPackIds) {
      const pack = findBundledPack(packId);
      if (pack === undefined) throw new Error(packId);
      for (let seed = 1; seed <= 8; seed += 1) {
        const { dataset, renamed } = renamedDemo(pack, seed);
        const result = suggestMapping(pack, dataset, renamed.columns);
        result.columns.forEach((suggestion, i) => {
          const truth = renamed.truth[i];
          const isRight =
            suggestion.field === truth && suggestion.confidence >= confidentSuggestion;
          columns += 1;
          if (isRight) right += 1;
          else
            misses.push(`${packId}#${seed} ${suggestion.column} -> ${suggestion.field} (${truth})`);
          if (dataset.fields.find((f) => f.name === truth)?.constraints?.required === true) {
            required += 1;
            if (isRight) requiredFound += 1;
          }
        });
        const requiredTruth = dataset.fields.filter((f) => f.constraints?.required === true);
        expect(result.unmappedRequired).toEqual(
          requiredTruth.filter((f) => !renamed.truth.includes(f.name)).map((f) => f.name),
        );
      }
    }
    expect(demoPackIds.length).toBeGreaterThanOrEqual(1);
    expect(right / columns, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(requiredFound).toBe(required);
  });
});

describe('suggestMapping: headers', () => {
  it('matches titles and identifiers at full confidence, synonyms just below', () => {
    const result = suggestMapping(
      pop.pack,
      pop.dataset,
      headerOnly(['公民身份号码', 'XM', '手机号']),
    );
    expect(result.columns.map((c) => [c.field, c.confidence])).toEqual([
      ['GMSFHM', 1],
      ['XM', 1],
      ['LXDH', 0.95],
    ]);
  });

  it('reads through the required mark, numbering, spaces, full-width brackets and notes in brackets', () => {
    expect(
      fieldsOf(pop, headerOnly(['*姓名', '2.性别', '民 族', '出生日期（年月日）', '(一)联系电话'])),
    ).toEqual(['XM', 'XB', 'MZ', 'CSRQ', 'LXDH']);
  });

  it('reads through a required mark written as * or as (必填) in any bracket', () => {
    const marked = suggestMapping(pop.pack, pop.dataset, headerOnly(['姓名（必填）']));
    expect(marked.columns[0]).toMatchObject({ field: 'XM', confidence: 1 });
    expect(marked.columns[0]?.reason.zh).toBe('列名即字段名称「姓名」');
    expect(
      fieldsOf(pop, headerOnly(['与户主关系*', '姓名＊', '性别 (必填)', '【必填】民族'])),
    ).toEqual(['YHZGX', 'XM', 'XB', 'MZ']);
  });

  it('matches a numbered title by its own name and by the name in its brackets', () => {
    expect(
      fieldsOf(
        xzxk,
        headerOnly(['行政相对人代码_2(工商注册号)', '代码(组织机构代码)', '行政相对人代码_4']),
      ),
    ).toEqual(['XK_XDR_GSZC', 'XK_XDR_ZZJG', 'XK_XDR_SWDJ']);
  });

  it('takes the head noun at the end of a longer header (联系人电话 is a phone, not a contact)', () => {
    const result = suggestMapping(legal.pack, legal.dataset, headerOnly(['联系人电话']));
    expect(result.columns[0]?.field).toBe('LXDH');
    expect(fieldsOf(pop, headerOnly(['民族名称', '户主姓名']))).toEqual(['MZ', 'XM']);
  });

  it('never matches by edit distance on short headers: 姓名 and 性别 are one edit apart', () => {
    expect(fieldsOf(pop, headerOnly(['性名', '姓别', '名姓']))).toEqual([null, null, null]);
    expect(fieldsOf(pop, headerOnly(['性别', '姓名']))).toEqual(['XB', 'XM']);
  });

  it('does not read generic head nouns or one-character splits as fields', () => {
    expect(fieldsOf(legal, headerOnly(['项目名称', '调试状态', '交易时间']))).toEqual([
      null,
      null,
      null,
    ]);
    expect(fieldsOf(pop, headerOnly(['商户号']))).toEqual([null]);
  });

  it('gives one column per field: equal candidates are reported as a tie, the loser says who won', () => {
    const result = suggestMapping(pop.pack, pop.dataset, headerOnly(['手机', '电话']));
    expect(result.columns.map((c) => c.field)).toEqual(['LXDH', null]);
    expect(result.ties).toEqual([{ field: 'LXDH', columns: ['手机', '电话'] }]);
    expect(result.columns[1]?.contested).toBe('LXDH');
    expect(result.columns[1]?.reason.zh).toContain('已由列「手机」对应');
  });

  it('gives the field to the better header when two columns want it', () => {
    const result = suggestMapping(pop.pack, pop.dataset, headerOnly(['户主姓名', '姓名']));
    expect(result.columns.map((c) => c.field)).toEqual([null, 'XM']);
  });

  it('lists the required fields no confident suggestion feeds', () => {
    const result = suggestMapping(pop.pack, pop.dataset, headerOnly(['姓名', '性别']));
    expect(result.unmappedRequired).toEqual(['GMSFHM', 'MZ', 'CSRQ']);
  });

  it('suggests converting 元 to 万元 when the header gives its unit', () => {
    const yuan = suggestMapping(xzcf.pack, xzcf.dataset, headerOnly(['罚款金额(元)']));
    expect(yuan.columns[0]).toMatchObject({
      field: 'CF_NR_FK',
      transforms: [{ kind: 'unit', from: '元', to: '万元' }],
    });
    expect(yuan.columns[0]?.reason.zh).toContain('将换算');
  });

  it('leaves unrelated tables unmapped (a bank statement is not a population register)', () => {
    const bank = [
      { header: '交易日期', samples: ['2023-05-02', '2023-05-03', '2023-05-04', '2023-05-05'] },
      { header: '交易金额', samples: ['-12.00', '100.50', '8.8', '1,200.00'] },
      { header: '对方户名', samples: ['张三', '李四', '王五', '赵六'] },
      { header: '序号', samples: ['1', '2', '3', '4', '5'] },
    ];
    const result = suggestMapping(pop.pack, pop.dataset, bank);
    expect(result.columns.map((c) => c.field)).toEqual([null, null, null, null]);
  });
});

describe('suggestMapping: values are evidence', () => {
  it('takes a column of valid resident IDs as 公民身份号码 when its header is empty or says nothing', () => {
    for (const header of ['列C', '', '编号']) {
      const result = suggestMapping(pop.pack, pop.dataset, [{ header, samples: ids }]);
      expect(result.columns[0]).toMatchObject({ field: 'GMSFHM' });
      expect(result.columns[0]?.confidence).toBeGreaterThanOrEqual(confidentSuggestion);
      expect(result.columns[0]?.reason.zh).toContain('通过公民身份号码');
    }
  });

  it('takes 证件号码 with resident IDs as the ID column, and raises a match the values agree with', () => {
    const result = suggestMapping(pop.pack, pop.dataset, [{ header: '证件号码', samples: ids }]);
    expect(result.columns[0]?.field).toBe('GMSFHM');
    expect(result.columns[0]?.confidence).toBeGreaterThan(0.95);
  });

  it('names a column of code names with an empty header by its code table (男/女 is 性别)', () => {
    const result = suggestMapping(pop.pack, pop.dataset, [
      { header: '列D', samples: ['男', '女', '女', '男', '男'] },
      { header: '列E', samples: ['汉族', '回族', '汉族', '汉', '满族'] },
    ]);
    expect(result.columns.map((c) => c.field)).toEqual(['XB', 'MZ']);
  });

  it('only hints at a date column with an empty header, and says nothing for a named one', () => {
    const dates = ['1990-03-07', '1985/3/10', '2001年5月6日', '19991231'];
    const empty = suggestMapping(pop.pack, pop.dataset, [{ header: '列F', samples: dates }]);
    expect(empty.columns[0]?.field).toBe('CSRQ');
    expect(empty.columns[0]?.confidence).toBeLessThan(confidentSuggestion);
    const named = suggestMapping(pop.pack, pop.dataset, [{ header: '入账日期', samples: dates }]);
    expect(named.columns[0]?.field).toBeNull();
  });

  it('keeps a header that names the field even when the values are bad (the rules report them)', () => {
    const bad = ['371702199003071200', '371702199003071201', '3.71702E+17', 'abc', '123'];
    const result = suggestMapping(pop.pack, pop.dataset, [
      { header: '公民身份号码', samples: bad },
    ]);
    expect(result.columns[0]?.field).toBe('GMSFHM');
    expect(result.columns[0]?.confidence).toBeGreaterThanOrEqual(confidentSuggestion);
    expect(result.columns[0]?.reason.zh).toContain('但样本中只有');
  });

  it('does not count bare numbers as the codes of a code table (序号 1..N is not 民族)', () => {
    const result = suggestMapping(pop.pack, pop.dataset, [
      { header: '列A', samples: ['1', '2', '3', '4', '5', '6'] },
    ]);
    expect(result.columns[0]?.field).toBeNull();
  });
});

describe('suggestMapping: the other packs', () => {
  it('maps 双公示 headers with their bracketed codes and synonyms', () => {
    expect(
      fieldsOf(
        xzcf,
        headerOnly([
          '当事人名称',
          '统一社会信用代码',
          '处罚决定书文号',
          '处罚日期',
          '罚款金额',
          '执法机关',
        ]),
      ),
    ).toEqual(['CF_XDR_MC', 'CF_XDR_SHXYM', 'CF_WSH', 'CF_JDRQ', 'CF_NR_FK', 'CF_CFJG']);
  });

  it('keeps 许可机关统一社会信用代码 apart from the relative party’s credit code', () => {
    expect(fieldsOf(xzxk, headerOnly(['许可机关统一社会信用代码', '统一社会信用代码']))).toEqual([
      'XK_XKJGDM',
      'XK_XDR_SHXYM',
    ]);
  });
});
