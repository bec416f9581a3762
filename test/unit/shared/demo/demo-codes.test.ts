import { describe, expect, it } from 'vitest';
import {
  createCreditCode,
  createOrgCode,
  createRegistrationNumber,
  createResidentId,
  fullWidthDigits,
  scientificNotation,
  toLegacyResidentId,
  withBadEmbeddedOrgCode,
  withInnerSpace,
  withWrongCheckCharacter,
} from '../../../../shared/demo/demo-codes.ts';
import { mudanAuthorities } from '../../../../shared/demo/mudan-authorities.ts';
import { createRandom } from '../../../../shared/demo/random.ts';
import { checkCreditCode } from '../../../../shared/validators/credit-code.ts';
import { checkOrgCode } from '../../../../shared/validators/org-code.ts';
import { checkResidentId } from '../../../../shared/validators/resident-id.ts';

const context = { today: '2026-11-26' };

describe('demo codes', () => {
  it('builds the reference examples: a resident ID, an organisation code, a credit code', () => {
    expect(createResidentId('371702', '1990-03-07', 123)).toBe('371702199003071231');
    expect(createOrgCode('D2143569')).toBe('D2143569X');
    expect(createCreditCode('91', '350100', 'M000100Y')).toBe('91350100M000100Y43');
  });

  it('builds a 工商注册号 whose MOD 11,10 check digit holds', () => {
    const number = createRegistrationNumber('371702', '60012345');
    expect(number).toMatch(/^37170260012345\d$/);
    let p = 10;
    for (const char of number.slice(0, 14)) {
      const s = (p + Number(char)) % 10 || 10;
      p = (s * 2) % 11;
    }
    expect((p + Number(number.charAt(14))) % 10).toBe(1);
  });

  it('gives every authority a distinct credit code that passes GB 32100', () => {
    const codes = Object.values(mudanAuthorities).map((a) => a.creditCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(checkCreditCode(code), code).toBeUndefined();
    expect(mudanAuthorities.market.creditCode).toMatch(/^11371702/);
    expect(mudanAuthorities.tobacco.creditCode).toMatch(/^12371702/);
  });

  it('spoils codes the way the validators report them', () => {
    const random = createRandom(3);
    const code = mudanAuthorities.market.creditCode;
    expect(checkCreditCode(withWrongCheckCharacter(random, code, '0123456789'))?.code).toMatch(
      /checksum|float-mangled/,
    );
    expect(checkCreditCode(withBadEmbeddedOrgCode(random, code))?.code).toBe('embedded-org-code');
    expect(checkCreditCode(withInnerSpace(code, 8))).toMatchObject({
      code: 'whitespace',
      suggestion: code,
    });
    expect(checkOrgCode(withWrongCheckCharacter(random, createOrgCode('D2143569')))?.code).toBe(
      'checksum',
    );
    const id = createResidentId('372901', '1968-11-02', 45);
    expect(checkResidentId(id, context)).toBeUndefined();
    expect(checkResidentId(toLegacyResidentId(id), context)).toMatchObject({
      code: 'legacy-15',
      severity: 'warning',
      suggestion: id,
    });
    expect(fullWidthDigits('2024/5/1')).toBe('２０２４/５/１');
  });

  it('shows a long number as a spreadsheet does in scientific notation', () => {
    expect(scientificNotation('913717021234567890')).toBe('9.13717E+17');
    expect(scientificNotation('371702199003071231')).toBe('3.71702E+17');
    expect(scientificNotation('370000000000000000')).toBe('3.7E+17');
    expect(checkCreditCode(scientificNotation('913717021234567890'))?.code).toBe(
      'scientific-notation',
    );
  });
});
