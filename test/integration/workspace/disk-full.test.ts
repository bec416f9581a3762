/**
 * A full disk, for real (a small tmpfs filled to the last byte): a save that fails says so,
 * leaves no partial temp file, rolls the project back to what is on disk, and the next save
 * works once there is room again. Closing releases the lock even when its save fails.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDiskFull } from '../../../electron/engine/disk-full.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { mountSmallDisk, type SmallDisk } from '../../helpers/mount-small-disk.ts';
import { context, createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
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

/** The project's files other than the filler: no temp file may be left among them. */
async function leftovers(name: string): Promise<string[]> {
  return (await readdir(disk.dir)).filter((f) => f.startsWith(`.${name}`));
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('saving on a full disk', () => {
  it('fails as disk-full, removes its temp file, rolls back, and saves again after space is freed', async () => {
    const { workspace, path } = await createDemoWorkspace(disk.dir, {
      rows: 300,
      seed: 5,
      errorRate: 0.05,
      name: 'full',
    });
    const field = workspace.dataset.fields[1]?.name ?? '';
    const before = workspace.pageRecords(0, 1)[0];
    const beforeValue = before?.values[1];
    const historyBefore = workspace.history().length;
    await disk.fill();

    // The journal is started at the checkpoint, so a small edit may still fit in the space its
    // file already holds; this one's record (the value twice, about 17 KB) needs new space.
    const error = await rejection(
      workspace.editCell(before?.rid ?? 0, field, '磁盘满时的修改'.repeat(400), {
        who: '测试员',
        context,
      }),
    );
    expect(isDiskFull(error)).toBe(true);
    expect(await leftovers('full.dsw')).toEqual([]);
    // What the clerk sees is what is on disk: the failed edit is not kept in memory.
    expect(workspace.pageRecords(0, 1)[0]?.values[1]).toBe(beforeValue);
    expect(workspace.history()).toHaveLength(historyBefore);

    await disk.free();
    const edited = await workspace.editCell(before?.rid ?? 0, field, '有空间后的修改', {
      who: '测试员',
      context,
    });
    expect(edited.ok).toBe(true);
    await workspace.close();
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    expect(reopened.value.pageRecords(0, 1)[0]?.values[1]).toBe('有空间后的修改');
    await reopened.value.close();
  });

  it('releases the lock on close even when the last save fails, and says the save failed', async () => {
    const { workspace, path } = await createDemoWorkspace(disk.dir, {
      rows: 100,
      seed: 6,
      errorRate: 0.05,
      name: 'closing',
    });
    // A change in the journal: closing must write the snapshot (a project closed unchanged
    // writes nothing, so it cannot fail).
    const edited = await workspace.editCell(3, 'XM', '关闭前', { who: '测试员', context });
    expect(edited.ok).toBe(true);
    await disk.fill();
    expect(isDiskFull(await rejection(workspace.close()))).toBe(true);
    expect(await leftovers('closing.dsw')).toEqual([]);
    await disk.free();
    const reopened = await Workspace.open(path);
    expect(reopened.ok).toBe(true);
    if (reopened.ok) {
      // The snapshot failed, the journal kept the edit.
      const xm = reopened.value.dataset.fields.findIndex((f) => f.name === 'XM');
      expect(reopened.value.pageRecords(2, 1)[0]?.values[xm]).toBe('关闭前');
      await reopened.value.close();
    }
  });

  it('creates no project and no lock when the first save finds the disk full', async () => {
    const pack = findBundledPack('pop-base');
    if (pack === undefined) throw new Error('pop-base is bundled');
    await disk.fill();
    const path = join(disk.dir, 'new.dsw');
    const created = await Workspace.create(path, {
      pack,
      dataset: 'population',
      department: '牡丹区公安分局',
      period: '2026Q4',
    });
    await disk.free();
    expect(created.ok ? 'created' : created.error.code).toBe('disk-full');
    expect((await readdir(disk.dir)).filter((f) => f.includes('new.dsw'))).toEqual([]);
  });
});
