/**
 * Temp folders for work in progress (a throw-away project, a package being zipped). They live
 * beside the output, never in the system temp folder, so that personal data is not left where
 * nobody looks (共享不落地); each is named after its process, so that the next start can remove
 * the leftovers of a process that was killed.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The name every temp folder starts with, followed by `<pid>-`. */
const prefix = '.steward-tmp-';

/** A temp folder of this process. */
export interface TempFolder {
  readonly dir: string;
  /** Removes the folder and everything in it. */
  remove(): Promise<void>;
}

const open = new Set<string>();
let isExitHooked = false;

/** Removes this process's temp folders when it exits (a normal exit; a kill is handled by the next start). */
function hookExit(): void {
  if (isExitHooked) return;
  isExitHooked = true;
  process.on('exit', () => {
    for (const dir of open) rmSync(dir, { recursive: true, force: true });
  });
}

/** Creates a temp folder of this process inside `parent`. */
export async function createTempFolder(parent: string): Promise<TempFolder> {
  const dir = await mkdtemp(join(parent, `${prefix}${process.pid}-`));
  open.add(dir);
  hookExit();
  return {
    dir,
    async remove() {
      await rm(dir, { recursive: true, force: true });
      open.delete(dir);
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temp folders in `parent` left by processes that no longer run; returns how many. */
export async function removeDeadTempFolders(parent: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const dead = names.filter((name) => {
    const match = new RegExp(`^${prefix.replace('.', '\\.')}(\\d+)-`).exec(name);
    const pid = Number(match?.[1]);
    return match !== null && pid !== process.pid && !isAlive(pid);
  });
  await Promise.all(dead.map((name) => rm(join(parent, name), { recursive: true, force: true })));
  return dead.length;
}
