/**
 * Text decoding done by us (DESIGN.md section 2): a BOM decides; else strict UTF-8 if the
 * whole file is valid UTF-8; else GB18030 (a superset of GBK and GB2312). The label is always
 * `gb18030`, never `gbk`: Node's ICU `gbk` mangles 4-byte sequences.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';

/** The encodings the importer reports. */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Reads the encoding from a byte-order mark, if the bytes start with one. */
export function detectBom(
  head: Uint8Array,
): { encoding: TextEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Detects a text file's encoding by streaming it once through a strict UTF-8 decoder. */
export async function detectTextEncoding(path: string): Promise<TextEncoding> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of createReadStream(path, {
      highWaterMark: 1 << 20,
    }) as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        const bom = detectBom(chunk);
        if (bom) return bom.encoding;
      }
      utf8.decode(chunk, { stream: true });
    }
    utf8.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof TypeError) return 'gb18030';
    throw error;
  }
}

/** A stream that turns bytes in the given encoding into text, dropping a leading BOM. */
export function createTextDecoderStream(encoding: TextEncoding): Transform {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }));
    },
    flush(callback) {
      callback(null, decoder.decode());
    },
  });
}
