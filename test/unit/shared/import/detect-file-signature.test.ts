import { describe, expect, it } from 'vitest';
import {
  classifyOleEntries,
  classifyZipEntries,
  isBiffEncrypted,
} from '../../../../shared/import/classify-container.ts';
import { detectFileSignature } from '../../../../shared/import/detect-file-signature.ts';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('detectFileSignature', () => {
  it('recognises containers and text from the bytes', () => {
    expect(detectFileSignature(bytes(0x50, 0x4b, 0x03, 0x04, 0))).toEqual({ kind: 'zip' });
    expect(detectFileSignature(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toEqual({
      kind: 'ole',
    });
    expect(detectFileSignature(text('="交收日期"\t="成交时间"\r\n'))).toEqual({ kind: 'text' });
    expect(detectFileSignature(bytes(0xff, 0xfe, 0x61, 0x00))).toEqual({ kind: 'text' });
    expect(detectFileSignature(bytes(0xc4, 0xe3, 0xba, 0xc3))).toEqual({ kind: 'text' });
    expect(detectFileSignature(text('<html><table><tr><td>1</td></tr></table>'))).toEqual({
      kind: 'html',
    });
    expect(detectFileSignature(new Uint8Array())).toEqual({ kind: 'empty' });
  });
  it('names what a file really is when it is not a spreadsheet', () => {
    const bmp = detectFileSignature(bytes(0x42, 0x4d, 0x36, 0x9c, 0x01, 0x00));
    expect(bmp).toEqual({ kind: 'other', what: { zh: 'BMP 图片', en: 'a BMP image' } });
    expect(detectFileSignature(text('%PDF-1.7'))).toMatchObject({ kind: 'other' });
    expect(detectFileSignature(bytes(1, 2, 0, 3, 4))).toMatchObject({ kind: 'other' });
  });

  it('reads UTF-16 without a BOM as text, and names BIFF2-4 files as old Excel', () => {
    const utf16le = Buffer.from('姓名,年龄\r\n张三,30\r\n李四,41\r\n', 'utf16le');
    expect(detectFileSignature(utf16le)).toEqual({ kind: 'text' });
    expect(detectFileSignature(Buffer.from(utf16le).swap16())).toEqual({ kind: 'text' });
    // BIFF4 BOF: type 0x0409, length 6, version 0, worksheet (0x0010).
    expect(detectFileSignature(bytes(0x09, 0x04, 6, 0, 0, 0, 0x10, 0, 0x0c, 0))).toEqual({
      kind: 'old-excel',
      version: 4,
    });
    expect(detectFileSignature(bytes(0x09, 0x00, 4, 0, 0, 0, 0x10, 0))).toMatchObject({
      version: 2,
    });
  });
});

describe('classifyZipEntries', () => {
  it('recognises workbooks', () => {
    expect(classifyZipEntries(['[Content_Types].xml', 'xl/workbook.xml'])).toEqual({
      kind: 'workbook',
      format: 'xlsx',
    });
    expect(classifyZipEntries(['xl\\workbook.xml', 'xl\\vbaProject.bin'])).toEqual({
      kind: 'workbook',
      format: 'xlsm',
    });
    expect(classifyZipEntries(['xl/workbook.bin'])).toEqual({ kind: 'workbook', format: 'xlsb' });
    expect(
      classifyZipEntries(
        ['mimetype', 'content.xml'],
        'application/vnd.oasis.opendocument.spreadsheet',
      ),
    ).toEqual({ kind: 'workbook', format: 'ods' });
  });
  it('recognises encrypted ODS and other documents', () => {
    expect(
      classifyZipEntries(
        ['mimetype', 'content.xml'],
        'application/vnd.oasis.opendocument.spreadsheet',
        '<manifest:encryption-data manifest:checksum="x"/>',
      ),
    ).toEqual({ kind: 'encrypted' });
    expect(classifyZipEntries(['word/document.xml'])).toMatchObject({ kind: 'other' });
    expect(classifyZipEntries(['test.txt'])).toMatchObject({ kind: 'other' });
    expect(classifyZipEntries([])).toMatchObject({ kind: 'other' });
  });
});

describe('classifyOleEntries and isBiffEncrypted', () => {
  it('recognises xls, Excel 95 and encrypted Office files', () => {
    expect(classifyOleEntries(['Root Entry/Workbook'])).toEqual({
      kind: 'workbook',
      format: 'xls',
    });
    expect(classifyOleEntries(['Root Entry/Book'])).toEqual({ kind: 'workbook', format: 'xls' });
    expect(
      classifyOleEntries(['Root Entry/EncryptionInfo', 'Root Entry/EncryptedPackage']),
    ).toEqual({
      kind: 'encrypted',
    });
    expect(classifyOleEntries(['Root Entry/WordDocument'])).toMatchObject({ kind: 'other' });
  });
  it('finds a FILEPASS record before the first sheet', () => {
    const bof = [0x09, 0x08, 0x02, 0x00, 0x00, 0x06];
    const filepass = [0x2f, 0x00, 0x02, 0x00, 0x01, 0x00];
    const boundsheet = [0x85, 0x00, 0x00, 0x00];
    expect(isBiffEncrypted(bytes(...bof, ...filepass, ...boundsheet))).toBe(true);
    expect(isBiffEncrypted(bytes(...bof, ...boundsheet, ...filepass))).toBe(false);
  });
});
