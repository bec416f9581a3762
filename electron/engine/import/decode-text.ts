/**
 * Text decoding done by us (DESIGN.md section 2): a BOM decides; else UTF-16 by its NULs; else
 * strict UTF-8 if the whole file is valid UTF-8; else the lines are weighed (see
 * `detectTextEncoding`) between UTF-8 and GB18030 (a superset of GBK and GB2312). The label is always
 * `gb18030`, never `gbk`: Node's ICU `gbk` mangles 4-byte sequences.
 *
 * UTF-8 is validated with `buffer.isUtf8` and decoded with a StringDecoder, both native and some
 * 20 times faster than a TextDecoder; GB18030 and UTF-16BE go through TextDecoder (ICU).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { detectUtf16 } from '../../../shared/import/detect-file-signature.ts';
import type { ImportWarning } from '../../../shared/import/import-warning.ts';
import { err, ok, type Result } from '../../../shared/result.ts';

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

/**
 * How many bytes at the end of a chunk start a UTF-8 sequence that the chunk cuts short (0 when
 * the chunk ends on a whole character), so that validation can carry them into the next chunk.
 */
function cutSequenceLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** What the text decoder decided, with the lines that do not fit the encoding chosen. */
export interface TextEncodingDecision {
  readonly encoding: TextEncoding;
  /** Lines (1-based, the first few) that are not in the chosen encoding. */
  readonly offLines: readonly number[];
  /** How many lines are not in the chosen encoding. */
  readonly offLineCount: number;
}

/** Line numbers kept as examples. */
const keptLines = 20;

/** Line counts of a file scanned line by line. */
interface LineEvidence {
  /** Lines with a multi-byte UTF-8 character of 3 or 4 bytes (CJK), valid UTF-8. */
  utf8: number;
  /** Lines that are not valid UTF-8. */
  notUtf8: number;
  utf8Lines: number[];
  notUtf8Lines: number[];
}

/**
 * True when a valid UTF-8 line holds a 3- or 4-byte sequence (as every Chinese character in
 * UTF-8 does). A GBK line is valid UTF-8 by chance fairly often when it holds only one or two
 * characters made of two bytes (女 is C5 AE in GBK, which UTF-8 reads as Ů), so those lines
 * are no evidence either way; GBK forming 3-byte UTF-8 sequences by chance is rare.
 */
function hasWideUtf8(line: Uint8Array): boolean {
  for (const byte of line) if (byte >= 0xe0) return true;
  return false;
}

/** Reads a file line by line and counts which lines are UTF-8 and which are not. */
async function scanLines(path: string): Promise<LineEvidence> {
  const evidence: LineEvidence = { utf8: 0, notUtf8: 0, utf8Lines: [], notUtf8Lines: [] };
  let line = 0;
  const take = (bytes: Uint8Array) => {
    line += 1;
    if (isAscii(bytes)) return;
    if (isUtf8(bytes)) {
      if (!hasWideUtf8(bytes)) return;
      evidence.utf8 += 1;
      if (evidence.utf8Lines.length < keptLines) evidence.utf8Lines.push(line);
    } else {
      evidence.notUtf8 += 1;
      if (evidence.notUtf8Lines.length < keptLines) evidence.notUtf8Lines.push(line);
    }
  };
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    // A line feed (0x0A) is never part of a multi-byte character in UTF-8 or GB18030.
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
      take(bytes.subarray(start, end));
      start = end + 1;
    }
    carry = Buffer.from(bytes.subarray(start));
  }
  if (carry.length > 0) take(carry);
  return evidence;
}

/** True when `few` lines are so few beside `many` that they are stray lines, not an encoding. */
function isStray(few: number, many: number): boolean {
  return few * 9 <= many || (few <= 3 && many >= few * 3);
}

function listLines(lines: readonly number[], count: number): string {
  return `${lines.join('、')}${count > lines.length ? ` 等 ${count} 行` : ' 行'}`;
}

/**
 * Detects a text file's encoding: a BOM decides; else UTF-16 when its NULs say so; else
 * UTF-8 when every byte is valid UTF-8 (one fast streaming pass). Otherwise the file is
 * weighed line by line, so that one bad byte or one pasted GBK line does not turn a whole UTF-8
 * file into GB18030 mojibake: UTF-8 on nearly every line decodes as UTF-8 (the stray lines get
 * U+FFFD and are reported); GBK on nearly every line decodes as GB18030; a file that truly
 * mixes the two is refused (`mixed-encoding`), since no one encoding reads it right.
 */
export async function detectTextEncoding(path: string): Promise<Result<TextEncodingDecision>> {
  const decided = (encoding: TextEncoding, offLines: readonly number[] = [], offLineCount = 0) =>
    ok({ encoding, offLines, offLineCount });
  let first = true;
  let carry: Buffer = Buffer.alloc(0);
  let isValid = true;
  for await (const chunk of createReadStream(path, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      const bom = detectBom(chunk);
      if (bom) return decided(bom.encoding);
      const utf16 = detectUtf16(chunk.subarray(0, 8192));
      if (utf16 !== undefined) return decided(utf16);
    }
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const cut = cutSequenceLength(bytes);
    if (!isUtf8(bytes.subarray(0, bytes.length - cut))) {
      isValid = false;
      break;
    }
    carry = Buffer.from(bytes.subarray(bytes.length - cut));
  }
  if (isValid && carry.length === 0) return decided('utf-8');
  const lines = await scanLines(path);
  if (lines.utf8 === 0) return decided('gb18030');
  if (isStray(lines.notUtf8, lines.utf8)) {
    return decided('utf-8', lines.notUtf8Lines, lines.notUtf8);
  }
  if (isStray(lines.utf8, lines.notUtf8)) {
    return decided('gb18030', lines.utf8Lines, lines.utf8);
  }
  return err(
    'mixed-encoding',
    `文件混用了两种编码：${lines.utf8} 行是 UTF-8，${lines.notUtf8} 行是 GBK 等其他编码（如第 ${listLines(lines.notUtf8Lines.slice(0, 5), lines.notUtf8)}），按哪一种读取都会有乱码，因此没有导入。请让报送单位统一另存为“CSV UTF-8”后再导入，或手动指定编码`,
    `The file mixes two encodings: ${lines.utf8} lines are UTF-8 and ${lines.notUtf8} are not (GBK or other; lines ${lines.notUtf8Lines.slice(0, 5).join(', ')}), so either reading garbles some rows and nothing was imported. Save it again as CSV UTF-8, or choose the encoding by hand`,
  );
}

/** The warning a clerk sees when some lines did not fit the encoding the file was read in. */
export function describeOffLines(decision: TextEncodingDecision): ImportWarning | undefined {
  if (decision.offLineCount === 0) return undefined;
  const lines = listLines(decision.offLines, decision.offLineCount);
  if (decision.encoding === 'utf-8') {
    return {
      code: 'bad-bytes',
      message: {
        zh: `文件按 UTF-8 编码读取，但第 ${lines} 含有不是 UTF-8 的字节（文件损坏或混入了其他编码）：这些字节显示为 �，相应单元格已标出，请核对原件`,
        en: `The file was read as UTF-8, but line(s) ${decision.offLines.join(', ')} (${decision.offLineCount} in all) hold bytes that are not UTF-8 (damage or another encoding): they show as �, and their cells are flagged; check them against the original`,
      },
      lines: decision.offLines,
    };
  }
  return {
    code: 'utf8-lines-in-gbk',
    message: {
      zh: `文件按 GBK（GB18030）编码读取，但第 ${lines} 看起来是 UTF-8 编码，可能显示为乱码，请核对原件`,
      en: `The file was read as GBK (GB18030), but line(s) ${decision.offLines.join(', ')} (${decision.offLineCount} in all) look like UTF-8 and may show garbled; check them against the original`,
    },
    lines: decision.offLines,
  };
}

/** A stream that turns bytes in the given encoding into text (strings), dropping a leading BOM. */
export function createTextDecoderStream(encoding: TextEncoding): Transform {
  let isStart = true;
  const dropBom = (text: string) => {
    if (!isStart || text === '') return text;
    isStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  if (encoding === 'utf-8' || encoding === 'utf-16le') {
    const decoder = new StringDecoder(encoding === 'utf-8' ? 'utf8' : 'utf16le');
    return new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _encoding, callback) {
        callback(null, dropBom(decoder.write(chunk)) || undefined);
      },
      flush(callback) {
        callback(null, dropBom(decoder.end()) || undefined);
      },
    });
  }
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }) || undefined);
    },
    flush(callback) {
      callback(null, decoder.decode() || undefined);
    },
  });
}
