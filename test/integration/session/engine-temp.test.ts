/**
 * The engine's work in progress stays in the data folder: what a killed engine left there is
 * removed at the next start, and an export that finds the disk full (a real one, a small tmpfs)
 * says 磁盘空间不足 and leaves no partial workbook.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSession } from '../../helpers/engine-session.ts';
import { mountSmallDisk, type SmallDisk } from '../../helpers/mount-small-disk.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let disk: SmallDisk;
beforeAll(async () => {
  temp = await createTempDir();
  disk = await mountSmallDisk(join(temp.dir, 'disk'), 8);
});
afterAll(async () => {
  await disk.unmount();
  await temp.cleanup();
});

describe('engine start', () => {
  it("removes a killed engine's temp folder and keeps a running one's", async () => {
    const dataDir = join(temp.dir, 'data');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const deadFolder = join(dataDir, 'temp', `.steward-tmp-${dead}-abc`);
    const liveFolder = join(dataDir, 'temp', `.steward-tmp-${process.ppid}-def`);
    for (const folder of [deadFolder, liveFolder]) {
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, '.package.zip.partial'), '个人数据');
    }
    const { session } = createTestSession({ dataDir, mode: 'electron' });
    expect(await session.removeDeadTemp()).toBe(1);
    expect(await readdir(join(dataDir, 'temp'))).toEqual([`.steward-tmp-${process.ppid}-def`]);
  });
});

describe('exporting the error workbook on a full disk', () => {
  it('says 磁盘空间不足 and leaves no partial workbook', async () => {
    const { session, answer, jobDone } = createTestSession({
      dataDir: join(disk.dir, 'data'),
      mode: 'electron',
    });
    const training = await answer('project:training', { rows: 2000, seed: 9 });
    expect(training.ok).toBe(true);
    await disk.fill();
    try {
      const started = await answer('errors:export', {});
      expect(started.ok).toBe(true);
      if (!started.ok) throw new Error(started.error.message.en);
      const done = await jobDone(started.value.jobId);
      expect(done.ok).toBe(false);
      expect(done.message.zh).toContain('磁盘空间不足');
      const folders = await readdir(join(disk.dir, 'data', 'temp'));
      const files = await Promise.all(
        folders.map((f) => readdir(join(disk.dir, 'data', 'temp', f))),
      );
      expect(files.flat()).toEqual([]);
    } finally {
      await disk.free();
      await session.replaceProject(undefined);
    }
  });
});
