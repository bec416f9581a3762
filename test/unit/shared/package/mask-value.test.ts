import { describe, expect, it } from 'vitest';
import {
  maskAddress,
  maskId,
  maskName,
  maskPhone,
  maskValue,
} from '../../../../shared/package/mask-value.ts';
import { isFormulaLike } from '../../../../shared/text/is-formula-like.ts';

describe('maskName', () => {
  it('keeps the surname only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王国平')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('*');
    expect(maskName(' 李四 ')).toBe('李*');
    expect(maskName('')).toBe('');
  });
});

describe('maskId', () => {
  it('keeps the first and last four characters of an 18-character ID', () => {
    expect(maskId('37170219900307123X')).toBe('3717**********123X');
    expect(maskId('371702199003071234')).toBe('3717**********1234');
  });

  it('keeps less of shorter numbers, and never shows a short one whole', () => {
    expect(maskId('371702900307123')).toBe('3717*******7123');
    expect(maskId('E12345678')).toBe('E1*****78');
    expect(maskId('12345')).toBe('1***5');
    expect(maskId('12')).toBe('**');
  });
});

describe('maskPhone', () => {
  it('hides the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 13812345678')).toBe('+86 138****5678');
  });

  it('keeps the area code and the last four digits of a landline', () => {
    expect(maskPhone('0530-5551234')).toBe('0530-***1234');
    expect(maskPhone('05305551234')).toBe('0530***1234');
  });

  it('masks each of several numbers', () => {
    expect(maskPhone('13812345678/0530-5551234')).toBe('138****5678/0530-***1234');
  });
});

describe('maskAddress', () => {
  it('cuts an address after the township or street office', () => {
    expect(maskAddress('山东省菏泽市牡丹区东城街道王庄村12号')).toBe('山东省菏泽市牡丹区东城街道');
    expect(maskAddress('山东省菏泽市牡丹区沙土镇李集村3号')).toBe('山东省菏泽市牡丹区沙土镇');
    expect(maskAddress('山东省菏泽市牡丹区皇镇乡张楼村8号')).toBe('山东省菏泽市牡丹区皇镇乡');
    expect(maskAddress('菏泽市牡丹区佃户屯街道中华路100号')).toBe('菏泽市牡丹区佃户屯街道');
    expect(maskAddress('北京市朝阳区望京街道阜通东大街6号')).toBe('北京市朝阳区望京街道');
    expect(maskAddress('江苏省镇江市京口区大市口街道中山东路1号')).toBe(
      '江苏省镇江市京口区大市口街道',
    );
  });

  it('cuts after the county when no township follows', () => {
    expect(maskAddress('山东省菏泽市牡丹区中华路100号')).toBe('山东省菏泽市牡丹区');
    expect(maskAddress('郓城县人民路1号')).toBe('郓城县');
  });

  it('masks an address it cannot read whole, never passing it through', () => {
    expect(maskAddress('中华路100号')).toBe('');
    expect(maskAddress('Room 5, 10 Main Street')).toBe('');
  });
});

describe('maskValue', () => {
  it('dispatches on the mask', () => {
    expect(maskValue('name', '张三')).toBe('张*');
    expect(maskValue('id', '37170219900307123X')).toBe('3717**********123X');
    expect(maskValue('phone', '13812345678')).toBe('138****5678');
    expect(maskValue('address', '山东省菏泽市牡丹区东城街道王庄村12号')).toBe(
      '山东省菏泽市牡丹区东城街道',
    );
  });
});

describe('masks never leave a formula-like value', () => {
  it.each([
    ['name', '=HYPERLINK("x")'],
    ['name', '+1'],
    ['id', '=1+2345678901234567'],
    ['id', '@SUM(A1:A9)1234567'],
    ['id', '-12345678'],
    ['phone', '+86 13812345678'],
    ['phone', '+8613812345678'],
    ['phone', '=0530-5551234'],
    ['address', '=山东省菏泽市牡丹区东城街道王庄村12号'],
    ['name', '＝张三'],
    ['id', '\t=1+2345678901234567'],
  ] as const)('%s mask of %j', (mask, value) => {
    const masked = maskValue(mask, value);
    expect(isFormulaLike(masked)).toBe(false);
    expect(masked).not.toMatch(/^[=+\-@＝＋－＠\t\r]/);
  });

  it('keeps what the mask showed before when the value is not formula-like', () => {
    expect(maskValue('phone', '+86 13812345678')).toBe('*86 138****5678');
    expect(maskValue('phone', '13812345678')).toBe('138****5678');
  });
});
