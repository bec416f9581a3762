import { describe, expect, it } from 'vitest';
import { checkFullWidth } from '../../../../shared/rules/full-width.ts';
import { makeField } from './fixtures.ts';

describe('checkFullWidth', () => {
  it('converts full-width digits and letters in a coded field', () => {
    const id = makeField({ name: 'GMSFHM', title: '公民身份号码', format: 'gb11643' });
    expect(checkFullWidth(id, '３７１７０２１９９００３０７１２３Ｘ')).toMatchObject({
      rule: 'full-width',
      severity: 'error',
      suggestion: '37170219900307123X',
    });
  });
  it('leaves full-width brackets in free text alone', () => {
    const name = makeField({ name: 'JGMC', title: '机构名称' });
    expect(checkFullWidth(name, '菏泽市某某有限公司（牡丹区分公司）')).toBeUndefined();
  });
});

describe('checkFullWidth in code-table, enum and pattern fields', () => {
  const status = makeField({
    name: 'DJYWLX',
    title: '登记业务类型',
    constraints: { codeTable: 'registration-business-type' },
  });
  it('leaves the full-width brackets of a code name alone', () => {
    expect(checkFullWidth(status, '机关（内设机构）')).toBeUndefined();
    expect(
      checkFullWidth(
        makeField({ name: 'ZJLX', title: '证件类型', constraints: { pattern: '身份证|其他-.+' } }),
        '其他-军官证（警官证）',
      ),
    ).toBeUndefined();
  });
  it('still converts full-width digits and letters there, keeping the brackets', () => {
    expect(checkFullWidth(status, '１２（机关）')).toMatchObject({
      rule: 'full-width',
      suggestion: '12（机关）',
    });
  });
});
