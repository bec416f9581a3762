import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  creditCodeCheckCharacter,
  creditCodePlaceholder,
} from '../../../../shared/validators/credit-code.ts';
import { orgCodeCheckCharacter } from '../../../../shared/validators/org-code.ts';

/** A credit code with a correct embedded organization code and check character. */
function code(prefix2: string, region: string, orgBody8 = 'MA3N7Q4K'): string {
  const body = prefix2 + region + orgBody8 + orgCodeCheckCharacter(orgBody8);
  return body + creditCodeCheckCharacter(body);
}

describe('creditCodeCheckCharacter', () => {
  it('computes the GB 32100 Appendix B example (S = 1640, check 3)', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('refuses a body with a character outside the alphabet', () => {
    expect(() => creditCodeCheckCharacter('91350100M000100I4')).toThrow();
  });
});

describe('checkCreditCode', () => {
  it('accepts a valid code and a blank', () => {
    expect(checkCreditCode('91371702MA3N7Q4K1H')).toBeUndefined();
    expect(checkCreditCode('')).toBeUndefined();
  });

  it('names the expected check character and mentions the pilot-region exemption', () => {
    const finding = checkCreditCode('91371702MA3N7Q4K10');
    expect(finding).toMatchObject({ code: 'checksum', severity: 'error' });
    expect(finding?.message.zh).toContain('第18位应为 H，实为 0');
    expect(finding?.message.zh).toContain('豁免');
  });

  it('keeps the early pilot-region code 91350211M00013FA1N an error', () => {
    expect(checkCreditCode('91350211M00013FA1N')).toMatchObject({
      code: 'checksum',
      severity: 'error',
    });
  });

  it('refuses the placeholder 00000000000000000X with its own reason code', () => {
    const finding = checkCreditCode(creditCodePlaceholder);
    expect(finding).toMatchObject({ code: 'placeholder', severity: 'error' });
    expect(finding?.message.zh).toContain('个体工商户');
    expect(checkCreditCode('00000000000000000x')).toMatchObject({
      code: 'lowercase',
      suggestion: creditCodePlaceholder,
    });
  });

  it('names each excluded letter and its position', () => {
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      const finding = checkCreditCode(`91371702MA3N${letter}Q4K1H`);
      expect(finding?.code).toBe('charset');
      expect(finding?.message.zh).toContain(`第13位「${letter}」`);
    }
  });

  it('suggests upper case only when the upper-case code is valid', () => {
    expect(checkCreditCode('91371702ma3n7q4k1h')).toMatchObject({
      code: 'lowercase',
      severity: 'error',
      suggestion: '91371702MA3N7Q4K1H',
    });
    expect(checkCreditCode('91371702ma3n7q4k10')?.code).toBe('checksum');
  });

  it('refuses a wrong length, with a hint for registration numbers and organization codes', () => {
    expect(checkCreditCode('91371702MA3N7Q4K1')?.code).toBe('length');
    expect(checkCreditCode('370000000000001')?.message.zh).toContain('工商注册号');
    expect(checkCreditCode('D2143569-X')?.message.zh).toContain('组织机构代码');
  });

  it('refuses an undefined authority and an undefined authority/type pair', () => {
    expect(checkCreditCode(code('B1', '371702'))?.code).toBe('authority-unknown');
    const pair = checkCreditCode(code('94', '371702'));
    expect(pair?.code).toBe('authority-type-unknown');
    expect(pair?.message.zh).toContain('「9」（工商）');
  });

  it('accepts the amendment authorities A and N', () => {
    expect(checkCreditCode(code('A1', '371702'))).toBeUndefined();
    expect(checkCreditCode(code('N2', '371702'))).toBeUndefined();
    expect(checkCreditCode(code('N4', '371702'))?.code).toBe('authority-type-unknown');
  });

  it('checks the region: digits, known, historical accepted, weak source warned', () => {
    expect(checkCreditCode('9137A702MA3N7Q4K11')?.code).toBe('region-format');
    expect(checkCreditCode(code('91', '999999'))?.code).toBe('region-unknown');
    expect(checkCreditCode(code('91', '371771'))?.code).toBe('region-unknown');
    expect(checkCreditCode(code('91', '372901'))).toBeUndefined();
    expect(checkCreditCode(code('91', '110201'))).toMatchObject({
      code: 'region-weak-source',
      severity: 'warning',
    });
  });

  it('accepts the central-level region 100000', () => {
    expect(checkCreditCode(code('11', '100000'))).toBeUndefined();
  });

  it('refuses an embedded organization code that fails its own check', () => {
    const finding = checkCreditCode('91371702MA3N7Q4K2L');
    expect(finding?.code).toBe('embedded-org-code');
    expect(finding?.message.zh).toContain('MA3N7Q4K-2');
    expect(finding?.message.zh).toContain('应为 1');
  });

  it('flags spreadsheet damage: scientific notation and a float ending in 000', () => {
    expect(checkCreditCode('1.237E+17')?.code).toBe('scientific-notation');
    expect(checkCreditCode('123700007258479000')?.code).toBe('float-mangled');
  });

  it('suggests the half-width code for full-width input', () => {
    expect(checkCreditCode('９１３７１７０２ＭＡ３Ｎ７Ｑ４Ｋ１Ｈ')).toMatchObject({
      code: 'full-width',
      suggestion: '91371702MA3N7Q4K1H',
    });
  });
});
