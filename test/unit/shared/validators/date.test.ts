import { describe, expect, it } from 'vitest';
import { checkDate, parseDate } from '../../../../shared/validators/date.ts';

describe('parseDate', () => {
  it.each([
    ['2021-03-05', '2021-03-05'],
    ['2021/3/5', '2021-03-05'],
    ['2021/03/05', '2021-03-05'],
    ['2021.3.5', '2021-03-05'],
    ['2021-3-5', '2021-03-05'],
    ['2021年3月5日', '2021-03-05'],
    ['2021年03月05日', '2021-03-05'],
    ['20210305', '2021-03-05'],
    ['2021-03-05T10:20:30', '2021-03-05'],
    ['2021-03-05T23:59:59.123+08:00', '2021-03-05'],
    ['2021-03-05T20:00:00Z', '2021-03-05'],
    ['2021-03-05 10:20', '2021-03-05'],
    ['2021/3/5 0:00:00', '2021-03-05'],
    ['2099-12-31', '2099-12-31'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ iso });
  });

  it.each([
    ['2021-02-30', '2021年2月只有28天，没有30日'],
    ['2021-13-01', '月份 13'],
    ['1900-02-29', '1900年2月只有28天'],
    ['2021年4月31日', '2021年4月只有30天'],
    ['20210230', '没有30日'],
  ])('refuses the impossible date %s, saying why', (text, reason) => {
    const parsed = parseDate(text);
    expect(parsed).toMatchObject({ code: 'date-invalid', severity: 'error' });
    expect('message' in parsed && parsed.message.zh).toContain(reason);
  });

  it('refuses an impossible time of day', () => {
    expect(parseDate('2021-03-05 25:00')).toMatchObject({ code: 'date-invalid' });
  });

  it.each(['21/3/5', '21-03-05', '21年3月5日', '3/5/21'])(
    'refuses the two-digit year in %s rather than guessing',
    (text) => {
      const parsed = parseDate(text);
      expect(parsed).toMatchObject({ code: 'two-digit-year', severity: 'error' });
      expect('message' in parsed && parsed.message.zh).toContain('写全四位年份');
      expect('suggestion' in parsed && parsed.suggestion).toBeFalsy();
    },
  );

  it('refuses a year-last date, suggesting ISO only when one reading is impossible', () => {
    expect(parseDate('3/5/2021')).toMatchObject({ code: 'year-last' });
    expect(parseDate('3/5/2021')).not.toHaveProperty('suggestion');
    expect(parseDate('25/12/2021')).toMatchObject({ code: 'year-last', suggestion: '2021-12-25' });
    expect(parseDate('12/25/2021')).toMatchObject({ code: 'year-last', suggestion: '2021-12-25' });
  });

  it.each(['2021-03', '2021/3', '2021年3月', '2021年', '2021'])(
    'refuses the partial date %s',
    (text) => {
      expect(parseDate(text)).toMatchObject({ code: 'incomplete' });
    },
  );

  it('refuses six digits as ambiguous', () => {
    expect(parseDate('202103')).toMatchObject({ code: 'ambiguous' });
    expect(parseDate('210305')).toMatchObject({ code: 'ambiguous' });
  });

  it('refuses 长期 and the like, pointing to the standard date', () => {
    const parsed = parseDate('长期');
    expect(parsed).toMatchObject({ code: 'long-term-text' });
    expect('message' in parsed && parsed.message.zh).toContain('2099-12-31');
  });

  it('refuses blank and unreadable text', () => {
    expect(parseDate('')).toMatchObject({ code: 'empty' });
    expect(parseDate('去年')).toMatchObject({ code: 'format' });
    expect(parseDate('2021-03-05x')).toMatchObject({ code: 'format' });
    expect(parseDate('2021-3/5')).toMatchObject({ code: 'format' });
  });

  it('suggests the ISO date for full-width digits and inner spaces', () => {
    expect(parseDate('２０２１－０３－０５')).toMatchObject({
      code: 'full-width',
      suggestion: '2021-03-05',
    });
    expect(parseDate('2021 年 3 月 5 日')).toMatchObject({
      code: 'whitespace',
      suggestion: '2021-03-05',
    });
  });

  describe('Excel serial numbers', () => {
    const serial = { allowSerial: true };

    it('refuses a serial when serials are not allowed, naming the probable date', () => {
      const parsed = parseDate('44256');
      expect(parsed).toMatchObject({ code: 'serial-number', severity: 'error' });
      expect('message' in parsed && parsed.message.zh).toContain('2021-03-01');
      expect(parsed).not.toHaveProperty('suggestion');
    });

    it.each([
      ['1', '1900-01-01'],
      ['59', '1900-02-28'],
      ['61', '1900-03-01'],
      ['44256', '2021-03-01'],
      ['44256.75', '2021-03-01'],
      ['73050', '2099-12-31'],
      ['2958465', '9999-12-31'],
    ])('reads serial %s as %s (1900 system)', (text, iso) => {
      expect(parseDate(text, serial)).toEqual({ iso });
    });

    it('refuses serial 60, the 1900-02-29 that Excel invented', () => {
      const parsed = parseDate('60', serial);
      expect(parsed).toMatchObject({ code: 'date-invalid' });
      expect('message' in parsed && parsed.message.zh).toContain('1900-02-29');
    });

    it('refuses serials outside the calendar', () => {
      expect(parseDate('0', serial)).toMatchObject({ code: 'date-invalid' });
      expect(parseDate('2958466', serial)).toMatchObject({ code: 'date-invalid' });
    });

    it('reads the 1904 system from 1904-01-01', () => {
      const system1904 = { allowSerial: true, date1904: true };
      expect(parseDate('0', system1904)).toEqual({ iso: '1904-01-01' });
      expect(parseDate('42794', system1904)).toEqual({ iso: '2021-03-01' });
    });

    it('still reads eight digits as YYYYMMDD, never as a serial', () => {
      expect(parseDate('20210305', serial)).toEqual({ iso: '2021-03-05' });
    });
  });
});

describe('checkDate', () => {
  it('is fine for every readable form and returns the finding otherwise', () => {
    expect(checkDate('2021年3月5日')).toBeUndefined();
    expect(checkDate('2099-12-31')).toBeUndefined();
    expect(checkDate('2021-02-30')?.code).toBe('date-invalid');
    expect(checkDate('44256', { allowSerial: true })).toBeUndefined();
    expect(checkDate('44256')?.code).toBe('serial-number');
  });
});
