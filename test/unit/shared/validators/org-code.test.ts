import { describe, expect, it } from 'vitest';
import { checkOrgCode, orgCodeCheckCharacter } from '../../../../shared/validators/org-code.ts';

describe('orgCodeCheckCharacter', () => {
  it('computes the GB 11714 Appendix B example (199 mod 11 = 1, check X)', () => {
    expect(orgCodeCheckCharacter('D2143569')).toBe('X');
  });

  it('writes 11 as 0', () => {
    expect(orgCodeCheckCharacter('87654321')).toBe('0');
  });

  it('refuses a body that is not 8 digits or uppercase letters', () => {
    expect(() => orgCodeCheckCharacter('d2143569')).toThrow();
  });
});

describe('checkOrgCode', () => {
  it('accepts the code with and without the hyphen, and a blank', () => {
    expect(checkOrgCode('D2143569-X')).toBeUndefined();
    expect(checkOrgCode('D2143569X')).toBeUndefined();
    expect(checkOrgCode('')).toBeUndefined();
  });

  it('names the expected check character', () => {
    const finding = checkOrgCode('D2143569-1');
    expect(finding).toMatchObject({ code: 'checksum', severity: 'error' });
    expect(finding?.message.zh).toContain('应为 X，实为 1');
  });

  it('suggests upper case when the upper-case code is valid', () => {
    expect(checkOrgCode('d2143569-x')).toMatchObject({
      code: 'lowercase',
      suggestion: 'D2143569-X',
    });
    expect(checkOrgCode('d2143569-1')?.code).toBe('checksum');
  });

  it('counts a short body before the hyphen', () => {
    const finding = checkOrgCode('1234567-8');
    expect(finding?.code).toBe('length');
    expect(finding?.message.zh).toContain('实为7位');
  });

  it('refuses a hyphen out of place or a second hyphen', () => {
    expect(checkOrgCode('1234-56788')?.code).toBe('format');
    expect(checkOrgCode('12345678--8')?.code).toBe('format');
  });

  it('refuses other lengths and hints at a credit code', () => {
    expect(checkOrgCode('123456788')).toBeUndefined();
    expect(checkOrgCode('12345678')?.code).toBe('length');
    expect(checkOrgCode('91371702MA3N7Q4K1H')?.message.zh).toContain('统一社会信用代码');
  });

  it('names a character that is not allowed', () => {
    expect(checkOrgCode('D214356#-X')?.code).toBe('charset');
    expect(checkOrgCode('D2143569-Y')?.message.zh).toContain('校验码应为数字或 X');
  });

  it('suggests the half-width code for full-width input', () => {
    expect(checkOrgCode('Ｄ２１４３５６９－Ｘ')).toMatchObject({
      code: 'full-width',
      suggestion: 'D2143569-X',
    });
  });
});
