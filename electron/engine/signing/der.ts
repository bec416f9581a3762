/**
 * The little DER (ASN.1 Distinguished Encoding Rules) the key files need: a handful of fixed
 * structures (SubjectPublicKeyInfo, PKCS#8 PrivateKeyInfo, EncryptedPrivateKeyInfo with PBES2 and
 * scrypt). Written by hand because they are five fixed shapes of SEQUENCE, INTEGER, OCTET STRING,
 * BIT STRING, OID and one context tag; a general ASN.1 library (asn1js, pkijs) would be a new
 * runtime dependency for about a hundred lines. Every shape is checked byte for byte against what
 * OpenSSL 3 writes and reads (test/integration/signing).
 */

/** A DER element as read: its tag byte, its content and where the next element starts. */
export interface DerElement {
  readonly tag: number;
  readonly content: Uint8Array;
  readonly end: number;
}

/** DER tags used by the key files. */
export const derTag = {
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  sequence: 0x30,
  context0: 0xa0,
  context1: 0xa1,
} as const;

/** Thrown by `readDer` on bytes that are not the DER expected; callers turn it into a Result. */
export class DerError extends Error {}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One element: tag, length, content. */
export function derElement(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  return Buffer.concat([Uint8Array.of(tag), encodeLength(body.length), body]);
}

/** A non-negative INTEGER from a small number or big-endian unsigned bytes. */
export function derInteger(value: number | Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'number') {
    const list: number[] = [];
    for (let n = value; n > 0; n = Math.floor(n / 256)) list.unshift(n % 256);
    bytes = Uint8Array.from(list.length === 0 ? [0] : list);
  } else {
    let start = 0;
    while (start < value.length - 1 && value[start] === 0) start += 1;
    bytes = value.subarray(start);
  }
  const needsPad = ((bytes[0] ?? 0) & 0x80) !== 0;
  return derElement(derTag.integer, needsPad ? Uint8Array.of(0) : new Uint8Array(0), bytes);
}

/** An OBJECT IDENTIFIER from its dotted text. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const base128: number[] = [];
    let n = arc;
    do {
      base128.unshift(n % 128);
      n = Math.floor(n / 128);
    } while (n > 0);
    base128.forEach((b, i) => out.push(i < base128.length - 1 ? b | 0x80 : b));
  }
  return derElement(derTag.oid, Uint8Array.from(out));
}

/** Reads one element at `offset`, which must have tag `tag`. */
export function readDer(bytes: Uint8Array, offset: number, tag: number): DerElement {
  const found = bytes[offset];
  if (found !== tag)
    throw new DerError(`expected tag ${tag.toString(16)} at ${offset}, found ${found}`);
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length === undefined) throw new DerError(`truncated at ${offset}`);
  if (length >= 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) throw new DerError(`bad length at ${offset}`);
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (bytes[start + i] ?? 0);
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new DerError(`truncated element at ${offset}`);
  return { tag, content: bytes.subarray(start, end), end };
}

/** Reads the elements of a constructed element's content in order, each with its expected tag. */
export function readDerSequence(content: Uint8Array, tags: readonly number[]): DerElement[] {
  const out: DerElement[] = [];
  let offset = 0;
  for (const tag of tags) {
    const element = readDer(content, offset, tag);
    out.push(element);
    offset = element.end;
  }
  return out;
}

/** An INTEGER's content as a number (small values only: versions and scrypt parameters). */
export function derIntegerValue(content: Uint8Array): number {
  if (content.length === 0 || content.length > 6 || ((content[0] ?? 0) & 0x80) !== 0)
    throw new DerError('integer out of range');
  return content.reduce((n, b) => n * 256 + b, 0);
}

/** The bytes of a PEM block (`-----BEGIN label-----`), ignoring any text around it. */
export function readPemBlock(text: string, label: string): Uint8Array | undefined {
  const match = new RegExp(
    `-----BEGIN ${label}-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+?)-----END ${label}-----`,
  ).exec(text);
  if (match?.[1] === undefined) return undefined;
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

/** A PEM block: base64 in lines of 64, as OpenSSL writes it. */
export function serializePemBlock(bytes: Uint8Array, label: string): string {
  const base64 = Buffer.from(bytes).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
