/**
 * The project file on disk: atomic saves (write a temp file beside it, flush, rename) and a
 * lock file so that two windows never write one project.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../../shared/result.ts';

/**
 * Writes `bytes` to `path` so that a crash or kill at any moment leaves either the old file or
 * the new one, whole: the bytes go to a temp file in the same folder, are flushed to disk, and
 * the temp file is renamed over the project (an atomic replace on the same volume).
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.saving`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // Flush the folder entry too, so the rename itself survives a power cut (not on Windows).
  if (process.platform !== 'win32') {
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}

/** Removes temp files that a save killed mid-write left beside the project (call with the lock held). */
export async function removeAbandonedSaves(path: string): Promise<number> {
  const prefix = `.${basename(path)}.`;
  const names = (await readdir(dirname(path))).filter(
    (name) => name.startsWith(prefix) && name.endsWith('.saving'),
  );
  await Promise.all(names.map((name) => rm(join(dirname(path), name), { force: true })));
  return names.length;
}

/** The lock file's content: who holds the project. */
interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly at: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file that belongs to a project. */
export function lockPathFor(projectPath: string): string {
  return `${projectPath}.lock`;
}

/**
 * Takes the project's lock, or says who holds it. A lock left by a process that no longer runs
 * on this machine (a crash) is taken over.
 */
export async function acquireLock(projectPath: string): Promise<Result<() => Promise<void>>> {
  const path = lockPathFor(projectPath);
  const mine: LockInfo = { pid: process.pid, host: hostname(), at: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(path, JSON.stringify(mine), { flag: 'wx' });
      return ok(async () => {
        await rm(path, { force: true });
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    } catch {
      holder = undefined; // an empty or torn lock file: its writer died mid-write
    }
    const isStale = holder === undefined || (holder.host === mine.host && !isAlive(holder.pid));
    if (!isStale) {
      return err(
        'project-locked',
        `项目已在另一个窗口或程序中打开（${holder?.host ?? ''}，进程 ${holder?.pid ?? ''}，${holder?.at ?? ''}），请先关闭它`,
        `The project is open in another window or program (${holder?.host ?? ''}, pid ${holder?.pid ?? ''}, since ${holder?.at ?? ''}); close it first`,
      );
    }
    await rm(path, { force: true });
  }
  return err(
    'project-locked',
    '无法锁定项目文件，请稍后再试',
    'Could not lock the project file; try again',
  );
}
