/**
 * Seeded mutations of an input file for the fuzz run: byte-level damage for any file, and
 * damage inside the parts of a zip container (xlsx, ods, a package, an error workbook), inside
 * CSV text and inside JSON, which reach deeper than a flipped byte that only breaks a checksum.
 * Every mutation is a pure function of the input bytes and the random source, so a case is
 * replayed from its seed alone.
 */
import yazl from 'yazl';
import { openZipBuffer } from '../../electron/engine/package/read-zip.ts';
import type { Random } from '../../shared/demo/random.ts';

/** A mutated input and the names of the operators that made it, for the report. */
export interface Mutation {
  readonly bytes: Buffer;
  readonly operators: readonly string[];
}

/** Texts that have broken spreadsheet readers, CSV parsers and JSON readers elsewhere. */
const hostileTexts = [
  '',
  '\u0000',
  '&#0;',
  '&bogus;',
  ']]>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '\uffff\ufffe',
  '"',
  '","',
  '\r\n\r\n',
  '=HYPERLINK("http://x","y")',
  '-1',
  '1e309',
  '0x8',
  '99999999999999999999',
  '3.71702E+17',
  '\ud800',
  '锦绣华城',
  'A'.repeat(70_000),
];

/** Numbers that break row and column arithmetic. */
const hostileNumbers = ['0', '-1', '1048577', '16385', '99999999999', 'NaN', '1e9', 'XFD1048576'];

function insertAt(bytes: Buffer, at: number, inserted: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
}

function randomBytes(random: Random, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) out[i] = random.int(0, 255);
  return out;
}

/** Byte-level damage: what a bad disk, a cut download or a careless tool does. */
function mutateBytes(bytes: Buffer, random: Random): Mutation {
  if (bytes.length === 0) return { bytes: randomBytes(random, 16), operators: ['random-bytes'] };
  const at = random.int(0, bytes.length - 1);
  const operator = random.pick(['flip', 'truncate', 'insert', 'duplicate', 'zero'] as const);
  switch (operator) {
    case 'flip': {
      const out = Buffer.from(bytes);
      const flips = random.int(1, 8);
      for (let i = 0; i < flips; i += 1) {
        const p = random.int(0, out.length - 1);
        out[p] = (out[p] ?? 0) ^ random.int(1, 255);
      }
      return { bytes: out, operators: [`flip×${flips}`] };
    }
    case 'truncate':
      return { bytes: bytes.subarray(0, at), operators: [`truncate@${at}`] };
    case 'insert':
      return {
        bytes: insertAt(bytes, at, randomBytes(random, random.int(1, 64))),
        operators: [`insert@${at}`],
      };
    case 'duplicate': {
      const length = random.int(1, Math.min(4096, bytes.length - at));
      const chunk = bytes.subarray(at, at + length);
      return {
        bytes: insertAt(bytes, random.int(0, bytes.length), chunk),
        operators: [`duplicate×${length}`],
      };
    }
    case 'zero': {
      const out = Buffer.from(bytes);
      out.fill(0, at, Math.min(out.length, at + random.int(1, 512)));
      return { bytes: out, operators: [`zero@${at}`] };
    }
  }
}

/** Damage to markup: cut tags, emptied or absurd attributes, emptied values, copied rows. */
function mutateMarkup(text: string, random: Random): { text: string; operator: string } {
  const operator = random.pick([
    'cut',
    'attribute-empty',
    'attribute-number',
    'value-empty',
    'typed-empty-cell',
    'duplicate-element',
    'hostile-text',
  ] as const);
  const pickMatch = (pattern: RegExp): RegExpExecArray | undefined => {
    const matches = [...text.matchAll(pattern)];
    return matches.length === 0 ? undefined : random.pick(matches);
  };
  const replaceMatch = (match: RegExpExecArray | undefined, replacement: string): string =>
    match === undefined
      ? text
      : text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
  switch (operator) {
    case 'cut': {
      const a = random.int(0, text.length);
      const b = Math.min(text.length, a + random.int(1, 400));
      return { text: text.slice(0, a) + text.slice(b), operator };
    }
    case 'attribute-empty': {
      const match = pickMatch(/="[^"]*"/g);
      return { text: replaceMatch(match, '=""'), operator };
    }
    case 'attribute-number': {
      const match = pickMatch(/="-?\d+"/g);
      return { text: replaceMatch(match, `="${random.pick(hostileNumbers)}"`), operator };
    }
    case 'value-empty': {
      const match = pickMatch(/<(\w+:)?v>[^<]*<\/(\w+:)?v>/g);
      return { text: replaceMatch(match, ''), operator };
    }
    case 'typed-empty-cell': {
      const match = pickMatch(/<\/(\w+:)?row>/g);
      const cell = `<c r="${random.pick(['B4', 'Z9', 'A1', 'XFD1'])}" s="1" t="${random.pick(['s', 'str', 'n', 'b', 'inlineStr', 'e', 'd'])}"/>`;
      return { text: replaceMatch(match, `${cell}${match?.[0] ?? ''}`), operator };
    }
    case 'duplicate-element': {
      const match = pickMatch(/<(\w+:)?row[ >][\s\S]*?<\/(\w+:)?row>/g);
      const copies = random.int(2, 50);
      return { text: replaceMatch(match, (match?.[0] ?? '').repeat(copies)), operator };
    }
    case 'hostile-text': {
      const at = random.int(0, text.length);
      return { text: text.slice(0, at) + random.pick(hostileTexts) + text.slice(at), operator };
    }
  }
}

/** Damage to CSV text: broken quotes, mixed encodings, absurd fields, stray BOMs. */
function mutateDelimited(bytes: Buffer, random: Random): Mutation {
  const lines = [...bytes.toString('latin1').matchAll(/\n/g)].map((m) => m.index + 1);
  const at = lines.length > 0 ? random.pick(lines) : random.int(0, bytes.length);
  const operator = random.pick([
    'invalid-utf8',
    'gbk-line',
    'quote',
    'long-field',
    'bom-inside',
    'utf16-bom',
    'hostile-line',
  ] as const);
  const inserted: Record<typeof operator, () => Buffer> = {
    'invalid-utf8': () => Buffer.from([0xff, 0xfe, 0x80, 0xc3]),
    // 张三,男 in GBK: a line from another program in the middle of a UTF-8 file.
    'gbk-line': () => Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0xc4, 0xd0, 0x0a]),
    quote: () => Buffer.from('"'),
    'long-field': () => Buffer.from(`${'9'.repeat(random.int(1, 3) * 100_000)},\n`),
    'bom-inside': () => Buffer.from([0xef, 0xbb, 0xbf]),
    'utf16-bom': () => Buffer.from([0xff, 0xfe]),
    'hostile-line': () =>
      Buffer.from(`${random.pick(hostileTexts)},${random.pick(hostileTexts)}\n`),
  };
  const where = operator === 'utf16-bom' ? 0 : at;
  return { bytes: insertAt(bytes, where, inserted[operator]()), operators: [`csv-${operator}`] };
}

/** Damage to a JSON document: a value somewhere replaced by one of the wrong type or size. */
function mutateJson(text: string, random: Random): { text: string; operator: string } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return mutateMarkup(text, random);
  }
  const holders: { holder: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        holders.push({ holder: value, key: index });
        walk(item);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        holders.push({ holder: value as Record<string, unknown>, key });
        walk(item);
      }
    }
  };
  walk(document);
  if (holders.length === 0) return mutateMarkup(text, random);
  const { holder, key } = random.pick(holders);
  const replacement = random.pick<unknown>([
    null,
    1e308,
    -1,
    '',
    'x'.repeat(100_000),
    [],
    {},
    true,
    '../../etc/passwd',
    Array.from({ length: 10_000 }, () => 0),
  ]);
  (holder as Record<string | number, unknown>)[key] = replacement;
  return { text: JSON.stringify(document), operator: `json@${String(key).slice(0, 40)}` };
}

/** Rewrites a zip with one part damaged, dropped, doubled or renamed; undefined if not a zip. */
async function mutateZip(bytes: Buffer, random: Random): Promise<Mutation | undefined> {
  let entries: { name: string; data: Buffer }[];
  try {
    const zip = await openZipBuffer(bytes);
    try {
      entries = [];
      for (const entry of zip.entries) {
        if (entry.size > 64 * 1024 ** 2) return undefined;
        entries.push({ name: entry.name, data: await zip.read(entry) });
      }
    } finally {
      zip.close();
    }
  } catch {
    return undefined;
  }
  if (entries.length === 0) return undefined;
  const textual = entries.filter((e) => /\.(xml|rels|json|csv|html)$/i.test(e.name));
  const target = random.pick(textual.length > 0 ? textual : entries);
  const operator = random.weighted([
    ['part', 8],
    ['drop', 1],
    ['double', 1],
    ['rename', 1],
  ] as const);
  const { name: operatorName, entries: out } = applyZipOperator(
    operator,
    entries,
    target,
    textual,
    random,
  );
  return { bytes: await writeZip(out), operators: [`zip-${operatorName}`] };
}

type ZipEntry = { name: string; data: Buffer };

/** Applies one zip-level mutation; returns its name (for the replay line) and the new entries. */
function applyZipOperator(
  operator: 'part' | 'drop' | 'double' | 'rename',
  entries: readonly ZipEntry[],
  target: ZipEntry,
  textual: readonly ZipEntry[],
  random: Random,
): { name: string; entries: ZipEntry[] } {
  if (operator === 'drop') {
    return { name: `drop:${target.name}`, entries: entries.filter((e) => e !== target) };
  }
  if (operator === 'double') {
    return {
      name: `double:${target.name}`,
      entries: [...entries, { name: target.name, data: target.data }],
    };
  }
  if (operator === 'rename') {
    // yazl refuses absolute and `..` names, so those are left to the crafted-package tests.
    const renamed = random.pick([target.name.replaceAll('/', '\\'), target.name.toUpperCase()]);
    return {
      name: `rename:${target.name}`,
      entries: entries.map((e) => (e === target ? { name: renamed, data: e.data } : e)),
    };
  }
  const part = mutatePart(target, textual.includes(target), random);
  return {
    name: `${target.name}:${part.operator}`,
    entries: entries.map((e) => (e === target ? { name: e.name, data: part.data } : e)),
  };
}

/** Damages one part by its kind: JSON, CSV, markup, or raw bytes. */
function mutatePart(
  target: ZipEntry,
  isText: boolean,
  random: Random,
): { operator: string; data: Buffer } {
  if (/\.json$/i.test(target.name)) {
    const mutated = mutateJson(target.data.toString('utf8'), random);
    return { operator: mutated.operator, data: Buffer.from(mutated.text) };
  }
  if (/\.csv$/i.test(target.name)) {
    const mutated = mutateDelimited(target.data, random);
    return { operator: mutated.operators.join('+'), data: mutated.bytes };
  }
  if (isText) {
    const mutated = mutateMarkup(target.data.toString('utf8'), random);
    return { operator: mutated.operator, data: Buffer.from(mutated.text) };
  }
  const mutated = mutateBytes(target.data, random);
  return { operator: mutated.operators.join('+'), data: mutated.bytes };
}

function writeZip(entries: readonly { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) {
      zip.addEmptyDirectory(entry.name, { mtime: new Date('2026-01-01T00:00:00Z') });
      continue;
    }
    zip.addBuffer(entry.data, entry.name, {
      mtime: new Date('2026-01-01T00:00:00Z'),
      compress: true,
      forceZip64Format: false,
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** True when the bytes start like a zip container. */
function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

/** True when the file is text to be damaged as CSV (its name says so, or it holds no NUL). */
function isDelimitedText(name: string, bytes: Buffer): boolean {
  return /\.(csv|tsv|txt)$/i.test(name) || (!isZip(bytes) && !bytes.subarray(0, 4096).includes(0));
}

/**
 * Mutates an input file: damage inside a zip's parts most of the time for containers, inside the
 * text for CSV, and plain byte damage otherwise; sometimes two mutations stacked.
 */
export async function mutateInput(name: string, bytes: Buffer, random: Random): Promise<Mutation> {
  const rounds = random.chance(0.2) ? 2 : 1;
  let current: Mutation = { bytes, operators: [] };
  for (let round = 0; round < rounds; round += 1) {
    let next: Mutation | undefined;
    if (isZip(current.bytes) && random.chance(0.75)) {
      next = await mutateZip(current.bytes, random);
    } else if (isDelimitedText(name, current.bytes) && random.chance(0.7)) {
      next = mutateDelimited(current.bytes, random);
    }
    next ??= mutateBytes(current.bytes, random);
    current = { bytes: next.bytes, operators: [...current.operators, ...next.operators] };
  }
  return current;
}
