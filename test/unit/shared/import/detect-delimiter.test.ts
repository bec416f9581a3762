import { describe, expect, it } from 'vitest';
import { detectDelimiter } from '../../../../shared/import/detect-delimiter.ts';

describe('detectDelimiter', () => {
  it('finds comma, tab, semicolon and pipe', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('Region:;Deutschland\n;"1985";"1993";"2000"\n"x";"1";"2";"3"')).toBe(
      ';',
    );
    expect(detectDelimiter('a|b|c\n1|2|3')).toBe('|');
  });
  it('is not fooled by tabs padded inside comma-separated values', () => {
    const lines = Array.from(
      { length: 10 },
      (_, i) => `2023-01-0${i},x,y,z,w,v,${i}.00,,ok,xxxx\t,yyyy\t,,`,
    );
    expect(
      detectDelimiter(['标题', '交易时间,交易分类,对方,a,b,c,d,e,f,g,h,i,j', ...lines].join('\n')),
    ).toBe(',');
  });
  it('ignores delimiters inside quotes and falls back to comma', () => {
    expect(detectDelimiter('"a;b;c";d\n"e;f";g')).toBe(';');
    expect(detectDelimiter('只有一列\n第二行')).toBe(',');
  });
});
