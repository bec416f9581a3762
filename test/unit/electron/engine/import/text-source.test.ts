import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectTextEncoding } from '../../../../../electron/engine/import/decode-text.ts';
import { openTextSource } from '../../../../../electron/engine/import/text-source.ts';
import type { RawRow } from '../../../../../shared/import/raw-row.ts';
import { createTempDir } from '../../../../helpers/run-steward.ts';

let temp: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

async function readRows(path: string, encoding?: 'utf-8' | 'gb18030'): Promise<RawRow[]> {
  const source = await openTextSource(path, encoding === undefined ? {} : { encoding });
  if (!source.ok) throw new Error(source.error.message.en);
  const rows: RawRow[] = [];
  for await (const batch of source.value.sheets[0]?.rows() ?? []) rows.push(...batch);
  return rows;
}

describe('openTextSource', () => {
  it('decodes GBK, finds the tab delimiter and unwraps ="..." values', async () => {
    const path = join(temp.dir, 'trades.xls');
    // 姓名<TAB>代码 / 张三<TAB>="000123" in GBK.
    const gbk = Buffer.from('d0d5c3fb09b4fac2eb0d0ad5c5c8fd093d22303030313233220d0a', 'hex');
    await writeFile(path, gbk);
    const source = await openTextSource(path);
    expect(source.ok && source.value).toMatchObject({ format: 'tsv', encoding: 'gb18030' });
    const rows = await readRows(path);
    expect(rows).toEqual([
      { row: 1, texts: ['姓名', '代码'] },
      { row: 2, texts: ['张三', '000123'] },
    ]);
  });

  it('keeps every field of a line wider than the header, and keeps padding', async () => {
    const path = join(temp.dir, 'ragged.csv');
    await writeFile(path, 'a,b\n1,2,3,4\n 5 ,6\n');
    const rows = await readRows(path);
    expect(rows.map((r) => r.texts)).toEqual([
      ['a', 'b'],
      ['1', '2', '3', '4'],
      [' 5 ', '6'],
    ]);
  });

  it('follows the encoding the user chooses', async () => {
    const path = join(temp.dir, 'utf8-or-gbk.csv');
    await writeFile(path, '姓名,年纪\n');
    expect((await readRows(path))[0]?.texts).toEqual(['姓名', '年纪']);
    expect((await readRows(path, 'gb18030'))[0]?.texts).not.toEqual(['姓名', '年纪']);
  });

  it('counts records, not lines, when a quoted cell holds a line break', async () => {
    const path = join(temp.dir, 'multiline.csv');
    await writeFile(path, 'a,b\n"x\ny",2\nz,3\n');
    const rows = await readRows(path);
    expect(rows.slice(0, 3)).toEqual([
      { row: 1, texts: ['a', 'b'] },
      { row: 2, texts: ['x\ny', '2'] },
      { row: 3, texts: ['z', '3'] },
    ]);
  });
});

describe('detectTextEncoding', () => {
  it('does not count GBK lines that are valid UTF-8 by chance (女 is C5 AE) as UTF-8', async () => {
    const path = join(temp.dir, 'gbk-chance.csv');
    // 姓名,性别 / 张三,男 / then 30 lines of 1,女 : only 女 is UTF-8 by chance.
    const lines = ['d0d5c3fb2cd0d4b1f0', 'd5c5c8fd2cc4d0', ...Array<string>(30).fill('312cc5ae')];
    await writeFile(path, Buffer.from(lines.join('0a'), 'hex'));
    expect(await detectTextEncoding(path)).toEqual({
      ok: true,
      value: { encoding: 'gb18030', offLines: [], offLineCount: 0 },
    });
  });

  it('keeps UTF-8 when a character straddles a read chunk', async () => {
    const path = join(temp.dir, 'straddle.csv');
    const filler = Buffer.alloc((1 << 20) - 1, 0x61);
    await writeFile(path, Buffer.concat([filler, Buffer.from('姓名\n')]));
    expect(await detectTextEncoding(path)).toEqual({
      ok: true,
      value: { encoding: 'utf-8', offLines: [], offLineCount: 0 },
    });
  });
  it('reads a large file exactly, whatever falls on the edge of a read chunk', async () => {
    // Some 600 KB of rows of varying length: chunk edges land inside three-byte characters,
    // quoted fields, doubled quotes and quoted line breaks, and between \r and \n.
    const path = join(temp.dir, 'edges.csv');
    const expected: string[][] = [['序号', '姓名', '备注']];
    for (let i = 1; i <= 8000; i += 1)
      expected.push([
        String(i),
        '张'.repeat(1 + (i % 7)),
        `第${i}行"引号"，${'长'.repeat(i % 13)}\r\n换行${'x'.repeat(i % 5)}`,
      ]);
    const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
    const text = expected.map((row) => row.map(quote).join(',')).join('\r\n');
    await writeFile(path, `\ufeff${text}\r\n`);
    expect(Buffer.byteLength(text)).toBeGreaterThan(600_000);
    const rows = await readRows(path);
    expect(rows.map((row) => row.texts)).toEqual(expected);
  });

  it('falls back to GB18030 for bytes that are not UTF-8, and honours a BOM', async () => {
    const gbk = join(temp.dir, 'gbk.csv');
    await writeFile(gbk, Buffer.from('d0d5c3fb', 'hex'));
    expect(await detectTextEncoding(gbk)).toMatchObject({ value: { encoding: 'gb18030' } });
    const utf16 = join(temp.dir, 'utf16.csv');
    await writeFile(utf16, Buffer.from('fffe61002c006200', 'hex'));
    expect(await detectTextEncoding(utf16)).toMatchObject({ value: { encoding: 'utf-16le' } });
  });
});
