import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** The read-only shared folder beside the repository (reference data and the corpus). */
export const sharedDir = resolve(repoRoot, '../shared');

/** What a `steward` run printed, and how it ended. */
export interface StewardRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Folders the command line keeps user state in (imported packs, stored templates), isolated per
 * test run so a developer's own templates never change what a test sees.
 */
const isolatedHome = join(tmpdir(), `steward-test-home-${process.pid}`);
const isolatedEnv = {
  STEWARD_PACKS_DIR: join(isolatedHome, 'packs'),
  STEWARD_TEMPLATES_DIR: join(isolatedHome, 'templates'),
};

/** Runs the real command line, `node bin/steward.js <args>`, as a user does. */
export function runSteward(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<StewardRun> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin/steward.js'), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, ...isolatedEnv, ...env },
        maxBuffer: 512 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolvePromise({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** Creates a temporary folder for a test and returns it with its cleanup. */
export async function createTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'steward-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
