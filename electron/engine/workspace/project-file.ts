/**
 * The project file on disk: atomic saves (write a temp file beside it, flush, rename) and a
 * lock file so that two windows never write one project. The lock holder touches the lock every
 * 30 s (a heartbeat), so a lock left by a crash is known by its age even when its pid has since
 * been given to another process.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { open, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { err, ok, type Result } from '../../../shared/result.ts';
import { diskFullError, isDiskFull } from '../disk-full.ts';
import { renameRetrying } from '../rename-retrying.ts';
import { isWriteRefused, projectFolderReadOnlyError } from '../write-refused.ts';

/**
 * Writes `bytes` to `path` so that a crash or kill at any moment leaves either the old file or
 * the new one, whole: the bytes go to a temp file in the same folder, are flushed to disk, and
 * the temp file is renamed over the project (an atomic replace on the same volume).
 */
export async function writeFileAtomically(
  path: string,
  bytes: Uint8Array,
  fs: { readonly rename: typeof rename } = { rename },
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.saving`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameRetrying(temp, path, fs.rename);
  } catch (error) {
    // A failed write (a full disk) must not leave its partial copy behind, keeping the disk full.
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

/** How often the lock holder touches its lock. */
export const lockHeartbeatMs = 30_000;

/** A lock not touched for this long is stale: its holder is gone, whatever its pid says now. */
export const lockStaleMs = 5 * 60_000;

/** Whether a lock file last touched at `touchedAt` by `holder` may be taken over. */
function isStaleLock(holder: LockInfo | undefined, touchedAt: number, mine: LockInfo): boolean {
  if (Date.now() - touchedAt > lockStaleMs) return true;
  return holder === undefined || (holder.host === mine.host && !isAlive(holder.pid));
}

/** When the lock file was last touched, or undefined when it is gone. */
async function touchedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes the project's lock, or says who holds it. A lock left by a process that no longer runs
 * on this machine (a crash), or not touched for `lockStaleMs`, is taken over. The lock is
 * touched every `lockHeartbeatMs` until the returned release is called.
 */
export async function acquireLock(projectPath: string): Promise<Result<() => Promise<void>>> {
  const path = lockPathFor(projectPath);
  const mine: LockInfo = { pid: process.pid, host: hostname(), at: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let isCreated = false;
    try {
      await writeFile(path, JSON.stringify(mine), { flag: 'wx' });
      isCreated = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        // A project in a read-only folder (a share, the install folder) can be neither locked
        // nor saved there: say so and where to copy it, no file was made.
        if (isWriteRefused(error)) return projectFolderReadOnlyError(error);
        // The file was made but not written (a full disk): an empty lock must not stay behind.
        await rm(path, { force: true });
        if (isDiskFull(error)) return diskFullError(error);
        throw error;
      }
    }
    if (isCreated) return ok(holdLock(path, mine));
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    } catch {
      holder = undefined; // an empty or torn lock file: its writer died mid-write
    }
    const touched = await touchedAt(path);
    if (touched !== undefined && !isStaleLock(holder, touched, mine)) {
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

/** Keeps a taken lock alive with a heartbeat; the returned release stops it and removes the lock. */
function holdLock(path: string, mine: LockInfo): () => Promise<void> {
  const heartbeat = setInterval(() => {
    const now = new Date();
    // Touching needs no free space, so a full disk does not let the lock go stale.
    utimes(path, now, now).catch((error: unknown) => {
      console.warn('project lock heartbeat failed', error);
    });
  }, lockHeartbeatMs);
  heartbeat.unref();
  let isReleased = false;
  return async () => {
    if (isReleased) return;
    isReleased = true;
    clearInterval(heartbeat);
    // Remove the lock only while it is still ours (it may have been taken over as stale).
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as LockInfo;
    } catch {
      holder = undefined;
    }
    if (holder?.pid === mine.pid && holder.host === mine.host && holder.at === mine.at)
      await rm(path, { force: true });
  };
}
