import { describe, expect, it } from 'vitest';
import {
  checkResidentId,
  convertResidentId15To18,
  parseResidentId,
  residentIdCheckCharacter,
} from '../../../../shared/validators/resident-id.ts';

const context = { today: '2025-06-01' };

/** An 18-digit number with a correct check character. */
function id(body17: string): string {
  return body17 + residentIdCheckCharacter(body17);
}

describe('residentIdCheckCharacter', () => {
  it('computes the README worked example (S = 286, check 1)', () => {
    expect(residentIdCheckCharacter('37170219900307123')).toBe('1');
  });

  it('writes 10 as X', () => {
    expect(residentIdCheckCharacter('37170219951120108')).toBe('X');
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => residentIdCheckCharacter('3717021990030712')).toThrow();
  });
});

describe('checkResidentId', () => {
  it('accepts a valid number without a finding', () => {
    expect(checkResidentId('371702199003071231', context)).toBeUndefined();
  });

  it('treats a blank as fine (required owns blanks)', () => {
    expect(checkResidentId('', context)).toBeUndefined();
  });

  it('names the expected check character', () => {
    const finding = checkResidentId('371702199003071235', context);
    expect(finding).toMatchObject({ code: 'checksum', severity: 'error' });
    expect(finding?.message.zh).toContain('校验码错误：第18位应为 1，实为 5');
    expect(finding?.message.en).toContain(
      'check character wrong: position 18 should be 1, found 5',
    );
    expect(finding?.suggestion).toBeUndefined();
  });

  it('flags a lowercase x only when the number is otherwise valid, suggesting X', () => {
    expect(checkResidentId('37170219951120108x', context)).toMatchObject({
      code: 'lowercase-x',
      severity: 'error',
      suggestion: '37170219951120108X',
    });
    const badDate = id('37170219950230108').replace(/X$/, 'x');
    expect(checkResidentId(badDate, context)?.code).not.toBe('lowercase-x');
  });

  it('refuses an impossible birth date, naming the day', () => {
    const finding = checkResidentId(id('37170220210230123'), context);
    expect(finding).toMatchObject({ code: 'birth-date-invalid', severity: 'error' });
    expect(finding?.message.zh).toContain('2021年2月没有30日');
  });

  it('accepts 2000-02-29 and refuses 1900-02-29', () => {
    expect(checkResidentId(id('37170220000229002'), context)).toBeUndefined();
    expect(checkResidentId(id('37170219000229123'), context)?.code).toBe('birth-date-invalid');
  });

  it('refuses a birth date before 1900-01-01', () => {
    expect(checkResidentId(id('37170218991231123'), context)?.code).toBe('birth-date-too-early');
    expect(checkResidentId(id('37170219000101123'), context)).toBeUndefined();
  });

  it('refuses a birth date after today, and accepts today', () => {
    expect(checkResidentId(id('37170220250602123'), context)?.code).toBe('birth-date-future');
    expect(checkResidentId(id('37170220250601123'), context)).toBeUndefined();
  });

  it('accepts current and historical area codes without a finding', () => {
    expect(checkResidentId(id('37290119850310135'), context)).toBeUndefined(); // 菏泽市 1983-2000
    expect(checkResidentId(id('37292119820310135'), context)).toBeUndefined(); // 菏泽县 1981-1983
    expect(checkResidentId(id('37010119850310135'), context)).toBeUndefined(); // 市辖区 summary
  });

  it('warns when the area code is known only from the weak source (mumuy)', () => {
    const finding = checkResidentId(id('11020119800101123'), context); // 110201 昌平县
    expect(finding).toMatchObject({ code: 'area-weak-source', severity: 'warning' });
    expect(finding?.message.zh).toContain('110201（昌平县）');
  });

  it('refuses NBS development-zone codes and unknown codes', () => {
    expect(checkResidentId(id('37177119900307123'), context)?.code).toBe('area-unknown');
    expect(checkResidentId(id('37179919900307123'), context)?.code).toBe('area-unknown');
  });

  it('accepts the residence-permit and foreign permanent resident prefixes', () => {
    expect(checkResidentId(id('81000019980902013'), context)).toBeUndefined();
    expect(checkResidentId(id('82000019980902013'), context)).toBeUndefined();
    expect(checkResidentId(id('83000020020906006'), context)).toBeUndefined();
    expect(checkResidentId(id('93268219850101001'), context)).toBeUndefined();
    expect(checkResidentId(id('93768219850101001'), context)).toBeUndefined(); // 9 + 37 + 682
  });

  it('refuses a foreign permanent resident prefix with an unknown province', () => {
    expect(checkResidentId(id('99968219850101001'), context)?.code).toBe('area-unknown');
    expect(checkResidentId(id('90068219850101001'), context)?.code).toBe('area-unknown');
  });

  it('refuses Taiwan as 710000 only if unknown: it is a GB/T 2260 code, so it passes', () => {
    expect(checkResidentId(id('71000019900307123'), context)).toBeUndefined();
  });

  it('flags scientific notation as unrecoverable, without a suggestion', () => {
    const finding = checkResidentId('3.71702E+17', context);
    expect(finding).toMatchObject({ code: 'scientific-notation', severity: 'error' });
    expect(finding?.suggestion).toBeUndefined();
    expect(checkResidentId('3.71702199003071E+17', context)?.code).toBe('scientific-notation');
  });

  it('flags a number whose last digits a float turned into 000', () => {
    const finding = checkResidentId('371702199003071000', context);
    expect(finding).toMatchObject({ code: 'float-mangled', severity: 'error' });
    expect(finding?.suggestion).toBeUndefined();
  });

  it('accepts a number that really ends in 000 when its check character is right', () => {
    expect(residentIdCheckCharacter('37170219900307700')).toBe('0');
    expect(checkResidentId('371702199003077000', context)).toBeUndefined();
  });

  it('says which position holds a stray X or another character', () => {
    const x = checkResidentId('371702199003X71231', context);
    expect(x).toMatchObject({ code: 'charset' });
    expect(x?.message.zh).toContain('第13位');
    const letter = checkResidentId('37170219900307A231', context);
    expect(letter).toMatchObject({ code: 'charset' });
    expect(letter?.message.en).toContain('position 15 should be a digit, found "A"');
    expect(checkResidentId('无', context)?.code).toBe('charset');
    expect(checkResidentId('371702-19900307-1231', context)?.code).toBe('charset');
  });

  it('refuses other lengths, counting the characters', () => {
    const finding = checkResidentId('3717021990030712', context);
    expect(finding).toMatchObject({ code: 'length' });
    expect(finding?.message.zh).toContain('实为16位');
  });

  it('suggests the half-width number for full-width digits', () => {
    expect(checkResidentId('３７１７０２１９９００３０７１２３１', context)).toMatchObject({
      code: 'full-width',
      severity: 'error',
      suggestion: '371702199003071231',
    });
  });

  it('suggests the number without inner spaces', () => {
    expect(checkResidentId('371702 19900307 1231', context)).toMatchObject({
      code: 'whitespace',
      suggestion: '371702199003071231',
    });
  });

  it('reports the real problem, not the typing slip, when the clean number is still wrong', () => {
    expect(checkResidentId('３７１７０２１９９００３０７１２３５', context)?.code).toBe('checksum');
  });

  describe('15-digit legacy numbers', () => {
    it('warns and suggests the certain 18-digit conversion', () => {
      expect(checkResidentId('372901850310135', context)).toMatchObject({
        code: 'legacy-15',
        severity: 'warning',
        suggestion: '372901198503101354',
      });
    });

    it('checks the birth date and the area code', () => {
      expect(checkResidentId('371702900230124', context)?.code).toBe('birth-date-invalid');
      expect(checkResidentId('371771900307124', context)?.code).toBe('area-unknown');
    });

    it('refuses an X: a 15-digit number has no check character', () => {
      const finding = checkResidentId('37170290030712X', context);
      expect(finding?.code).toBe('charset');
      expect(finding?.message.zh).toContain('15位旧号码没有校验码');
    });
  });
});

describe('convertResidentId15To18', () => {
  it('inserts 19 and appends the check character', () => {
    expect(convertResidentId15To18('372901850310135')).toBe('372901198503101354');
    expect(convertResidentId15To18('330102200403064')).toBe('33010219200403064X');
  });

  it('throws on anything but 15 digits (a caller bug)', () => {
    expect(() => convertResidentId15To18('37290185031013')).toThrow();
  });
});

describe('parseResidentId', () => {
  it('reads area, birth date and sex from an 18-digit number', () => {
    expect(parseResidentId('371702199003071231')).toEqual({
      area: '371702',
      birthDate: '1990-03-07',
      sex: 'male',
    });
    expect(parseResidentId('371702200506152469')).toEqual({
      area: '371702',
      birthDate: '2005-06-15',
      sex: 'female',
    });
  });

  it('reads a 15-digit number in the 1900s', () => {
    expect(parseResidentId('371702900307124')).toEqual({
      area: '371702',
      birthDate: '1990-03-07',
      sex: 'female',
    });
  });

  it('accepts a lowercase x check character', () => {
    expect(parseResidentId('37170219951120108x')?.birthDate).toBe('1995-11-20');
  });

  it('returns undefined for a wrong check character, an impossible date or another length', () => {
    expect(parseResidentId('371702199003071230')).toBeUndefined();
    expect(parseResidentId('371702199002301234')).toBeUndefined();
    expect(parseResidentId('37170219900307123')).toBeUndefined();
    expect(parseResidentId('37170290030712X')).toBeUndefined();
  });
});
