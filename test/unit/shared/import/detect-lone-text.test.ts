import { describe, expect, it } from 'vitest';
import { detectLoneText } from '../../../../shared/import/detect-lone-text.ts';

describe('detectLoneText', () => {
  it('names a line of text saved under a spreadsheet name, with its first 40 characters', () => {
    const line =
      '请各乡镇于本月底前报送人口登记表，逾期不再受理，联系人：县信息中心王主任，电话见通知';
    expect(detectLoneText(`${line}\r\n`, '.xls')?.zh).toMatch(
      new RegExp(`^文件扩展名是 \\.xls，但内容是一行文本：「${line.slice(0, 40)}…」，不是表格。`),
    );
    expect(detectLoneText('hello', '.XLSX')?.zh).toMatch(
      /^文件扩展名是 \.xlsx，但内容是一行文本：「hello」，不是表格。/,
    );
    expect(detectLoneText('hello', '.xlsx')?.en).toMatch(/^The file is named \.xlsx/);
  });

  it('names a few lines of text with no delimiter', () => {
    expect(detectLoneText('第一行\n第二行\n\n第三行\n', '.xls')?.zh).toMatch(
      /^文件扩展名是 \.xls，但内容是 3 行文本：「第一行」，不是表格。/,
    );
  });

  it('lets a delimited text, a long one-column list and a text file by its own name through', () => {
    expect(detectLoneText('姓名\t性别\n张三\t男\n', '.xls')).toBeUndefined();
    expect(detectLoneText('姓名,性别\n', '.xlsx')).toBeUndefined();
    const list = ['身份证号', ...Array.from({ length: 20 }, (_, i) => `37170219900101${1000 + i}`)];
    expect(detectLoneText(list.join('\n'), '.xls')).toBeUndefined();
    expect(detectLoneText('hello', '.txt')).toBeUndefined();
    expect(detectLoneText('hello', '.csv')).toBeUndefined();
    expect(detectLoneText('   \n', '.xls')).toBeUndefined();
  });
});
