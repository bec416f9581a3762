import { basename } from 'node:path';
import { err, ok, type Result } from '../../shared/result.ts';

/**
 * True for the error Windows gives on opening or reading a file another program holds: a
 * workbook open in Excel or WPS (EBUSY, EPERM).
 */
export function isFileLocked(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EBUSY' || code === 'EPERM';
}

/** The refusal for a file another program holds; the system's own text goes to the details. */
export function fileLockedError(path: string, error: unknown): Result<never> {
  const name = basename(path);
  return err(
    'file-locked',
    `文件正被其他程序打开，请在 Excel/WPS 中关闭后重试：${name}`,
    `The file is open in another program; close it in Excel or WPS and try again: ${name}`,
    [error instanceof Error ? error.message : String(error)],
  );
}

/** Runs `read`, turning a file-locked failure into its refusal; other failures are thrown. */
export async function readUnlessLocked<T>(
  path: string,
  read: () => Promise<T>,
): Promise<Result<T>> {
  try {
    return ok(await read());
  } catch (error) {
    if (isFileLocked(error)) return fileLockedError(path, error);
    throw error;
  }
}
