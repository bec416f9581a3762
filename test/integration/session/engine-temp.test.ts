/**
 * The engine's work in progress stays in the data folder: what a killed engine left there is
 * removed at the next start, and an export that finds the disk full (a real one, a small tmpfs)
 * says 磁盘空间不足 and leaves no partial workbook.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import { engineHandlers } from '../../../electron/engine/session/engine-handlers.ts';
import { EngineSession } from '../../../electron/engine/session/engine-session.ts';
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
    const session = new EngineSession(
      { dataDir, mode: 'electron', version: 'test' },
      () => undefined,
    );
    expect(await session.removeDeadTemp()).toBe(1);
    expect(await readdir(join(dataDir, 'temp'))).toEqual([`.steward-tmp-${process.ppid}-def`]);
  });
});

describe('exporting the error workbook on a full disk', () => {
  it('says 磁盘空间不足 and leaves no partial workbook', async () => {
    const done: EventPayload<'job:done'>[] = [];
    const session = new EngineSession(
      { dataDir: join(disk.dir, 'data'), mode: 'electron', version: 'test' },
      <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (event === 'job:done') done.push(payload as EventPayload<'job:done'>);
      },
    );
    const training = await engineHandlers['project:training']({ rows: 2000, seed: 9 }, session);
    expect(training.ok).toBe(true);
    await disk.fill();
    try {
      const started = await engineHandlers['errors:export']({}, session);
      expect(started.ok).toBe(true);
      for (let i = 0; i < 600 && done.length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(done[0]?.ok).toBe(false);
      expect(done[0]?.message.zh).toContain('磁盘空间不足');
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
