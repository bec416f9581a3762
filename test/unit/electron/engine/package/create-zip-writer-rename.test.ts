/**
 * A package's last step, the rename of its finished temp file to its name, meets on Windows an
 * antivirus scanning the new file (EPERM, EBUSY): it is tried again after a short wait, as the
 * project file's save is, and gives up after a bounded time.
 */
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createZipWriter } from '../../../../../electron/engine/package/create-zip-writer.ts';
import { createTempDir } from '../../../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let path: string;
const created = new Date('2026-11-26T02:00:06Z');

/** A rename that fails with these codes, in turn, before it does the real rename. */
function failingRename(codes: string[]): { rename: typeof rename; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    rename: async (from, to) => {
      calls += 1;
      const code = codes.shift();
      if (code !== undefined)
        throw Object.assign(new Error(`${code}: operation not permitted, rename`), { code });
      await rename(from, to);
    },
  };
}

beforeEach(async () => {
  temp = await createTempDir();
  path = join(temp.dir, 'population_371702_2026Q4_20261126100006.zip');
});

afterEach(async () => {
  await temp.cleanup();
});

describe('createZipWriter on Windows, with a scanner holding the new package', () => {
  it('retries a rename that fails with EBUSY, then EPERM, and the package is whole', async () => {
    const fs = failingRename(['EBUSY', 'EPERM']);
    const zip = createZipWriter(path, created, undefined, { rename: fs.rename });
    zip.addBuffer('data/population.csv', new TextEncoder().encode('GMSFHM\n1\n'));
    await zip.finish('sealed');
    expect(fs.calls()).toBe(3);
    expect(await readdir(temp.dir)).toEqual([path.slice(temp.dir.length + 1)]);
    const opened = await yauzl.openPromise(path, { lazyEntries: true });
    expect(opened.entryCount).toBe(1);
    opened.close();
  });

  it('gives up on a rename that keeps failing, after a bounded number of tries', async () => {
    const fs = failingRename(Array.from({ length: 50 }, () => 'EBUSY'));
    const zip = createZipWriter(path, created, undefined, { rename: fs.rename });
    zip.addBuffer('a.txt', new TextEncoder().encode('a'));
    await expect(zip.finish('sealed')).rejects.toMatchObject({ code: 'EBUSY' });
    expect(fs.calls()).toBeGreaterThan(1);
    expect(fs.calls()).toBeLessThan(50);
  });
});
