import { describe, expect, it } from 'vitest';
import { checkDivisionCode } from '../../../../shared/validators/division-code.ts';

describe('checkDivisionCode', () => {
  it('accepts current codes at every level, and a blank', () => {
    expect(checkDivisionCode('370000')).toBeUndefined();
    expect(checkDivisionCode('371700')).toBeUndefined();
    expect(checkDivisionCode('371702')).toBeUndefined();
    expect(checkDivisionCode('')).toBeUndefined();
  });

  it('warns about a historical code and names its successor', () => {
    const finding = checkDivisionCode('372901');
    expect(finding).toMatchObject({ code: 'historical', severity: 'warning' });
    expect(finding?.message.zh).toContain('372901（菏泽市）');
    expect(finding?.message.zh).toContain('现行代码为 371702');
  });

  it('warns about a historical code known only from the weak source', () => {
    expect(checkDivisionCode('110201')).toMatchObject({ code: 'weak-source', severity: 'warning' });
  });

  it('refuses NBS development-zone codes and unknown codes', () => {
    expect(checkDivisionCode('371771')).toMatchObject({ code: 'unknown', severity: 'error' });
    expect(checkDivisionCode('371799')?.code).toBe('unknown');
    expect(checkDivisionCode('000000')?.code).toBe('unknown');
  });

  it('refuses other lengths with a hint for township and statistical codes', () => {
    expect(checkDivisionCode('371702001')?.message.zh).toContain('乡镇街道代码');
    expect(checkDivisionCode('371702001000')?.message.zh).toContain('统计用区划代码');
    expect(checkDivisionCode('37')).toMatchObject({ code: 'length' });
  });

  it('names a non-digit and suggests half-width digits', () => {
    expect(checkDivisionCode('37170A')?.code).toBe('charset');
    expect(checkDivisionCode('３７１７０２')).toMatchObject({
      code: 'full-width',
      suggestion: '371702',
    });
  });
});
