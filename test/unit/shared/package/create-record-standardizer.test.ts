import { describe, expect, it } from 'vitest';
import { createRecordStandardizer } from '../../../../shared/package/create-record-standardizer.ts';
import { findBundledPack } from '../../../../shared/packs/index.ts';

const pack = findBundledPack('pop-base');
if (pack === undefined) throw new Error('pop-base is bundled');
const dataset = pack.datasets[0];
if (dataset === undefined) throw new Error('pop-base has a dataset');
const standardize = createRecordStandardizer(pack, dataset);
const at = (name: string): number => dataset.fields.findIndex((f) => f.name === name);

function record(values: Record<string, string | null>): (string | null)[] {
  const out = dataset?.fields.map(() => '' as string | null) ?? [];
  for (const [name, value] of Object.entries(values)) out[at(name)] = value;
  return out;
}

describe('createRecordStandardizer', () => {
  it('writes codes for names, ISO dates and trimmed, half-width values', () => {
    const out = standardize(
      record({
        XB: '男',
        MZ: '汉族',
        CSRQ: '1990年3月7日',
        HYZK: '已婚',
        XM: ' 张三 ',
        GMSFHM: '３７１７０２１９９００３０７１２３Ｘ',
      }),
    );
    expect(out[at('XB')]).toBe('1');
    expect(out[at('MZ')]).toBe('01');
    expect(out[at('CSRQ')]).toBe('1990-03-07');
    expect(out[at('HYZK')]).toBe('20');
    expect(out[at('XM')]).toBe('张三');
    expect(out[at('GMSFHM')]).toBe('37170219900307123X');
  });

  it('keeps codes as they are and passes a value it cannot read on unchanged', () => {
    const out = standardize(
      record({ XB: '2', MZ: '穿青人', CSRQ: '1950-02-30', HH: null, LXDH: '138 1234' }),
    );
    expect(out[at('XB')]).toBe('2');
    expect(out[at('MZ')]).toBe('穿青人');
    expect(out[at('CSRQ')]).toBe('1950-02-30');
    expect(out[at('HH')]).toBe('');
    expect(out[at('LXDH')]).toBe('138 1234');
  });
});
