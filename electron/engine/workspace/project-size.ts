/**
 * How large a project this app can hold. sql.js keeps a project's database in one WebAssembly
 * heap, which cannot grow past 2 GB: a database near that size (about 3,000,000 records of a
 * 15-field register) makes SQLite fail with "out of memory", or JavaScript with a RangeError.
 * So a project is kept under a size limit: an import that would pass it is refused before it
 * starts (an estimate) or stopped when the database passes it, a project file larger than it is
 * not opened, and a failure of the heap itself is caught. The clerk is told what happened and
 * what to do (split the file by 区划 or 年份, or package straight from the file with the command
 * line, which needs no project); the project stays as it was saved.
 */
import type { Database } from 'sql.js';
import { err, type Result } from '../../../shared/result.ts';

/** Limits of a project's size; tests lower them (building 3,000,000 rows is not a test). */
export interface ProjectLimits {
  /** The largest database (bytes of its SQLite file) a project may grow to. */
  readonly sizeLimitBytes: number;
  /**
   * SQLite's own heap limit during an import (`PRAGMA hard_heap_limit`), undefined for none:
   * makes SQLite fail with "out of memory" as a full WebAssembly heap does, at a size a test
   * can reach.
   */
  readonly heapLimitBytes?: number;
}

/**
 * 1.4 GB of database: about 2,700,000 records of a 15-field register, with room left in the
 * 2 GB heap for SQLite's page cache, the index builds and the validation of an import.
 */
export const defaultProjectLimits: ProjectLimits = { sizeLimitBytes: 1.4 * 1024 ** 3 };

/** The size of a database's SQLite file now, in bytes (page count times page size). */
export function databaseBytes(db: Database): number {
  const pages = Number(db.exec('PRAGMA page_count')[0]?.values[0]?.[0] ?? 0);
  const pageSize = Number(db.exec('PRAGMA page_size')[0]?.values[0]?.[0] ?? 0);
  return pages * pageSize;
}

/** Thrown inside an import when the database passes the size limit; the import rolls back. */
export class ProjectTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the project's database passed its size limit at ${bytes} bytes`);
    this.name = 'ProjectTooLargeError';
  }
}

/**
 * Whether an error says memory ran out: SQLite's SQLITE_NOMEM through sql.js ("out of
 * memory"), a JavaScript allocation that failed, or a file too large to read in one piece.
 */
export function isOutOfMemory(error: unknown): boolean {
  if (error instanceof ProjectTooLargeError) return true;
  if (!(error instanceof Error)) return false;
  if ((error as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE') return true;
  if (error instanceof RangeError)
    return /allocation failed|invalid (typed )?array( buffer)? length|out of memory/i.test(
      error.message,
    );
  return /^out of memory$|^Aborted\(OOM\)|Cannot enlarge memory/i.test(error.message);
}

const gb = (bytes: number): string => (bytes / 1024 ** 3).toFixed(1);

/** The `project-too-large` AppError of a change that would pass the limit (the project is unchanged). */
export function projectTooLargeError<T = never>(
  limits: ProjectLimits,
  details: readonly string[],
): Result<T> {
  return err(
    'project-too-large',
    `数据量太大：项目将超过本机工作台能处理的上限（约 ${gb(limits.sizeLimitBytes)} GB），这次操作没有进行，项目仍是上次保存的样子。请把文件按区划或年份拆分成几个较小的文件，分别建项目导入；或者不建项目，用命令行 steward package 直接从文件打包`,
    `Too much data: the project would pass what the workbench can hold (about ${gb(limits.sizeLimitBytes)} GB); nothing was changed and the project is as last saved. Split the file by district or year into smaller files and import each into its own project, or package straight from the file with the command line (steward package)`,
    details,
  );
}

/** The `project-too-large` AppError of a project file too large to open. */
export function projectFileTooLargeError<T = never>(
  path: string,
  bytes: number,
  limits: ProjectLimits,
): Result<T> {
  return err(
    'project-too-large',
    `项目文件太大（${gb(bytes)} GB），超过了本机工作台能打开的上限（约 ${gb(limits.sizeLimitBytes)} GB），没有打开，文件未改动：${path}。请把原始文件按区划或年份拆分后分别建项目，或用命令行 steward package 直接从原始文件打包`,
    `The project file is too large (${gb(bytes)} GB) for the workbench to open (about ${gb(limits.sizeLimitBytes)} GB at most); it was not opened or changed: ${path}. Split the source files by district or year into separate projects, or package straight from the source files with the command line (steward package)`,
    [`${bytes} bytes, limit ${limits.sizeLimitBytes} bytes`],
  );
}
