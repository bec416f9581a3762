import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../../electron/engine/import/import-error.ts';
import {
  attributeValue,
  createXmlTokenizer,
  decodeXmlText,
} from '../../../../../electron/engine/import/tokenize-xml.ts';

const xml =
  '\ufeff<?xml version="1.0"?>\n<!-- a comment <c> --><x:worksheet xmlns:x="urn:x"><sheetData>' +
  '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a &amp; b &#22823;&#x5B57;</t></is></c></row>' +
  '<row r="2"/><row r="3"><c r="A3"><v>3.71702E+17</v></c><c r="B3"><f>"x>y"</f><v><![CDATA[<raw>]]></v></c></row>' +
  '<mergeCell ref="A1:B1" note=\'a>b\'/></sheetData></x:worksheet>\n';

function events(chunks: readonly string[]): string[] {
  const out: string[] = [];
  let text = '';
  const flush = () => {
    if (text.trim() !== '') out.push(`text:${text}`);
    text = '';
  };
  const tokenizer = createXmlTokenizer(
    {
      open(name, attributes) {
        flush();
        out.push(`open:${name}:${attributes.trim()}`);
      },
      text(piece) {
        text += piece;
      },
      close(name) {
        flush();
        out.push(`close:${name}`);
      },
    },
    'sheet1.xml',
  );
  for (const chunk of chunks) tokenizer.write(chunk);
  tokenizer.end();
  return out;
}

describe('createXmlTokenizer', () => {
  it('reads tags, attributes, entities, CDATA, comments and prefixes', () => {
    const whole = events([xml]);
    expect(whole).toContain('open:worksheet:xmlns:x="urn:x"');
    expect(whole).toContain('text:a & b 大字');
    expect(whole).toContain('text:<raw>');
    expect(whole).toContain('open:mergeCell:ref="A1:B1" note=\'a>b\'');
    expect(whole.filter((e) => e === 'close:row')).toHaveLength(3);
    expect(whole.some((e) => e.includes('comment'))).toBe(false);
  });

  it('gives the same events however the text is cut into chunks', () => {
    const whole = events([xml]);
    for (let cut = 1; cut < xml.length; cut += 1) {
      expect(events([xml.slice(0, cut), xml.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(events([...xml])).toEqual(whole);
  });

  it('refuses a DTD and reports broken markup as a damaged file', () => {
    const code = (text: string) => {
      try {
        events([text]);
        return undefined;
      } catch (error) {
        return error instanceof ImportError ? error.appError.code : 'bug';
      }
    };
    expect(code('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toBe(
      'unsafe-xml',
    );
    expect(code('<x><row r="1"')).toBe('corrupt-file');
    expect(code('<x>< bad</x>')).toBe('corrupt-file');
  });
});

describe('attributeValue and decodeXmlText', () => {
  it('finds one attribute without mistaking a longer name for it', () => {
    const raw = ' spans="1:2" r="B12"\ts=\'3\' x14ac:dyDescent="0.2" t="s"';
    expect(attributeValue(raw, 'r')).toBe('B12');
    expect(attributeValue(raw, 's')).toBe('3');
    expect(attributeValue(raw, 't')).toBe('s');
    expect(attributeValue(raw, 'dyDescent')).toBe('0.2');
    expect(attributeValue(raw, 'ht')).toBeUndefined();
  });
  it('decodes the predefined entities and character references only', () => {
    expect(decodeXmlText('&lt;a&gt; &quot;&apos; &#65;&#x42; &nbsp;')).toBe('<a> "\' AB &nbsp;');
  });
});

describe('a long text run', () => {
  it('is handed on as it arrives, not held until its end (so a huge cell is read in linear time)', () => {
    let received = 0;
    const tokenizer = createXmlTokenizer(
      {
        open() {},
        text(piece) {
          received += piece.length;
        },
        close() {},
      },
      'sheet1.xml',
    );
    tokenizer.write('<c><is><t>');
    for (let i = 0; i < 100; i += 1) tokenizer.write('甲乙丙丁'.repeat(1000));
    expect(received).toBe(400_000);
    tokenizer.write('</t></is></c>');
    tokenizer.end();
    expect(received).toBe(400_000);
  });

  it('keeps an entity or character reference cut between two chunks whole', () => {
    const texts: string[] = [];
    const tokenizer = createXmlTokenizer(
      {
        open() {},
        text(piece) {
          texts.push(piece);
        },
        close() {},
      },
      'sheet1.xml',
    );
    for (const chunk of ['<t>a &am', 'p; b &#2', '2823; c &', 'lt;</t>']) tokenizer.write(chunk);
    tokenizer.end();
    expect(texts.join('')).toBe('a & b 大 c <');
  });
});
