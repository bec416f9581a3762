/**
 * Test helper: a real full disk. A small tmpfs is mounted (CI runs the tests as root); a test
 * that needs it fails, never skips, when it cannot be mounted.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A mounted small disk: fill it to the last byte, free it again, unmount it. */
export interface SmallDisk {
  readonly dir: string;
  /** Writes a filler file until the disk refuses more bytes, then frees `leaveBytes` of it. */
  fill(leaveBytes?: number): Promise<void>;
  /** Removes the filler file. */
  free(): Promise<void>;
  unmount(): Promise<void>;
}

/** Mounts a tmpfs of `sizeMb` at `dir` (created if missing). */
export async function mountSmallDisk(dir: string, sizeMb: number): Promise<SmallDisk> {
  await mkdir(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(
      `This test simulates a full disk with a small tmpfs and must run as root (as CI does): mount failed: ${String(error)}`,
      { cause: error },
    );
  }
  const filler = join(dir, 'filler.bin');
  return {
    dir,
    async fill(leaveBytes = 0) {
      const handle = await open(filler, 'a');
      try {
        const chunks = [Buffer.alloc(64 * 1024, 1), Buffer.alloc(1024, 1), Buffer.alloc(1, 1)];
        for (const chunk of chunks) {
          for (;;) {
            try {
              await handle.write(chunk);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
              break;
            }
          }
        }
        if (leaveBytes > 0) {
          const { size } = await handle.stat();
          await handle.truncate(Math.max(0, size - leaveBytes));
        }
      } finally {
        await handle.close();
      }
    },
    async free() {
      await rm(filler, { force: true });
    },
    async unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    },
  };
}
