/**
 * A save on Windows whose rename meets an antivirus or indexer holding the project file
 * (EPERM, EBUSY) tries the rename again after a short wait, so the clerk's save goes through;
 * any other failure, or one that lasts, is thrown at once and leaves no temp file behind.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../../../electron/engine/workspace/project-file.ts';
import { createTempDir } from '../../../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let path: string;

function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: operation not permitted, rename`), { code });
}

/** A rename that fails with these codes, in turn, before it does the real rename. */
function failingRename(codes: string[]): { rename: typeof rename; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    rename: async (from, to) => {
      calls += 1;
      const code = codes.shift();
      if (code !== undefined) throw fsError(code);
      await rename(from, to);
    },
  };
}

beforeEach(async () => {
  temp = await createTempDir();
  path = join(temp.dir, '项目.dsw');
  await writeFile(path, 'last good save');
});

afterEach(async () => {
  await temp.cleanup();
});

describe('writeFileAtomically on a file another program holds', () => {
  it('retries a rename that fails with EPERM, then EBUSY, and saves', async () => {
    const fs = failingRename(['EPERM', 'EBUSY']);
    await writeFileAtomically(path, new TextEncoder().encode('new save'), {
      rename: fs.rename,
    });
    expect(fs.calls()).toBe(3);
    expect(await readFile(path, 'utf8')).toBe('new save');
    expect(await readdir(temp.dir)).toEqual(['项目.dsw']);
  });

  it('gives up on a rename that keeps failing, keeping the last good save and no temp file', async () => {
    const fs = failingRename(Array.from({ length: 50 }, () => 'EPERM'));
    await expect(
      writeFileAtomically(path, new TextEncoder().encode('new save'), { rename: fs.rename }),
    ).rejects.toMatchObject({ code: 'EPERM' });
    expect(fs.calls()).toBeGreaterThan(1);
    expect(fs.calls()).toBeLessThan(50);
    expect(await readFile(path, 'utf8')).toBe('last good save');
    expect(await readdir(temp.dir)).toEqual(['项目.dsw']);
  });

  it('does not retry other failures', async () => {
    const fs = failingRename(['EXDEV']);
    await expect(
      writeFileAtomically(path, new TextEncoder().encode('new save'), { rename: fs.rename }),
    ).rejects.toMatchObject({ code: 'EXDEV' });
    expect(fs.calls()).toBe(1);
    expect(await readFile(path, 'utf8')).toBe('last good save');
  });
});
