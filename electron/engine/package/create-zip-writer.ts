/**
 * Writes a zip deterministically with yazl: entries in the order they are added, every entry
 * with the same time (the package's created time, as Beijing time in a DOS timestamp, so the
 * bytes do not depend on the machine's time zone), the same mode, deflate at yazl's level.
 * The zip goes to a temp name beside the target (a dot file ending in `.partial`), is flushed to
 * disk, and only then renamed to its name: an interrupted write leaves no file that looks
 * finished.
 */
import { createWriteStream } from 'node:fs';
import { open as openFile, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { toChinaTime } from '../../../shared/package/package-file-name.ts';
import { renameRetrying } from '../rename-retrying.ts';

/** The entry time and options every entry gets. */
function entryOptions(created: Date): { mtime: Date; mode: number; forceDosTimestamp: true } {
  const t = toChinaTime(created);
  // yazl writes the DOS time from the local-time getters: build the Date whose local fields
  // are the Beijing wall-clock time, whatever the machine's time zone.
  const mtime = new Date(t.year, t.month - 1, t.day, t.hours, t.minutes, t.seconds);
  return { mtime, mode: 0o100644, forceDosTimestamp: true };
}

/** A stream entry being written: write chunks (waiting when the zip is behind), then end it. */
export interface ZipEntryStream {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

/** A zip being written. */
export interface ZipWriter {
  /** The temp file the zip is written to until `finish` renames it. */
  readonly partialPath: string;
  addBuffer(path: string, bytes: Uint8Array): void;
  /** Adds an entry whose bytes are written afterwards; entries are stored in the order added. */
  addStream(path: string): ZipEntryStream;
  /** Ends the zip with its comment, flushes it, and renames it to its final path. */
  finish(comment: string): Promise<void>;
  /** Stops and removes the temp file. */
  abort(): Promise<void>;
}

/** The temp name a zip is written under until it is complete (in `tempDir`, or beside it). */
export function partialPathFor(path: string, tempDir: string = dirname(path)): string {
  return join(tempDir, `.${basename(path)}.partial`);
}

/**
 * Starts writing a zip to `path` (through its temp name). `tempDir`, on the same volume, holds
 * the temp file instead of the target's folder. The final rename is retried while Windows says
 * the new file is held (an antivirus scanning it); `fs` lets a test make it fail.
 */
export function createZipWriter(
  path: string,
  created: Date,
  tempDir?: string,
  fs: { readonly rename: typeof rename } = { rename },
): ZipWriter {
  const partialPath = partialPathFor(path, tempDir);
  const options = entryOptions(created);
  const zip = new yazl.ZipFile();
  const out = createWriteStream(partialPath);
  const outputDone = finished(out);
  outputDone.catch(() => undefined);
  zip.outputStream.pipe(out);
  // A failed write (a full disk) must not leave an entry's writer waiting for room forever.
  const open = new Set<PassThrough>();
  out.on('error', (error) => {
    for (const stream of open) stream.destroy(error);
  });
  let isAborted = false;
  return {
    partialPath,
    addBuffer(name, bytes) {
      zip.addBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name, options);
    },
    addStream(name) {
      const stream = new PassThrough({ highWaterMark: 1 << 20 });
      open.add(stream);
      // A failed write of the zip (a full disk) destroys the entry with its error: kept here and
      // thrown to the writer at its next write, never an unhandled 'error' event.
      let failure: unknown;
      stream.on('error', (error) => {
        failure ??= error;
      });
      zip.addReadStream(stream, name, options);
      return {
        async write(chunk) {
          if (failure !== undefined) throw failure;
          if (!stream.write(chunk)) await once(stream, 'drain');
        },
        async end() {
          if (failure !== undefined) throw failure;
          stream.end();
          await finished(stream);
          open.delete(stream);
        },
      };
    },
    async finish(comment) {
      zip.end({ comment, forceZip64Format: false });
      await outputDone;
      const handle = await openFile(partialPath, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameRetrying(partialPath, path, fs.rename);
    },
    async abort() {
      if (isAborted) return;
      isAborted = true;
      zip.outputStream.unpipe(out);
      // The file is opened asynchronously: wait until the stream has closed it, or the temp
      // file would be created after it was removed.
      const isClosed = out.closed
        ? Promise.resolve()
        : once(out, 'close').then(
            () => undefined,
            () => undefined, // an error while opening: then there is no file to leave behind
          );
      out.destroy();
      await isClosed;
      await rm(partialPath, { force: true });
    },
  };
}

/** Writes entries to a zip in memory, deterministically (for the xlsx inside a package). */
export async function writeZipToBuffer(
  entries: readonly { path: string; bytes: Uint8Array }[],
  created: Date,
): Promise<Buffer> {
  const options = entryOptions(created);
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    zip.addBuffer(
      Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength),
      entry.path,
      options,
    );
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
