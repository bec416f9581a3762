import { rename } from 'node:fs/promises';

/** How long to wait before each retry of a rename that another program blocked, in ms. */
const renameRetryDelaysMs = [20, 50, 100, 200, 400, 800];

/**
 * Renames `from` over `to`, retrying for about 1.5 s while Windows says EPERM, EBUSY or EACCES:
 * an antivirus or search indexer that has just opened the file (a project save, a new package)
 * makes the rename fail for a moment (the same retry graceful-fs does). Written by hand: it is
 * one loop, and the rename is passed in so a test can make it fail.
 */
export async function renameRetrying(
  from: string,
  to: string,
  renameFile: typeof rename = rename,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await renameFile(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const delay = renameRetryDelaysMs[attempt];
      if (delay === undefined || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES'))
        throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
