import { describe, expect, it } from 'vitest';
import {
  applyTransforms,
  createValueTransform,
} from '../../../../shared/mapping/apply-transforms.ts';
import { convertMoneyUnit } from '../../../../shared/mapping/convert-money-unit.ts';

describe('applyTransforms', () => {
  it('trims, makes half-width and changes case', () => {
    expect(applyTransforms('  张三\t', [{ kind: 'trim' }])).toBe('张三');
    expect(applyTransforms('３７１７０２', [{ kind: 'half-width' }])).toBe('371702');
    expect(applyTransforms('37170219900307124x', [{ kind: 'case', to: 'upper' }])).toBe(
      '37170219900307124X',
    );
    expect(applyTransforms('ABC', [{ kind: 'case', to: 'lower' }])).toBe('abc');
  });

  it('applies the steps in the order listed', () => {
    const steps = [{ kind: 'half-width' }, { kind: 'trim' }, { kind: 'date' }] as const;
    expect(applyTransforms('　２０２１年３月５日 ', steps)).toBe('2021-03-05');
    expect(applyTransforms('　２０２１年３月５日 ', [{ kind: 'date' }])).toBe(
      '　２０２１年３月５日 ',
    );
  });

  it('reads the date forms departments write to ISO', () => {
    const date = createValueTransform([{ kind: 'date' }]);
    expect(['2021年3月5日', '2021/3/5', '2021.3.5', '20210305', '2021-03-05'].map(date)).toEqual(
      Array(5).fill('2021-03-05'),
    );
    expect(date('2021-03-05 10:30:00')).toBe('2021-03-05');
  });

  it('refuses two-digit years, year-last and impossible dates rather than guessing', () => {
    const date = createValueTransform([{ kind: 'date' }]);
    for (const value of ['21/3/5', '21-03-05', '3/5/2021', '2021-02-30', '202103', '长期', '']) {
      expect(date(value)).toBe(value);
    }
  });

  it('reads Excel serial numbers only when told the column holds them, in either date system', () => {
    expect(applyTransforms('44260', [{ kind: 'date' }])).toBe('44260');
    expect(applyTransforms('44260', [{ kind: 'date', excelSerial: true }])).toBe('2021-03-05');
    expect(applyTransforms('1', [{ kind: 'date', excelSerial: true, date1904: true }])).toBe(
      '1904-01-02',
    );
    expect(applyTransforms('1', [{ kind: 'date', excelSerial: true }], { date1904: true })).toBe(
      '1904-01-02',
    );
  });

  it('turns a 15-digit resident ID into its 18-digit form and leaves others alone', () => {
    const id18 = createValueTransform([{ kind: 'resident-id-18' }]);
    expect(id18('371702900307123')).toBe('371702199003071231');
    expect(id18('371702199003071231')).toBe('371702199003071231');
    expect(id18('3.71702E+17')).toBe('3.71702E+17');
  });

  it('converts 元 to 万元 exactly, without floating point error', () => {
    const toWan = createValueTransform([{ kind: 'unit', from: '元', to: '万元' }]);
    expect(toWan('3000')).toBe('0.3');
    expect(toWan('12345.6')).toBe('1.23456');
    expect(toWan('1,500元')).toBe('0.15');
    expect(toWan(' ５０００ ')).toBe('0.5');
    expect(toWan('-2500')).toBe('-0.25');
    expect(toWan('100000000')).toBe('10000');
    expect(toWan('0.01')).toBe('0.000001');
    expect(toWan('0')).toBe('0');
    expect(toWan('约五千元')).toBe('约五千元');
    expect(toWan('')).toBe('');
  });
});

describe('convertMoneyUnit', () => {
  it('moves the decimal point both ways between any two units', () => {
    expect(convertMoneyUnit('0.3', '万元', '元')).toBe('3000');
    expect(convertMoneyUnit('0.1', '万元', '元')).toBe('1000');
    expect(convertMoneyUnit('1.5', '亿元', '万元')).toBe('15000');
    expect(convertMoneyUnit('150', '分', '元')).toBe('1.5');
    expect(convertMoneyUnit('007.50', '元', '元')).toBe('7.5');
    expect(convertMoneyUnit('1,2345', '元', '万元')).toBeUndefined();
    expect(convertMoneyUnit('1e5', '元', '万元')).toBeUndefined();
  });
});
