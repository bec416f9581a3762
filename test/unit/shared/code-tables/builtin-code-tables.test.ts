import { describe, expect, it } from 'vitest';
import {
  getBuiltinCodeLookup,
  getBuiltinCodeTable,
} from '../../../../shared/code-tables/builtin-code-tables.ts';
import { normalizeCodeValue } from '../../../../shared/code-tables/code-table.ts';
import { builtinCodeTables, type BuiltinCodeTable } from '../../../../shared/pack/pack-schema.ts';

function resolve(id: BuiltinCodeTable, value: string): string | undefined {
  return getBuiltinCodeLookup(id).resolve(value)?.code;
}

describe('built-in code tables', () => {
  it.each([
    ['sex', 6],
    ['marital-status', 8],
    ['ethnic-group', 58],
    ['household-relationship', 84],
    ['education', 40],
    ['political-affiliation', 13],
    ['division', 3213],
  ] as const)('%s has the %i codes of the reference', (id, count) => {
    const table = getBuiltinCodeTable(id);
    expect(table.id).toBe(id);
    expect(table.entries).toHaveLength(count);
    expect(new Set(table.entries.map((e) => e.code)).size).toBe(count);
  });

  it('keeps codes as text with their leading zeros', () => {
    expect(getBuiltinCodeTable('ethnic-group').entries[0]).toMatchObject({
      code: '01',
      name: '汉族',
    });
    expect(getBuiltinCodeTable('household-relationship').entries[0]?.code).toBe('01');
  });

  it('builds each table and lookup once', () => {
    expect(getBuiltinCodeTable('sex')).toBe(getBuiltinCodeTable('sex'));
    expect(getBuiltinCodeLookup('division')).toBe(getBuiltinCodeLookup('division'));
  });

  it('gives no spelling of a small table two meanings', () => {
    for (const id of builtinCodeTables.filter((t) => t !== 'division')) {
      const lookup = getBuiltinCodeLookup(id);
      for (const entry of lookup.table.entries) {
        for (const spelling of [entry.code, entry.name, ...entry.aliases]) {
          expect(lookup.resolve(spelling)?.code, `${id}: ${spelling}`).toBe(entry.code);
        }
      }
    }
  });

  it('accepts 男 and 女 for sex, and keeps the disputed codes with a note', () => {
    expect(resolve('sex', '男')).toBe('1');
    expect(resolve('sex', '女')).toBe('2');
    expect(resolve('sex', '男性')).toBe('1');
    const disputed = getBuiltinCodeTable('sex').entries.find((e) => e.code === '5');
    expect(disputed?.note).toContain('disputed');
  });

  it('accepts ethnic groups with and without 族, by code with or without the zero', () => {
    expect(resolve('ethnic-group', '汉')).toBe('01');
    expect(resolve('ethnic-group', '汉族')).toBe('01');
    expect(resolve('ethnic-group', '1')).toBe('01');
    expect(resolve('ethnic-group', '回')).toBe('03');
    expect(resolve('ethnic-group', '土')).toBe('30');
    expect(resolve('ethnic-group', '土家')).toBe('15');
    expect(resolve('ethnic-group', '外国人入中国籍')).toBe('98');
  });

  it('spells 水族 Sui / SU, as the standard text does', () => {
    expect(resolve('ethnic-group', 'Sui')).toBe('25');
    expect(resolve('ethnic-group', 'SU')).toBe('25');
    expect(resolve('ethnic-group', 'Shui')).toBeUndefined();
  });

  it('accepts the common short political affiliations', () => {
    expect(resolve('political-affiliation', '中共党员')).toBe('01');
    expect(resolve('political-affiliation', '共青团员')).toBe('03');
    expect(resolve('political-affiliation', '无党派人士')).toBe('12');
    expect(resolve('political-affiliation', '群众')).toBe('13');
  });

  it('accepts the everyday marital words', () => {
    expect(resolve('marital-status', '已婚')).toBe('20');
    expect(resolve('marital-status', '有配偶')).toBe('20');
    expect(resolve('marital-status', '离异')).toBe('40');
    expect(getBuiltinCodeTable('marital-status').entries.find((e) => e.code === '21')?.parent).toBe(
      '20',
    );
  });

  it('matches household relationships written with 、 or 或', () => {
    expect(resolve('household-relationship', '孙子、孙女、外孙子、外孙女')).toBe('40');
    expect(resolve('household-relationship', '孙子、孙女或外孙子、外孙女')).toBe('40');
    expect(
      getBuiltinCodeTable('household-relationship').entries.find((e) => e.code === '93')?.category,
    ).toBe('8');
  });

  it('resolves divisions by code, by a unique name and by a name with its parents', () => {
    expect(resolve('division', '371702')).toBe('371702');
    expect(resolve('division', '牡丹区')).toBe('371702');
    expect(resolve('division', '菏泽市牡丹区')).toBe('371702');
    expect(resolve('division', '山东省菏泽市牡丹区')).toBe('371702');
    expect(resolve('division', '北京市朝阳区')).toBe('110105');
  });

  it('refuses to guess a division name two divisions share', () => {
    expect(resolve('division', '朝阳区')).toBeUndefined();
    expect(
      getBuiltinCodeLookup('division')
        .candidates('朝阳区')
        .map((e) => e.code),
    ).toEqual(['110105', '220104']);
  });

  it('holds only current divisions; historical codes are for the gb2260 format', () => {
    expect(resolve('division', '372901')).toBeUndefined();
    expect(resolve('division', '371771')).toBeUndefined();
  });

  it('stores names in normalised form already where it matters (no stray spaces)', () => {
    for (const id of builtinCodeTables) {
      for (const entry of getBuiltinCodeTable(id).entries) {
        expect(entry.name.trim()).toBe(entry.name);
        expect(normalizeCodeValue(entry.code)).toBe(entry.code);
      }
    }
  });
});
