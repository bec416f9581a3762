/**
 * Reads a package zip (or an xlsx) through its central directory with yauzl, within the
 * importer's zip limits (shared/import/import-limits.ts): a hostile zip is refused before anything
 * is inflated (entry count, declared sizes, compression ratio), and while inflating yauzl stops an
 * entry that yields more bytes than it declares, and `read` stops at the caller's cap.
 */
import yauzl from 'yauzl';
import { defaultImportLimits, type ImportLimits } from '../../../shared/import/import-limits.ts';
import type { AppError } from '../../../shared/result.ts';

/** An entry of an open zip. */
export interface ZipEntry {
  readonly name: string;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly isEncrypted: boolean;
  readonly entry: yauzl.Entry;
}

/** An open zip. */
export interface OpenZip {
  readonly entries: readonly ZipEntry[];
  /** The zip's comment (CP437 text). */
  readonly comment: string;
  /**
   * Streams an entry's bytes, checking its size as it inflates (yauzl does not check the CRC).
   * Throws a ZipReadError when the entry is damaged or forged.
   */
  stream(entry: ZipEntry): AsyncIterable<Buffer>;
  /**
   * Reads a whole entry; throws a ZipReadError when it is damaged, or larger than `maxBytes`
   * (declared or actually inflated: inflating stops at the cap).
   */
  read(entry: ZipEntry, maxBytes?: number): Promise<Buffer>;
  close(): void;
}

/** The limits a zip is opened with. */
export type ZipLimits = Pick<
  ImportLimits,
  'maxZipEntries' | 'maxUncompressedBytes' | 'maxCompressionRatio'
>;

/** Entries up to this size are not held to the compression ratio (small files compress well). */
const ratioFreeBytes = 16 * 1024 ** 2;

/**
 * Why a zip, or one entry of it, cannot be read: `error.message` is for the clerk, and the
 * library's own words go in `error.details`.
 */
export class ZipReadError extends Error {
  /** The expected failure, as the rest of the app speaks it. */
  readonly error: AppError;

  constructor(code: string, zh: string, en: string, details: readonly string[] = []) {
    super(en);
    this.name = 'ZipReadError';
    this.error = { code, message: { zh, en }, details };
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function entryCorrupt(name: string, error: unknown): ZipReadError {
  return new ZipReadError(
    'entry-corrupt',
    `文件 ${name} 已损坏，无法解压：数据不完整或与压缩包记录不符，请重新获取数据包`,
    `${name} is damaged and cannot be inflated: its data is incomplete or does not match the zip directory; obtain the package again`,
    [reasonOf(error)],
  );
}

function entryTooLarge(name: string, maxBytes: number): ZipReadError {
  const mb = Math.round(maxBytes / 1024 ** 2);
  return new ZipReadError(
    'entry-too-large',
    `文件 ${name} 过大（解压后超过 ${mb} MB），不是正常的数据包文件，已拒绝`,
    `${name} is too large (more than ${mb} MB uncompressed); it is not a normal package file and was refused`,
  );
}

function wrap(zip: yauzl.ZipFile, entries: ZipEntry[]): OpenZip {
  async function* stream(entry: ZipEntry): AsyncGenerator<Buffer> {
    let readable: AsyncIterable<unknown>;
    try {
      readable = await zip.openReadStreamPromise(entry.entry);
    } catch (error) {
      throw entryCorrupt(entry.name, error);
    }
    try {
      for await (const chunk of readable) yield chunk as Buffer;
    } catch (error) {
      throw entryCorrupt(entry.name, error);
    }
  }
  return {
    entries,
    comment: zip.comment,
    stream,
    async read(entry, maxBytes = Number.POSITIVE_INFINITY) {
      if (entry.size > maxBytes) throw entryTooLarge(entry.name, maxBytes);
      const chunks: Buffer[] = [];
      let total = 0;
      // Counted here too, not only by yauzl against the declared size: the cap holds whatever
      // the headers say. Leaving the loop destroys the inflating stream.
      for await (const chunk of stream(entry)) {
        total += chunk.length;
        if (total > maxBytes) throw entryTooLarge(entry.name, maxBytes);
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    },
    close() {
      zip.close();
    },
  };
}

function checkEntry(
  entry: yauzl.Entry,
  total: number,
  limits: ZipLimits,
): ZipReadError | undefined {
  if (total > limits.maxUncompressedBytes) {
    const mb = Math.round(limits.maxUncompressedBytes / 1024 ** 2);
    return new ZipReadError(
      'too-large',
      `数据包解压后过大（超过 ${mb} MB），不是正常的数据包，已拒绝`,
      `The package is too large once uncompressed (more than ${mb} MB); refused`,
    );
  }
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > ratioFreeBytes && ratio > limits.maxCompressionRatio) {
    return new ZipReadError(
      'suspicious-compression',
      `数据包中的「${entry.fileName}」压缩比异常（${Math.round(ratio)}:1），可能是恶意文件，已拒绝`,
      `The entry ${entry.fileName} is compressed ${Math.round(ratio)}:1, far beyond any real package; refused as a possible zip bomb`,
    );
  }
  return undefined;
}

async function listEntries(zip: yauzl.ZipFile, limits: ZipLimits): Promise<ZipEntry[]> {
  if (zip.entryCount > limits.maxZipEntries) {
    throw new ZipReadError(
      'too-many-entries',
      `数据包中的文件过多（${zip.entryCount} 个，上限 ${limits.maxZipEntries}），不是正常的数据包，已拒绝`,
      `The package holds too many entries (${zip.entryCount}; the limit is ${limits.maxZipEntries}); refused`,
    );
  }
  const entries: ZipEntry[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      const refused = checkEntry(entry, total, limits);
      if (refused !== undefined) {
        reject(refused);
        return;
      }
      entries.push({
        name: entry.fileName,
        crc32: entry.crc32,
        compressedSize: entry.compressedSize,
        size: entry.uncompressedSize,
        isEncrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
        entry,
      });
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: unknown) =>
      reject(
        new ZipReadError(
          'not-a-zip',
          '不是完整的 zip 数据包：压缩包的目录有误，请重新获取数据包',
          'Not a complete zip package: its directory is wrong; obtain the package again',
          [reasonOf(error)],
        ),
      ),
    );
    zip.readEntry();
  });
  return entries;
}

const options = {
  lazyEntries: true,
  autoClose: false,
  validateEntrySizes: true,
  decodeStrings: true,
} as const;

async function open(opening: Promise<yauzl.ZipFile>, limits: ZipLimits): Promise<OpenZip> {
  let zip: yauzl.ZipFile;
  try {
    zip = await opening;
  } catch (error) {
    throw new ZipReadError(
      'not-a-zip',
      '不是完整的 zip 数据包：找不到压缩包目录（可能是下载或拷贝没有完成），请重新获取数据包',
      'Not a complete zip package: no zip directory was found (the download or copy may not have finished); obtain the package again',
      [reasonOf(error)],
    );
  }
  try {
    return wrap(zip, await listEntries(zip, limits));
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** Opens a zip file; throws a ZipReadError when it is not a readable zip within `limits`. */
export function openZipFile(
  path: string,
  limits: ZipLimits = defaultImportLimits,
): Promise<OpenZip> {
  return open(yauzl.openPromise(path, options), limits);
}

/** Opens a zip held in memory; throws a ZipReadError when it is not a readable zip within `limits`. */
export function openZipBuffer(
  bytes: Buffer,
  limits: ZipLimits = defaultImportLimits,
): Promise<OpenZip> {
  return open(yauzl.fromBufferPromise(bytes, options), limits);
}
