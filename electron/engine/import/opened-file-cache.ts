/**
 * The one file kept open between the steps of an import (inspect, suggest a mapping, import):
 * its import worker, with the file opened there (a workbook's shared strings loaded, a text
 * file's encoding and delimiter detected) and the surveys made of its sheets, so a later step
 * streams the rows it needs instead of opening and surveying the file again (issue #11: a
 * 1,000,000-row xlsx was parsed up to four times on its way into a project).
 *
 * Bounded: one file at a time, known by its path and fingerprint (size and modification
 * time). Another file, a change on disk, or `clear()` (the project closes, an import has
 * read it) lets the kept one go; a worker that failed is never handed out again.
 */
import { stat } from 'node:fs/promises';
import { ok, type Result } from '../../../shared/result.ts';
import { openWorkbook, type ImportedWorkbook, type OpenOptions } from './open-workbook.ts';

interface Kept {
  readonly key: string;
  readonly workbook: ImportedWorkbook;
}

/** The key of a file as it is on disk now, or undefined when it cannot be read. */
async function fingerprint(path: string, options: OpenOptions): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return JSON.stringify([path, info.size, info.mtimeMs, options.encoding ?? '', options.limits]);
  } catch {
    // openWorkbook says what is wrong with the file, in the clerk's words.
    return undefined;
  }
}

/** A handle on the kept workbook whose `close()` leaves it open for the next step. */
function lease(workbook: ImportedWorkbook): ImportedWorkbook {
  return { ...workbook, close: () => Promise.resolve() };
}

/** Keeps the last file opened for import; `open` is a `WorkbookOpener`. */
export class OpenedFileCache {
  private kept: Kept | undefined;
  /** Opens and clears run one after another, so two files are never kept at once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly openFile: typeof openWorkbook = openWorkbook) {}

  /** The kept workbook of `path` if it is still the same file, else the file opened anew. */
  readonly open = (path: string, options: OpenOptions = {}): Promise<Result<ImportedWorkbook>> =>
    this.serially(async () => {
      const key = await fingerprint(path, options);
      const kept = this.kept;
      if (kept !== undefined && kept.key === key && kept.workbook.isOpen())
        return ok(lease(kept.workbook));
      await this.release();
      const opened = await this.openFile(path, options);
      if (!opened.ok || key === undefined) return opened;
      this.kept = { key, workbook: opened.value };
      return ok(lease(opened.value));
    });

  /** Lets the kept file go (its worker stops once the tables read from it are closed). */
  clear(): Promise<void> {
    return this.serially(() => this.release());
  }

  private async release(): Promise<void> {
    const kept = this.kept;
    this.kept = undefined;
    await kept?.workbook.close();
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
