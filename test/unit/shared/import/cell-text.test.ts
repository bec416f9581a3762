import { describe, expect, it } from 'vitest';
import { cleanHeaderText } from '../../../../shared/import/clean-header-text.ts';
import {
  columnIndex,
  columnLetter,
  parseCellReference,
} from '../../../../shared/import/column-letter.ts';
import { detectMangledNumber } from '../../../../shared/import/detect-mangled-number.ts';
import { isValueLike } from '../../../../shared/import/is-value-like.ts';
import { numberCellText } from '../../../../shared/import/number-cell-text.ts';
import { stripRequiredMarker } from '../../../../shared/import/strip-required-marker.ts';
import { scanXmlProlog } from '../../../../shared/import/scan-xml-prolog.ts';
import { unwrapExcelText } from '../../../../shared/import/unwrap-excel-text.ts';

describe('unwrapExcelText', () => {
  it('unwraps ="..." so leading zeros and long digit strings stay text', () => {
    expect(unwrapExcelText('="0123"')).toBe('0123');
    expect(unwrapExcelText('="114514114514"')).toBe('114514114514');
    expect(unwrapExcelText('=""')).toBe('');
    expect(unwrapExcelText('="say ""hi"""')).toBe('say "hi"');
  });
  it('leaves other values alone', () => {
    expect(unwrapExcelText('=SUM(A1:A2)')).toBe('=SUM(A1:A2)');
    expect(unwrapExcelText('0123')).toBe('0123');
    expect(unwrapExcelText('="a" & "b"')).toBe('="a" & "b"');
  });
});

describe('stripRequiredMarker', () => {
  it('removes the * a template puts on required columns, before or after', () => {
    expect(stripRequiredMarker('材质*')).toEqual({ title: '材质', isRequired: true });
    expect(stripRequiredMarker('*姓名')).toEqual({ title: '姓名', isRequired: true });
    expect(stripRequiredMarker('＊ 身份证号')).toEqual({ title: '身份证号', isRequired: true });
    expect(stripRequiredMarker('电话(*)')).toEqual({ title: '电话', isRequired: true });
  });
  it('removes a written 必填 mark in any bracket, with or without spaces', () => {
    for (const header of [
      '姓名（必填）',
      '姓名(必填)',
      '姓名 ( 必填 )',
      '【必填】姓名',
      '（必填） 姓名',
      '姓名【 必填】',
    ]) {
      expect(stripRequiredMarker(header)).toEqual({ title: '姓名', isRequired: true });
    }
    expect(stripRequiredMarker('与户主关系*')).toEqual({ title: '与户主关系', isRequired: true });
    expect(stripRequiredMarker('姓名＊')).toEqual({ title: '姓名', isRequired: true });
  });
  it('keeps titles without a marker, and a lone *', () => {
    expect(stripRequiredMarker('备注')).toEqual({ title: '备注', isRequired: false });
    expect(stripRequiredMarker('*')).toEqual({ title: '*', isRequired: false });
    expect(stripRequiredMarker('规格(直径*长度)')).toEqual({
      title: '规格(直径*长度)',
      isRequired: false,
    });
    expect(stripRequiredMarker('(必填)')).toEqual({ title: '(必填)', isRequired: false });
    expect(stripRequiredMarker('必填项说明')).toEqual({ title: '必填项说明', isRequired: false });
  });
});

describe('cleanHeaderText', () => {
  it('drops a line break typed between Chinese characters and spaces out others', () => {
    expect(cleanHeaderText(' 出生\n日期 ')).toBe('出生日期');
    expect(cleanHeaderText('Molecular\r\nWeight')).toBe('Molecular Weight');
  });
});

describe('detectMangledNumber', () => {
  it('flags long numbers shown in scientific notation', () => {
    expect(detectMangledNumber('3.71702E+17')).toBe('scientific-notation');
    expect(detectMangledNumber('1.11E+21', 'n')).toBe('scientific-notation');
    expect(detectMangledNumber('1.5E+03')).toBeUndefined();
  });
  it('flags number cells with more digits than a float holds', () => {
    expect(detectMangledNumber('371702198001011000', 'n')).toBe('digits-lost');
    expect(detectMangledNumber('1234567890123456', 'n')).toBe('digits-lost');
    expect(detectMangledNumber('123456789012345', 'n')).toBeUndefined();
  });
  it('flags long digit texts that end in the zeros a float leaves, and keeps exact ones', () => {
    expect(detectMangledNumber('371702198001011000')).toBe('digits-lost');
    expect(detectMangledNumber('1323132313211331313')).toBeUndefined();
    expect(detectMangledNumber('6666666666666660')).toBeUndefined();
    expect(detectMangledNumber('37170219800101123X')).toBeUndefined();
  });
});

describe('numberCellText', () => {
  it('writes out a 12-15 digit whole number that was only shown in scientific notation', () => {
    expect(numberCellText(123456789012, '1.23457E+11')).toBe('123456789012');
  });
  it('keeps what was shown otherwise', () => {
    expect(numberCellText(371702198001011000, '3.71702E+17')).toBe('3.71702E+17');
    expect(numberCellText(1092760, '1,092,760')).toBe('1,092,760');
    expect(numberCellText(0.5, undefined)).toBe('0.5');
  });
});

describe('isValueLike', () => {
  it('tells values from labels', () => {
    for (const value of ['1,234.5', '2023-03-01', '20230301', '12:30', '-3', '15%', 'TRUE']) {
      expect(isValueLike(value), value).toBe(true);
    }
    for (const label of ['姓名', 'in %', 'Wahlbe-', '2023年度', 'P 4']) {
      expect(isValueLike(label), label).toBe(false);
    }
    expect(isValueLike('x', 'n')).toBe(true);
  });
});

describe('column letters', () => {
  it('converts both ways', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
    expect(columnLetter(16383)).toBe('XFD');
    expect(columnIndex('XFD')).toBe(16383);
    expect(parseCellReference('$B$12')).toEqual({ row: 12, column: 1 });
    expect(parseCellReference('12B')).toBeUndefined();
  });
});

describe('scanXmlProlog', () => {
  it('finds a document type declaration before the root element', () => {
    expect(scanXmlProlog('<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY a "x">]><sst/>')).toBe(
      'doctype',
    );
    expect(scanXmlProlog('\ufeff<?xml version="1.0"?><!-- note --><worksheet>')).toBe('clean');
    expect(scanXmlProlog('<?xml version="1.0"?>\nCORRUPTED')).toBe('clean');
    expect(scanXmlProlog('<?xml version="1.0"?><!-- a long comm')).toBe('incomplete');
  });
});
