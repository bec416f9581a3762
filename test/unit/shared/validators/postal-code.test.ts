import { describe, expect, it } from 'vitest';
import { checkPostalCode } from '../../../../shared/validators/postal-code.ts';

describe('checkPostalCode', () => {
  it('accepts six digits, whatever the first digit, and a blank', () => {
    expect(checkPostalCode('274000')).toBeUndefined();
    expect(checkPostalCode('010000')).toBeUndefined();
    expect(checkPostalCode('999077')).toBeUndefined();
    expect(checkPostalCode('')).toBeUndefined();
  });

  it('warns that 000000 is a placeholder', () => {
    expect(checkPostalCode('000000')).toMatchObject({ code: 'placeholder', severity: 'warning' });
  });

  it('points at a lost leading zero when five digits remain', () => {
    const finding = checkPostalCode('10000');
    expect(finding).toMatchObject({ code: 'length', severity: 'error' });
    expect(finding?.message.zh).toContain('开头的 0');
    expect(checkPostalCode('2740001')?.message.zh).not.toContain('开头的 0');
  });

  it('names a non-digit, and suggests half-width digits', () => {
    expect(checkPostalCode('27400a')?.code).toBe('charset');
    expect(checkPostalCode('２７４０００')).toMatchObject({
      code: 'full-width',
      suggestion: '274000',
    });
  });
});
