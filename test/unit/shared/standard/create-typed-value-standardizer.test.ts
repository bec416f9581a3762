import { describe, expect, it } from 'vitest';
import { findBundledPack } from '../../../../shared/packs/index.ts';
import { createTypedValueStandardizer } from '../../../../shared/standard/create-typed-value-standardizer.ts';
import { createValueStandardizer } from '../../../../shared/standard/create-value-standardizer.ts';

const pack = findBundledPack('pop-base');
if (pack === undefined) throw new Error('pop-base is bundled');
const dataset = pack.datasets[0];
if (dataset === undefined) throw new Error('pop-base has a dataset');
const id = dataset.fields.find((f) => f.name === 'GMSFHM');
if (id === undefined) throw new Error('pop-base has GMSFHM');

describe('createValueStandardizer', () => {
  it('writes an ID check character x as X, with spaces and full-width forms fixed', () => {
    const standardize = createValueStandardizer(pack, id);
    expect(standardize(' 11010119900307100x ')).toBe('11010119900307100X');
    expect(standardize('１１０１０１１９９００３０７１００ｘ')).toBe('11010119900307100X');
    // Only the check character of an 18-character ID: anything else is left for the rules.
    expect(standardize('1101011990030710x')).toBe('1101011990030710x');
  });
});

describe('createTypedValueStandardizer', () => {
  const stored = createTypedValueStandardizer(pack, dataset);

  it('stores a typed date, code name and ID in standard form', () => {
    expect(stored('CSRQ', '2021/3/5')).toBe('2021-03-05');
    expect(stored('CSRQ', ' 2021年3月5日 ')).toBe('2021-03-05');
    expect(stored('XB', '女')).toBe('2');
    expect(stored('MZ', '汉族')).toBe('01');
    expect(stored('GMSFHM', ' 11010119900307100x')).toBe('11010119900307100X');
    expect(stored('XM', ' 张三 ')).toBe('张三');
  });

  it('stores a value it cannot make standard exactly as typed, and a blank as typed', () => {
    expect(stored('CSRQ', ' 2021/13/45 ')).toBe(' 2021/13/45 ');
    expect(stored('XB', ' 不知道 ')).toBe(' 不知道 ');
    expect(stored('XB', '  ')).toBe('  ');
    expect(stored('XB', '')).toBe('');
  });
});
