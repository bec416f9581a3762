import { afterEach, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { writeZipToBuffer } from '../../../../../electron/engine/package/create-zip-writer.ts';

const zone = process.env.TZ;
const created = new Date('2026-11-26T02:00:06Z');
const entries = [
  { path: 'b.txt', bytes: Buffer.from('bbb') },
  { path: 'a.txt', bytes: Buffer.from('aaa'.repeat(1000)) },
];

afterEach(() => {
  process.env.TZ = zone;
});

describe('writeZipToBuffer', () => {
  it('gives the same bytes in any time zone, with entry times in Beijing time', async () => {
    process.env.TZ = 'America/New_York';
    const newYorkHour = created.getHours();
    const newYork = await writeZipToBuffer(entries, created);
    process.env.TZ = 'UTC';
    const utc = await writeZipToBuffer(entries, created);
    process.env.TZ = 'Asia/Shanghai';
    expect(created.getHours()).not.toBe(newYorkHour);
    const shanghai = await writeZipToBuffer(entries, created);
    expect(newYork.equals(shanghai)).toBe(true);
    expect(utc.equals(shanghai)).toBe(true);

    const zip = await yauzl.fromBufferPromise(shanghai, { lazyEntries: true });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const { lastModFileDate: date, lastModFileTime: time } = entry;
        const year = 1980 + (date >> 9);
        const wall = `${year}-${(date >> 5) & 15}-${date & 31} ${time >> 11}:${(time >> 5) & 63}:${(time & 31) * 2}`;
        seen.push(`${entry.fileName} ${wall}`);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.readEntry();
    });
    expect(seen).toEqual(['b.txt 2026-11-26 10:0:6', 'a.txt 2026-11-26 10:0:6']);
  });
});
