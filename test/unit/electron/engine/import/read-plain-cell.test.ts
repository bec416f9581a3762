import { describe, expect, it } from 'vitest';
import {
  readPlainCell,
  type PlainCell,
} from '../../../../../electron/engine/import/read-plain-cell.ts';
import { columnOfReference } from '../../../../../shared/import/column-letter.ts';

function read(xml: string): (PlainCell & { end: number }) | undefined {
  const cell: PlainCell = { column: -9, type: 'x', style: -9, value: 'x' };
  const text = `${xml}<c r="Z9"/>`;
  const end = readPlainCell(text, 0, cell);
  return end < 0 ? undefined : { ...cell, end };
}

describe('readPlainCell', () => {
  it.each([
    ['<c r="B2" s="1" t="s"><v>13</v></c>', { column: 1, style: 1, type: 's', value: '13' }],
    ['<c r="$AA$10" t="n"><v>1.5</v></c>', { column: 26, style: 0, type: 'n', value: '1.5' }],
    [
      "<c t='str' r='d4'><v>a &amp; b &#x4E2D;</v></c>",
      { column: 3, style: 0, type: 'str', value: 'a & b 中' },
    ],
    ['<c  r = "C3"\n s="12" ><v>7</v></c>', { column: 2, style: 12, type: undefined, value: '7' }],
    ['<c r="A1" s="6" t="s"/>', { column: 0, style: 6, type: 's', value: '' }],
    ['<c r="A1"></c>', { column: 0, style: 0, type: undefined, value: '' }],
    ['<c><v>5</v></c>', { column: -1, style: 0, type: undefined, value: '5' }],
    ['<c t="s"><v></v></c>', { column: -1, style: 0, type: 's', value: '' }],
  ])('reads %s', (xml, expected) => {
    expect(read(xml)).toEqual({ ...expected, end: xml.length });
  });

  it('reads the column a reference names as columnOfReference does', () => {
    for (const ref of ['A1', 'Z1', 'AA1', 'XFD1048576', 'b7', '$C$3', 'C', 'AB']) {
      expect(read(`<c r="${ref}"/>`)?.column, ref).toBe(columnOfReference(ref));
    }
  });

  it.each([
    ['a prefix', '<x:c r="A1"><v>1</v></x:c>'],
    ['another element', '<col min="1"/>'],
    ['a longer name', '<cell r="A1"/>'],
    ['another attribute', '<c r="A1" cm="1" t="s"><v>1</v></c>'],
    ['a prefixed attribute', '<c x:r="A1"><v>1</v></c>'],
    ['an attribute twice', '<c r="A1" r="B1"><v>1</v></c>'],
    ['no space between attributes', '<c r="A1"t="s"><v>1</v></c>'],
    ['an attribute without a value', '<c r><v>1</v></c>'],
    ['an unquoted value', '<c r=A1><v>1</v></c>'],
    ['a reference without letters', '<c r="12"><v>1</v></c>'],
    ['a reference with more after it', '<c r="A1:B2"><v>1</v></c>'],
    ['a style that is not a number', '<c r="A1" s="x"><v>1</v></c>'],
    ['a type that is not a word', '<c r="A1" t="s1"><v>1</v></c>'],
    ['a formula', '<c r="A1"><f>1+1</f><v>2</v></c>'],
    ['an inline string', '<c r="A1" t="inlineStr"><is><t>x</t></is></c>'],
    ['spaces between the tags', '<c r="A1">\n  <v>1</v>\n</c>'],
    ['a value in CDATA', '<c r="A1"><v><![CDATA[1]]></v></c>'],
    ['a comment in the cell', '<c r="A1"><!-- x --><v>1</v></c>'],
    ['more after the value', '<c r="A1"><v>1</v><extLst/></c>'],
  ])('leaves %s to the tokenizer', (_why, xml) => {
    expect(read(xml)).toBeUndefined();
  });

  it('leaves a cell cut by the end of the text to the tokenizer', () => {
    const cell: PlainCell = { column: -1, type: undefined, style: 0, value: '' };
    const whole = '<c r="B2" s="1" t="s"><v>13</v></c>';
    for (let cut = 1; cut < whole.length; cut += 1) {
      expect(readPlainCell(whole.slice(0, cut), 0, cell), whole.slice(0, cut)).toBe(-1);
    }
  });
});
