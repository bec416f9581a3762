/** Reads a package zip (or an xlsx) through its central directory with yauzl. */
import yauzl from 'yauzl';

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
  /** Streams an entry's bytes, checking its size as it inflates (yauzl does not check the CRC). */
  stream(entry: ZipEntry): AsyncIterable<Buffer>;
  read(entry: ZipEntry): Promise<Buffer>;
  close(): void;
}

function wrap(zip: yauzl.ZipFile, entries: ZipEntry[]): OpenZip {
  return {
    entries,
    comment: zip.comment,
    async *stream(entry) {
      const stream = await zip.openReadStreamPromise(entry.entry);
      for await (const chunk of stream) yield chunk as Buffer;
    },
    async read(entry) {
      const chunks: Buffer[] = [];
      const stream = await zip.openReadStreamPromise(entry.entry);
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    close() {
      zip.close();
    },
  };
}

async function listEntries(zip: yauzl.ZipFile): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
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
    zip.on('error', reject);
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

/** Opens a zip file; throws when it is not a readable zip. */
export async function openZipFile(path: string): Promise<OpenZip> {
  const zip = await yauzl.openPromise(path, options);
  return wrap(zip, await listEntries(zip));
}

/** Opens a zip held in memory; throws when it is not a readable zip. */
export async function openZipBuffer(bytes: Buffer): Promise<OpenZip> {
  const zip = await yauzl.fromBufferPromise(bytes, options);
  return wrap(zip, await listEntries(zip));
}
