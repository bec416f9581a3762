/**
 * A full disk is an expected failure, not a bug: the clerk is told 磁盘空间不足 and what to do,
 * and the system's own text goes to the details for the log.
 */
import { err, type Result } from '../../shared/result.ts';

/** Whether an error says the disk (or the user's disk quota) is full. */
export function isDiskFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** The `disk-full` AppError for a write that found the disk full. */
export function diskFullError<T = never>(error: unknown): Result<T> {
  return err(
    'disk-full',
    '磁盘空间不足，文件未能写完；请清理磁盘空间后再试（已保存的内容未受影响）',
    'The disk is full and the file could not be written; free some space and try again (what was saved is unharmed)',
    [error instanceof Error ? error.message : String(error)],
  );
}
