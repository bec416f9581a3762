import { describe, expect, it } from 'vitest';
import { detectMangledNumber } from '../../../../shared/import/detect-mangled-number.ts';

describe('detectMangledNumber', () => {
  it('flags a long number shown in scientific notation, in text and number cells', () => {
    expect(detectMangledNumber('3.71702E+17')).toBe('scientific-notation');
    expect(detectMangledNumber('3.71702e+17', 'n')).toBe('scientific-notation');
    expect(detectMangledNumber('-1.2E+11')).toBe('scientific-notation');
    expect(detectMangledNumber('+3E+12')).toBe('scientific-notation');
  });

  it('leaves a short exponent, a negative exponent and other texts with a plus alone', () => {
    expect(detectMangledNumber('1.5E+10')).toBeUndefined();
    expect(detectMangledNumber('3.71702E-17')).toBeUndefined();
    expect(detectMangledNumber('+86 138 0000 0000')).toBeUndefined();
    expect(detectMangledNumber('A+B')).toBeUndefined();
  });

  it('flags 17 or more digits ending in the zeros a float leaves, and only those', () => {
    expect(detectMangledNumber('371702198001011000')).toBe('digits-lost');
    expect(detectMangledNumber('37170219800101100')).toBe('digits-lost');
    expect(detectMangledNumber('371702198001011234')).toBeUndefined();
    expect(detectMangledNumber('3717021980010110')).toBeUndefined();
    expect(detectMangledNumber('37170219800101100X')).toBeUndefined();
  });

  it('flags a number cell of 16 or more significant digits', () => {
    expect(detectMangledNumber('3717021980010112', 'n')).toBe('digits-lost');
    expect(detectMangledNumber('-3,717,021,980,010,112', 'n')).toBe('digits-lost');
    expect(detectMangledNumber('000371702198001011', 'n')).toBeUndefined();
    expect(detectMangledNumber('12345', 'n')).toBeUndefined();
  });
});
