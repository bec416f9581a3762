import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chunkBytes,
  createChunkedWriter,
} from '../../../../../electron/engine/package/create-chunked-writer.ts';
import { digestBytes } from '../../../../../electron/engine/package/file-digest.ts';

/** A zip entry that keeps what it is given. */
function createEntry(): {
  chunks: Buffer[];
  ended: boolean;
  write(c: Uint8Array): Promise<void>;
  end(): Promise<void>;
} {
  const entry = {
    chunks: [] as Buffer[],
    ended: false,
    write(chunk: Uint8Array) {
      entry.chunks.push(Buffer.from(chunk));
      return Promise.resolve();
    },
    end() {
      entry.ended = true;
      return Promise.resolve();
    },
  };
  return entry;
}

describe('the data file on its way into the zip', () => {
  it('writes the UTF-8 bytes of the text, in chunks of at most 1 MiB, with their digest', async () => {
    const entry = createEntry();
    const writer = createChunkedWriter(() => entry);
    const lines: string[] = ['公民身份号码,姓名,住址\r\n'];
    await writer.write(lines[0] as string);
    // Chinese text (3 bytes a character), a character outside the BMP and a lone surrogate.
    for (let i = 0; i < 40_000; i += 1) {
      const line = `37170219770608${String(i).padStart(4, '0')},刘杰𠀀${i % 97 === 0 ? '\ud800' : ''},山东省菏泽市牡丹区西城街道双河村${i}号\r\n`;
      lines.push(line);
      if (writer.append(line)) await writer.flush();
    }
    const digest = await writer.end();
    const expected = Buffer.from(lines.join(''), 'utf8');
    expect(Buffer.concat(entry.chunks).equals(expected)).toBe(true);
    expect(entry.chunks.length).toBeGreaterThan(2);
    for (const chunk of entry.chunks) expect(chunk.length).toBeLessThanOrEqual(chunkBytes);
    expect(entry.ended).toBe(true);
    expect(digest).toEqual(digestBytes(expected));
    expect(digest.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
  });

  it('keeps a text longer than a chunk whole, and the text before and after it', async () => {
    const entry = createEntry();
    const writer = createChunkedWriter(() => entry);
    const long = `${'长'.repeat(chunkBytes)}\r\n`;
    await writer.write('a\r\n');
    await writer.write(long);
    await writer.write('b\r\n');
    await writer.end();
    expect(Buffer.concat(entry.chunks).toString('utf8')).toBe(`a\r\n${long}b\r\n`);
  });

  it('only hashes once the zip was abandoned', async () => {
    const writer = createChunkedWriter(() => undefined);
    await writer.write('x,y\r\n');
    expect(await writer.end()).toEqual(digestBytes(Buffer.from('x,y\r\n')));
  });
});
