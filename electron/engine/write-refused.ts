/**
 * A folder that refuses writes is an expected failure, not a bug: the install folder under
 * Program Files (EPERM on Windows without administrator rights), a read-only share, a CD or a
 * read-only mount (EROFS), a folder without permission (EACCES). The clerk is told which folder
 * and to pick another; the system's own text goes to the details for the log.
 */
import { dirname } from 'node:path';
import { err, type Result } from '../../shared/result.ts';

/** Whether an error says the file system refused a write: read-only or no permission. */
export function isWriteRefused(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
}

/** The folder a refused write was in (a `mkdir`'s own path, else the file's folder), or ''. */
function refusedFolder(error: unknown): string {
  const path = (error as { path?: unknown }).path;
  if (typeof path !== 'string') return '';
  return (error as { syscall?: unknown }).syscall === 'mkdir' ? path : dirname(path);
}

/** The `folder-read-only` AppError for a write that the folder refused. */
export function writeRefusedError<T = never>(error: unknown): Result<T> {
  const folder = refusedFolder(error);
  return err(
    'folder-read-only',
    `无法在文件夹「${folder}」中写入文件：该文件夹是只读的或没有写入权限。请换一个可以写入的文件夹（如“文档”或桌面）后重试`,
    `Cannot write in the folder "${folder}": it is read-only or not writable. Choose a folder you can write to (such as Documents or the desktop) and try again`,
    [error instanceof Error ? error.message : String(error)],
  );
}

/** The `folder-read-only` AppError for a project whose folder refuses its lock and saves. */
export function projectFolderReadOnlyError<T = never>(error: unknown): Result<T> {
  const folder = refusedFolder(error);
  return err(
    'folder-read-only',
    `项目所在的文件夹「${folder}」是只读的或没有写入权限，项目无法在那里打开和保存；请把项目文件复制到可以写入的文件夹（如“文档”或桌面）后再打开`,
    `The project's folder "${folder}" is read-only or not writable, so the project cannot be opened and saved there; copy the project file to a folder you can write to (such as Documents or the desktop) and open it there`,
    [error instanceof Error ? error.message : String(error)],
  );
}
