/**
 * A zip container (xlsx, xlsm, xlsb, ods) opened through its central directory with yauzl,
 * which reads entries on demand from the file (never the whole file into memory), checks every
 * entry's actual size against its declared size while inflating, and normalises the backslash
 * paths that some exporters write; we add the CRC-32 check that yauzl leaves to its caller.
 * yauzl rather than fflate: fflate needs the whole archive in one buffer and has no size
 * validation; yauzl streams and is built against zip bombs.
 */
import type { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import type { ImportLimits } from '../../../shared/import/import-limits.ts';
import { err, ok, type Result } from '../../../shared/result.ts';
import { importError } from './import-error.ts';

/** An open zip container. */
export interface ZipArchive {
  /** Entry names, with `/` separators, as stored. */
  readonly names: readonly string[];
  /** Finds an entry by name, ignoring case and a leading `/`. */
  find(name: string): yauzl.Entry | undefined;
  /** Streams an entry's inflated bytes. Throws an ImportError when it is corrupt. */
  stream(entry: yauzl.Entry): AsyncIterable<Buffer>;
  /** Reads a whole (small) entry. Throws an ImportError when it is corrupt. */
  read(entry: yauzl.Entry): Promise<Buffer>;
  close(): void;
}

function normalise(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * The error for an entry whose data is damaged. The clerk's message says what happened and what
 * to do; which part and what zlib or yauzl said go in the details, for the log and the details
 * view, never in the message.
 */
function corrupt(part: string, reason: string) {
  return importError(
    'corrupt-file',
    '文件已损坏，无法读取：压缩包中的数据不完整或有误（可能是下载或拷贝没有完成）。请向报送单位要一份完好的文件，或在 Excel 或 WPS 中打开后另存为 xlsx 再导入',
    'The file is damaged and cannot be read: the zip data is incomplete or wrong (the download or copy may not have finished). Ask for an intact copy, or open it in Excel or WPS and save it as xlsx, then import it again',
    [`part: ${part}`, reason],
  );
}

/** The refusal of a zip whose end-of-central-directory record cannot be true (zeroed, cut). */
function damagedDirectory<T>(fact: string): Result<T> {
  return err(
    'corrupt-file',
    '文件已损坏：压缩包末尾的目录记录有误（文件可能被截断或部分被清零，下载或拷贝没有完成）。请向报送单位要一份完好的文件',
    'The file is damaged: the directory record at the end of the zip is wrong (the file may be cut short or partly zeroed; the download or copy may not have finished). Ask for an intact copy',
    [fact],
  );
}

/** The smallest central directory record: 46 bytes before its name. */
const centralRecordBytes = 46;
/** The end-of-central-directory record without its comment. */
const endRecordBytes = 22;

/**
 * Opens a zip container and checks it against the limits before anything is inflated: entry
 * count, total declared size, compression ratio of large entries, and zip-level encryption.
 */
export async function openZipArchive(
  path: string,
  limits: Pick<ImportLimits, 'maxZipEntries' | 'maxUncompressedBytes' | 'maxCompressionRatio'>,
): Promise<Result<ZipArchive>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(
      'corrupt-file',
      '文件已损坏：不是完整的压缩包（找不到目录，可能是下载或拷贝没有完成）',
      'The file is damaged: it is not a complete zip archive (no central directory; the download or copy may not have finished)',
      [reason],
    );
  }
  // A damaged end record (zeroed or cut) gives an entry count that no file of this size can
  // hold, or none at all in a file that has entries: call it damaged, not "too many" or "empty".
  if (zip.entryCount * centralRecordBytes > zip.fileSize) {
    zip.close();
    return damagedDirectory(`entry count ${zip.entryCount} cannot fit in ${zip.fileSize} bytes`);
  }
  if (zip.entryCount === 0 && zip.fileSize > endRecordBytes + Buffer.byteLength(zip.comment)) {
    zip.close();
    return damagedDirectory(`entry count 0 in a zip of ${zip.fileSize} bytes`);
  }
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    return err(
      'too-many-entries',
      `压缩包中的文件过多（${zip.entryCount} 个，上限 ${limits.maxZipEntries}），不像是正常的工作簿`,
      `The archive holds too many entries (${zip.entryCount}; the limit is ${limits.maxZipEntries}); it does not look like a workbook`,
    );
  }
  const entries = new Map<string, yauzl.Entry>();
  const names: string[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.isEncrypted()) {
        zip.close();
        return err(
          'encrypted',
          '文件已加密，请在 Excel 中取消密码后再导入',
          'The file is encrypted: remove the password in Excel, then import it again',
        );
      }
      total += entry.uncompressedSize;
      if (total > limits.maxUncompressedBytes) {
        zip.close();
        return err(
          'too-large',
          `文件解压后过大（超过 ${Math.round(limits.maxUncompressedBytes / 1024 ** 2)} MB）`,
          `The file is too large once uncompressed (more than ${Math.round(limits.maxUncompressedBytes / 1024 ** 2)} MB)`,
        );
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > 16 * 1024 ** 2 && ratio > limits.maxCompressionRatio) {
        zip.close();
        return err(
          'suspicious-compression',
          `文件中的「${entry.fileName}」压缩比异常（${Math.round(ratio)}:1），可能是恶意文件，已拒绝`,
          `The entry ${entry.fileName} is compressed ${Math.round(ratio)}:1, far beyond any real workbook; refused as a possible zip bomb`,
        );
      }
      names.push(entry.fileName);
      entries.set(normalise(entry.fileName), entry);
    }
  } catch (error) {
    zip.close();
    const reason = error instanceof Error ? error.message : String(error);
    return err(
      'corrupt-file',
      '文件已损坏：压缩包的目录有误',
      'The file is damaged: the zip directory is wrong',
      [reason],
    );
  }

  const open = async (entry: yauzl.Entry, decode: boolean): Promise<Readable> => {
    try {
      return await zip.openReadStreamPromise(entry, { decodeFileData: decode });
    } catch (error) {
      throw corrupt(entry.fileName, error instanceof Error ? error.message : String(error));
    }
  };
  /**
   * Inflates a deflated entry ourselves, in large chunks (yauzl's own inflater hands out 16 KiB
   * at a time, which costs a parser call per chunk), counting the bytes against the declared
   * size as yauzl does: more or fewer bytes than declared is a damaged (or forged) entry.
   */
  async function* stream(entry: yauzl.Entry): AsyncGenerator<Buffer> {
    const isDeflated = entry.compressionMethod === 8;
    const raw = await open(entry, !isDeflated);
    const readable = isDeflated ? raw.pipe(createInflateRaw({ chunkSize: 1 << 18 })) : raw;
    raw.on('error', (error) => readable.destroy(error));
    let total = 0;
    let crc = 0;
    try {
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > entry.uncompressedSize) {
          throw new Error(`more data than the declared ${entry.uncompressedSize} bytes`);
        }
        crc = crc32(chunk, crc);
        yield chunk;
      }
      if (total !== entry.uncompressedSize) {
        throw new Error(`${total} bytes instead of the declared ${entry.uncompressedSize}`);
      }
      // Neither yauzl nor zlib checks the CRC: a changed byte in a stored entry, or data that
      // inflates to the right size but not the right bytes, shows only here.
      if (crc !== entry.crc32) {
        throw new Error(`CRC-32 ${crc.toString(16)} instead of ${entry.crc32.toString(16)}`);
      }
    } catch (error) {
      throw corrupt(entry.fileName, error instanceof Error ? error.message : String(error));
    } finally {
      readable.destroy();
      raw.destroy();
    }
  }
  return ok({
    names,
    find: (name) => entries.get(normalise(name)),
    stream,
    async read(entry) {
      const chunks: Buffer[] = [];
      for await (const chunk of stream(entry)) chunks.push(chunk);
      return Buffer.concat(chunks);
    },
    close: () => zip.close(),
  });
}
