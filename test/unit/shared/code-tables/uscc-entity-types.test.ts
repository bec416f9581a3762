import { describe, expect, it } from 'vitest';
import {
  listUsccEntityTypes,
  lookupUsccAuthority,
  lookupUsccEntityType,
} from '../../../../shared/code-tables/uscc-entity-types.ts';

const at = (char: string): number => char.charCodeAt(0);

describe('USCC entity types', () => {
  it('holds the 36 pairs of GB 32100 Table 1 with its amendment', () => {
    expect(listUsccEntityTypes()).toHaveLength(36);
  });

  it('knows the common prefixes', () => {
    expect(lookupUsccEntityType(at('9'), at('1'))).toMatchObject({
      authorityName: '工商',
      typeName: '企业',
    });
    expect(lookupUsccEntityType(at('9'), at('2'))?.typeName).toBe('个体工商户');
    expect(lookupUsccEntityType(at('1'), at('2'))?.typeName).toBe('事业单位');
    expect(lookupUsccEntityType(at('N'), at('2'))?.typeName).toBe('村级集体经济组织');
  });

  it('knows no undefined authority or pair', () => {
    expect(lookupUsccAuthority(at('B'))).toBeUndefined();
    expect(lookupUsccAuthority(at('A'))).toBe('中央军委改革和编制办公室');
    expect(lookupUsccEntityType(at('9'), at('4'))).toBeUndefined();
    expect(lookupUsccEntityType(at('Y'), at('2'))).toBeUndefined();
  });
});
