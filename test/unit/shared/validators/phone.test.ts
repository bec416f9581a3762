import { describe, expect, it } from 'vitest';
import { checkMobile, checkPhone } from '../../../../shared/validators/phone.ts';

describe('checkMobile', () => {
  it('accepts 11 digits starting 13-19, and a blank', () => {
    for (const n of ['13012345678', '14512345678', '16612345678', '19912345678']) {
      expect(checkMobile(n)).toBeUndefined();
    }
    expect(checkMobile('')).toBeUndefined();
  });

  it('refuses a prefix that no mobile number has', () => {
    expect(checkMobile('12912345678')).toMatchObject({ code: 'prefix', severity: 'error' });
    expect(checkMobile('23912345678')?.code).toBe('prefix');
  });

  it('counts the digits of a short or long number', () => {
    const finding = checkMobile('1391234567');
    expect(finding?.code).toBe('length');
    expect(finding?.message.zh).toContain('实为10位');
  });

  it('drops a country code with a certain suggestion', () => {
    for (const n of ['+8613912345678', '008613912345678', '8613912345678', '+86-13912345678']) {
      expect(checkMobile(n)).toMatchObject({ code: 'country-code', suggestion: '13912345678' });
    }
  });

  it('joins a number written with hyphens or spaces', () => {
    expect(checkMobile('139-1234-5678')).toMatchObject({
      code: 'separators',
      suggestion: '13912345678',
    });
    expect(checkMobile('139 1234 5678')).toMatchObject({
      code: 'whitespace',
      suggestion: '13912345678',
    });
  });

  it('says that a landline is not a mobile number', () => {
    expect(checkMobile('0530-1234567')?.code).toBe('landline');
  });

  it('names a stray character and flags scientific notation', () => {
    expect(checkMobile('139123456a8')?.code).toBe('charset');
    expect(checkMobile('1.39123E+10')?.code).toBe('scientific-notation');
  });
});

describe('checkPhone', () => {
  it('accepts mobile numbers and landlines with an area code', () => {
    for (const n of [
      '13912345678',
      '0530-1234567',
      '0530-12345678',
      '05301234567',
      '(0530)1234567',
      '010-12345678',
      '01012345678',
      '021-87654321',
      '02087654321',
    ]) {
      expect(checkPhone(n), n).toBeUndefined();
    }
  });

  it('accepts extensions', () => {
    for (const n of [
      '0530-1234567-801',
      '0530-1234567转801',
      '010-12345678,8',
      '0530-1234567ext.12',
    ]) {
      expect(checkPhone(n), n).toBeUndefined();
    }
  });

  it('accepts 400/800 numbers and short service numbers', () => {
    for (const n of ['400-123-4567', '4001234567', '800-1234-567', '12345', '12315', '95588']) {
      expect(checkPhone(n), n).toBeUndefined();
    }
  });

  it('warns about a local number without its area code', () => {
    expect(checkPhone('5321234')).toMatchObject({ code: 'missing-area-code', severity: 'warning' });
  });

  it('refuses a local number of the wrong length for 010 and 02x', () => {
    const finding = checkPhone('010-1234567');
    expect(finding?.code).toBe('format');
    expect(finding?.message.zh).toContain('应为8位');
  });

  it('refuses several numbers in one cell', () => {
    expect(checkPhone('13912345678/0530-1234567')?.code).toBe('multiple-numbers');
    expect(checkPhone('13912345678，13812345678')?.code).toBe('multiple-numbers');
    expect(checkPhone('13912345678 13812345678')?.code).toBe('multiple-numbers');
  });

  it('passes mobile findings through and refuses anything else as format', () => {
    expect(checkPhone('+8613912345678')).toMatchObject({
      code: 'country-code',
      suggestion: '13912345678',
    });
    expect(checkPhone('无')?.code).toBe('format');
    expect(checkPhone('0012345678')?.code).toBe('format');
  });

  it('suggests removing the space between area code and number', () => {
    expect(checkPhone('0530 1234567')).toMatchObject({
      code: 'whitespace',
      suggestion: '05301234567',
    });
  });
});
