import { describe, expect, it } from 'vitest';
import { getBuiltinCodeTable } from '../../../../shared/code-tables/builtin-code-tables.ts';
import {
  codeNameOf,
  searchCodeEntries,
} from '../../../../shared/code-tables/search-code-entries.ts';

const ethnic = getBuiltinCodeTable('ethnic-group').entries;
const sex = getBuiltinCodeTable('sex').entries;

describe('searchCodeEntries', () => {
  it('finds 01 汉族 first when the clerk types 汉', () => {
    expect(searchCodeEntries(ethnic, '汉')[0]).toMatchObject({ code: '01', name: '汉族' });
  });

  it('finds a code typed exactly before codes that merely start with it', () => {
    const found = searchCodeEntries(ethnic, '1').map((e) => e.code);
    expect(found[0]).toBe('10');
    expect(found).toContain('11');
    expect(searchCodeEntries(sex, '2')[0]).toMatchObject({ code: '2', name: '女性' });
  });

  it('finds a name by a part in the middle, and nothing for a text no entry has', () => {
    expect(searchCodeEntries(ethnic, '吾尔').map((e) => e.name)).toEqual(['维吾尔族']);
    expect(searchCodeEntries(ethnic, '火星')).toEqual([]);
  });

  it('lists the table in order for an empty text, up to the limit', () => {
    expect(searchCodeEntries(ethnic, '', 3).map((e) => e.code)).toEqual(['01', '02', '03']);
  });
});

describe('codeNameOf', () => {
  const names = new Map(sex.map((e) => [e.code, e.name]));
  it('names a code and nothing else', () => {
    expect(codeNameOf(names, '2')).toBe('女性');
    expect(codeNameOf(names, '女')).toBeUndefined();
    expect(codeNameOf(names, null)).toBeUndefined();
  });
});
