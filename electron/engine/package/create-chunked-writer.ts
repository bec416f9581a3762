/**
 * The package's data file on its way into the zip: text is encoded to UTF-8 as it is appended,
 * straight into a buffer of about 1 MiB; a full buffer is hashed and handed to the zip entry.
 *
 * Written by hand (a few lines over `Buffer.write`) because the obvious form, adding each CSV
 * line to a string and encoding the string once it is long, builds a rope of a million pieces
 * per chunk that V8 must flatten before encoding it: at 300,000 rows that flattening and its
 * garbage were about a twentieth of the packager's time. The bytes are the same: each
 * appended text is whole (a CSV line ends with CRLF), so it encodes alone as it would within
 * the chunk.
 */
import type { ZipEntryStream } from './create-zip-writer.ts';
import { createFileDigest, type Digest } from './file-digest.ts';

/** How many bytes a chunk holds before it goes to the zip. */
export const chunkBytes = 1 << 20;

/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const maxBytesPerUnit = 3;

/** A data file being written: append text, flush when told, end once. */
export interface ChunkedWriter {
  /** Adds text and flushes when the chunk is full. */
  write(text: string): Promise<void>;
  /** Adds text; true when a chunk is full and `flush` is due (awaited once a chunk, not a row). */
  append(text: string): boolean;
  /** Hashes the text appended so far and writes it to the entry. */
  flush(): Promise<void>;
  /** Flushes, ends the entry, and returns the file's size and checksums. */
  end(): Promise<Digest>;
}

/**
 * Starts a data file whose bytes go to `entry()` (undefined: the zip was abandoned, the bytes
 * are only hashed). Each chunk is a new buffer: the zip may still hold the last one.
 */
export function createChunkedWriter(entry: () => ZipEntryStream | undefined): ChunkedWriter {
  const digest = createFileDigest();
  const full: Buffer[] = [];
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let used = 0;

  const flush = async (): Promise<void> => {
    if (used > 0) {
      full.push(buffer.subarray(0, used));
      buffer = Buffer.allocUnsafe(chunkBytes);
      used = 0;
    }
    for (const chunk of full.splice(0)) {
      digest.update(chunk);
      await entry()?.write(chunk);
    }
  };
  const append = (text: string): boolean => {
    const room = text.length * maxBytesPerUnit;
    if (room > buffer.length - used) {
      if (used > 0) full.push(buffer.subarray(0, used));
      // A text longer than a chunk gets a buffer of its own size.
      buffer = Buffer.allocUnsafe(Math.max(chunkBytes, room));
      used = 0;
    }
    used += buffer.write(text, used, 'utf8');
    return full.length > 0 || used >= chunkBytes;
  };
  return {
    async write(text) {
      if (append(text)) await flush();
    },
    append,
    flush,
    async end() {
      await flush();
      await entry()?.end();
      return digest.finish();
    },
  };
}
