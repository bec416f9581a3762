import type { LocalizedText } from '../i18n/localized-text.ts';

/** What the first bytes of a file say it is. */
export type FileSignature =
  | { readonly kind: 'zip' }
  | { readonly kind: 'ole' }
  | { readonly kind: 'text' }
  | { readonly kind: 'html' }
  | { readonly kind: 'xml' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'old-excel'; readonly version: 2 | 3 | 4 }
  | { readonly kind: 'other'; readonly what: LocalizedText };

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  return bytes.every((byte, i) => head[offset + i] === byte);
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

const otherFormats: readonly {
  readonly magic: readonly number[];
  readonly offset?: number;
  readonly what: LocalizedText;
}[] = [
  { magic: ascii('BM'), what: { zh: 'BMP 图片', en: 'a BMP image' } },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: { zh: 'PNG 图片', en: 'a PNG image' } },
  { magic: [0xff, 0xd8, 0xff], what: { zh: 'JPEG 图片', en: 'a JPEG image' } },
  { magic: ascii('GIF8'), what: { zh: 'GIF 图片', en: 'a GIF image' } },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: { zh: 'TIFF 图片', en: 'a TIFF image' } },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: { zh: 'TIFF 图片', en: 'a TIFF image' } },
  { magic: ascii('%PDF'), what: { zh: 'PDF 文档', en: 'a PDF document' } },
  { magic: ascii('Rar!'), what: { zh: 'RAR 压缩包', en: 'a RAR archive' } },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: { zh: '7z 压缩包', en: 'a 7z archive' } },
  { magic: [0x1f, 0x8b], what: { zh: 'gzip 压缩文件', en: 'a gzip file' } },
  { magic: ascii('MZ'), what: { zh: 'Windows 程序', en: 'a Windows program' } },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: { zh: '可执行程序', en: 'a program (ELF)' } },
  { magic: ascii('SQLite format 3'), what: { zh: 'SQLite 数据库', en: 'an SQLite database' } },
  { magic: ascii('{\\rtf'), what: { zh: 'RTF 文档', en: 'an RTF document' } },
  { magic: ascii('ftyp'), offset: 4, what: { zh: '视频文件', en: 'a video file' } },
  { magic: ascii('ID3'), what: { zh: '音频文件', en: 'an audio file' } },
  { magic: ascii('RIFF'), what: { zh: '音视频文件', en: 'a media file (RIFF)' } },
];

/** True when the bytes look like text: no NUL bytes and few control characters. */
function looksLikeText(head: Uint8Array): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) {
      control += 1;
    }
  }
  return control * 100 <= head.length;
}

/**
 * Tells UTF-16 text without a byte-order mark from its bytes: ASCII characters (digits,
 * delimiters, line ends) put a NUL in every other byte, always on the same side, and the whole
 * sample decodes as UTF-16 with no broken surrogate and (almost) no control character. Needs a
 * clear majority on one side: random or binary bytes have NULs on both.
 */
export function detectUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const length = head.length - (head.length % 2);
  if (length < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < length; i += 1) {
    if (head[i] === 0) {
      if (i % 2 === 0) even += 1;
      else odd += 1;
    }
  }
  const units = length / 2;
  const [nuls, other, encoding] =
    odd >= even ? [odd, even, 'utf-16le' as const] : [even, odd, 'utf-16be' as const];
  // At least one unit in ten is ASCII and the other side is (all but) free of NULs.
  if (nuls * 10 < units || other * 50 > nuls) return undefined;
  // Checked by hand (shared/ has no TextDecoder): every surrogate paired, few control codes.
  let control = 0;
  let pendingHigh = false;
  for (let i = 0; i + 1 < length; i += 2) {
    const a = head[i] ?? 0;
    const b = head[i + 1] ?? 0;
    const code = encoding === 'utf-16le' ? a | (b << 8) : (a << 8) | b;
    const isHigh = code >= 0xd800 && code <= 0xdbff;
    const isLow = code >= 0xdc00 && code <= 0xdfff;
    if (pendingHigh !== isLow) return undefined;
    pendingHigh = isHigh;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) control += 1;
  }
  return control * 100 <= units ? encoding : undefined;
}

/**
 * Reads the BOF record that starts a BIFF2, BIFF3 or BIFF4 file (Excel 2.x to 4.0, saved as
 * a bare record stream, before Excel moved to OLE2 containers): record type 0x0009, 0x0209 or
 * 0x0409 with a short length.
 */
function detectOldExcel(head: Uint8Array): 2 | 3 | 4 | undefined {
  if (head[0] !== 0x09 || head.length < 8) return undefined;
  const length = (head[2] ?? 0) | ((head[3] ?? 0) << 8);
  if (length < 4 || length > 16) return undefined;
  if (head[1] === 0x00) return 2;
  if (head[1] === 0x02) return 3;
  if (head[1] === 0x04) return 4;
  return undefined;
}

/** The start of a text with a BOM and leading spaces removed, lower-cased (ASCII only). */
function textStart(head: Uint8Array): string {
  let offset = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (offset < head.length && (head[offset] ?? 0) <= 0x20) offset += 1;
  let text = '';
  for (let i = offset; i < Math.min(head.length, offset + 512); i += 1) {
    text += String.fromCharCode(head[i] ?? 0);
  }
  return text.toLowerCase();
}

/**
 * Tells from a file's first bytes (4 KiB or more) what it really is, whatever its name says:
 * a zip container (xlsx, xlsm, xlsb, ods), an OLE2 compound file (xls, et, encrypted Office
 * files), text (csv, tsv, txt, or text named `.xls`, UTF-16 too), an HTML or XML spreadsheet, a
 * very old Excel file (BIFF2-4), or something else, named, such as a BMP picture saved as `.xls`.
 */
export function detectFileSignature(head: Uint8Array): FileSignature {
  if (head.length === 0) return { kind: 'empty' };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return { kind: 'zip' };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'ole' };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return { kind: 'text' };
  const oldExcel = detectOldExcel(head);
  if (oldExcel !== undefined) return { kind: 'old-excel', version: oldExcel };
  for (const format of otherFormats) {
    if (startsWith(head, format.magic, format.offset ?? 0)) {
      return { kind: 'other', what: format.what };
    }
  }
  if (!looksLikeText(head)) {
    if (detectUtf16(head) !== undefined) return { kind: 'text' };
    return { kind: 'other', what: { zh: '二进制文件', en: 'a binary file of an unknown kind' } };
  }
  const start = textStart(head);
  if (/^(?:<!doctype html|<html|<table|<head|<body|<meta)/.test(start)) return { kind: 'html' };
  if (start.startsWith('<?xml') && /<(?:ss:)?workbook|progid="excel\.sheet"/.test(start)) {
    return { kind: 'xml' };
  }
  if (start.startsWith('<?xml') || start.startsWith('<')) {
    return { kind: 'other', what: { zh: 'XML 或网页文件', en: 'an XML or web file' } };
  }
  return { kind: 'text' };
}
