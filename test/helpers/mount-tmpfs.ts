/**
 * Test helper: a second filesystem (a tmpfs) mounted inside a test's folder, for what Windows
 * shows as another volume (OneDrive's folder, a USB stick) and for a read-only folder (a
 * read-only mount refuses even root, who runs the tests in CI). A test that needs it fails,
 * never skips, when it cannot be mounted.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';

/** A mounted tmpfs: made read-only once filled, unmounted at the end. */
export interface MountedTmpfs {
  readonly dir: string;
  /** Remounts it read-only: every write in it then fails with EROFS, as root too. */
  makeReadOnly(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeMb` at `dir` (created if missing). */
export async function mountTmpfs(dir: string, sizeMb: number): Promise<MountedTmpfs> {
  await mkdir(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(
      `This test needs a second filesystem (a tmpfs) and must run as root (as CI does): mount failed: ${String(error)}`,
      { cause: error },
    );
  }
  return {
    dir,
    makeReadOnly() {
      execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    },
  };
}
