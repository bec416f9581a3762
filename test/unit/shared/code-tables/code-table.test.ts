import { describe, expect, it } from 'vitest';
import {
  createCodeLookup,
  normalizeCodeValue,
  type CodeTable,
} from '../../../../shared/code-tables/code-table.ts';

const table: CodeTable = {
  id: 'test',
  title: 'test',
  source: 'test',
  entries: [
    { code: '01', name: '本人', aliases: ['自己'] },
    { code: '02', name: '户主', aliases: [] },
    { code: '40', name: '孙子、孙女或外孙子、外孙女', aliases: [] },
    { code: '51', name: '父亲', aliases: ['父'] },
    { code: '61', name: '祖父', aliases: ['父'] },
    { code: '70', name: '其他', aliases: ['02'] },
  ],
};

describe('normalizeCodeValue', () => {
  it('returns the very same string when nothing changes', () => {
    const value = '汉族';
    expect(normalizeCodeValue(value)).toBe(value);
  });

  it('removes whitespace, makes full-width half-width, upper-cases and reads 或 as 、', () => {
    expect(normalizeCodeValue(' 女性改（变）为 男性\u3000')).toBe('女性改(变)为男性');
    expect(normalizeCodeValue('ｈａｎ')).toBe('HAN');
    expect(normalizeCodeValue('养子或继子')).toBe('养子、继子');
  });
});

describe('createCodeLookup', () => {
  const lookup = createCodeLookup(table);

  it('resolves a code, a name and an alias to the entry', () => {
    expect(lookup.resolve('01')?.code).toBe('01');
    expect(lookup.resolve('户主')?.code).toBe('02');
    expect(lookup.resolve('自己')?.code).toBe('01');
  });

  it('resolves after normalisation (spaces, full width, 或 and 、 alike)', () => {
    expect(lookup.resolve(' 本 人 ')?.code).toBe('01');
    expect(lookup.resolve('０１')?.code).toBe('01');
    expect(lookup.resolve('孙子、孙女、外孙子、外孙女')?.code).toBe('40');
  });

  it('resolves a code without its leading zero when all codes have the same width', () => {
    expect(lookup.resolve('1')?.code).toBe('01');
  });

  it('lets a code win over another entry’s alias', () => {
    expect(lookup.resolve('02')?.code).toBe('02');
  });

  it('resolves a shared spelling to nothing, and lists its candidates', () => {
    expect(lookup.resolve('父')).toBeUndefined();
    expect(lookup.candidates('父').map((e) => e.code)).toEqual(['51', '61']);
  });

  it('resolves an unknown value to nothing and no candidates', () => {
    expect(lookup.resolve('邻居')).toBeUndefined();
    expect(lookup.candidates('邻居')).toEqual([]);
  });

  it('does not strip zeros when codes differ in width', () => {
    const mixed = createCodeLookup({
      ...table,
      entries: [
        { code: '01', name: 'a', aliases: [] },
        { code: '1', name: 'b', aliases: [] },
        { code: '100', name: 'c', aliases: [] },
      ],
    });
    expect(mixed.resolve('1')?.name).toBe('b');
  });
});
