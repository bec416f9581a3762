/**
 * The raw scan of an xlsx sheet counts its `<row>` elements byte by byte: it must count what
 * the pattern it replaced counts, in one buffer and across chunk boundaries.
 */
import { describe, expect, it } from 'vitest';
import { countRowElements } from '../../../../../electron/engine/import/count-row-elements.ts';

/** What the scan counted before: the pattern over the text. */
function countByPattern(text: string): number {
  return [...text.matchAll(/<(?:[\w.-]+:)?row[\s>/]/g)].length;
}

/** Counts as the scan does, the text read in chunks of `size` with 300 bytes carried over. */
function countInChunks(text: string, size: number): number {
  const all = Buffer.from(text, 'latin1');
  let carry = Buffer.alloc(0);
  let count = 0;
  for (let at = 0; at < all.length; at += size) {
    const bytes = Buffer.concat([carry, all.subarray(at, at + size)]);
    count += countRowElements(bytes, carry.length);
    carry = Buffer.from(bytes.subarray(-300));
  }
  return count;
}

const shapes = [
  '<row r="1"><c r="A1"><v>1</v></c></row>',
  '<row>',
  '<row/>',
  '<row\t r="2">',
  '<row\r\nspans="1:3">',
  '<x:row r="3">',
  '<ns-1.a_b:row>',
  '<:row>',
  '<a:b:row>',
  '<rowBreaks count="1">',
  '<row',
  'arrow row <not-row> </row>',
  '<c><is><t>throw row <row</t></is></c>',
  '<sheetData/><x:rows>',
  '<row\u00a0r="4">',
];

describe('counting the <row> elements of a sheet part', () => {
  it('counts what the pattern counts, for every shape of element and of text around one', () => {
    for (const shape of shapes) {
      expect(countRowElements(Buffer.from(shape, 'latin1')), shape).toBe(countByPattern(shape));
    }
    const sheet = shapes.join('\n');
    expect(countRowElements(Buffer.from(sheet, 'latin1'))).toBe(countByPattern(sheet));
    expect(countByPattern(sheet)).toBe(9);
  });

  it('counts each element once when the sheet comes in chunks, however it is cut', () => {
    const rows: string[] = [];
    for (let r = 1; r <= 500; r += 1) {
      const name = r % 7 === 0 ? 'x:row' : 'row';
      rows.push(`<${name} r="${r}"><c r="A${r}" t="s"><v>${r}</v></c></${name}>`);
      if (r % 50 === 0) rows.push('<c><is><t>arrow</t></is></c><rowBreaks/>');
    }
    const sheet = `<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const expected = countByPattern(sheet);
    expect(expected).toBe(500);
    for (const size of [1, 2, 3, 4, 5, 7, 64, 301, 4096, sheet.length]) {
      expect(countInChunks(sheet, size), `chunks of ${size}`).toBe(expected);
    }
  });
});
