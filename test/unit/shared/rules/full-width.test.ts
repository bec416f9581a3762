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
