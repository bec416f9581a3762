/**
 * Writes zip bytes by hand, as an attacker would: every header field can lie (sizes, CRC-32),
 * which no zip library lets a caller do. Only what hostile-input tests need: stored or deflated
 * entries, a comment, no zip64.
 */
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/** One entry as it goes into the zip: its stored bytes and what the headers claim. */
export interface RawZipEntry {
  readonly name: string;
  /** The bytes stored in the zip (already deflated when `method` is 8). */
  readonly data: Buffer;
  /** 0 stored, 8 deflated. */
  readonly method: 0 | 8;
  /** The CRC-32 the headers claim. */
  readonly crc32: number;
  /** The uncompressed size the headers claim. */
  readonly size: number;
  /** The compressed size the headers claim; the stored byte count unless set. */
  readonly compressedSize?: number;
}

/** A deflated entry whose headers tell the truth about `content`. */
export function deflatedEntry(name: string, content: Buffer): RawZipEntry {
  return {
    name,
    data: deflateRawSync(content),
    method: 8,
    crc32: crc32(content),
    size: content.length,
  };
}

/**
 * A deflated entry of `size` bytes of `fill` (a byte, or a block repeated), made in 1 MiB steps
 * so that a gigabyte bomb never sits in the test's memory. Its headers tell the truth.
 */
export async function deflatedRepeatEntry(
  name: string,
  size: number,
  fill: number | Buffer = 0x61,
): Promise<RawZipEntry> {
  const step = Buffer.alloc(1024 * 1024, fill);
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  for (let left = size; left > 0; left -= step.length) {
    const part = left >= step.length ? step : step.subarray(0, left);
    crc = crc32(part, crc);
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, data: Buffer.concat(chunks), method: 8, crc32: crc >>> 0, size };
}

/** The bytes of a zip holding `entries` in order, with `comment`. */
export function writeRawZip(entries: readonly RawZipEntry[], comment = ''): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressedSize = entry.compressedSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(entry.crc32 >>> 0, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(entry.method, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(entry.crc32 >>> 0, 16);
    header.writeUInt32LE(compressedSize, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    parts.push(local, name, entry.data);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const commentBytes = Buffer.from(comment, 'latin1');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  return Buffer.concat([...parts, directory, end, commentBytes]);
}
