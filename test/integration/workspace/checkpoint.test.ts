/**
 * Checkpoints: an idle project, or one whose journal grew past its limit, has its snapshot
 * rewritten and its journal replaced by an empty one, so the `.dsw` alone holds every edit and
 * the next edit only appends. A checkpoint that fails (a full disk) keeps the journal, loses
 * nothing, and does not stop the next one.
 */
import { existsSync } from 'node:fs';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isDiskFull } from '../../../electron/engine/disk-full.ts';
import { loadSqlite } from '../../../electron/engine/workspace/load-sqlite.ts';
import { journalPathFor, readJournal } from '../../../electron/engine/workspace/project-journal.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
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

/** The XM value of a record and the meta rows, as any SQLite reader finds them in the file. */
async function readSnapshot(
  path: string,
  rid: number,
): Promise<{ value: string; journalSeq: string }> {
  const SQL = await loadSqlite();
  const db = new SQL.Database(await readFile(path));
  try {
    const value = db.exec('SELECT XM FROM records WHERE _rid = ?', [rid])[0]?.values[0]?.[0];
    const seq = db.exec("SELECT value FROM meta WHERE key = 'journal_seq'")[0]?.values[0]?.[0];
    return { value: String(value), journalSeq: String(seq) };
  } finally {
    db.close();
  }
}

/** The journal id the snapshot on disk carries. */
async function snapshotJournalId(path: string): Promise<string> {
  const SQL = await loadSqlite();
  const db = new SQL.Database(await readFile(path));
  try {
    return String(db.exec("SELECT value FROM meta WHERE key = 'journal_id'")[0]?.values[0]?.[0]);
  } finally {
    db.close();
  }
}

/** The operations the journal beside the project holds (none when there is no journal). */
async function journaledOperations(path: string): Promise<number> {
  const reading = await readJournal(journalPathFor(path));
  if (reading.kind === 'corrupt') throw new Error(reading.reason);
  return reading.kind === 'missing' ? 0 : reading.records.length;
}

/** The journal beside the project: its id and how many operations it holds (false: none read). */
async function journalOnDisk(path: string): Promise<false | { id: string; records: number }> {
  const reading = await readJournal(journalPathFor(path));
  return reading.kind === 'read' && { id: reading.journalId, records: reading.records.length };
}

describe('checkpoints', () => {
  it('leave the empty journal of the new snapshot on disk, so the next edit only appends to it', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 30,
      seed: 40,
      errorRate: 0,
      name: 'ready',
    });
    workspace.configureCheckpoints({ idleMs: 3_600_000 });
    // The import ended with a checkpoint: its journal is there already, continuing it, empty.
    expect(await journalOnDisk(path)).toEqual({ id: await snapshotJournalId(path), records: 0 });
    const file = await stat(journalPathFor(path));
    const edited = await workspace.editCell(4, 'XM', '只追加', { who: '测试员', context });
    expect(edited.ok).toBe(true);
    // The edit appended to that file: not a new file renamed into place.
    expect((await stat(journalPathFor(path))).ino).toBe(file.ino);
    expect(await journaledOperations(path)).toBe(1);
    await workspace.close();
    expect(existsSync(journalPathFor(path))).toBe(false);

    // Opening starts the journal too, before any edit.
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    expect(await journalOnDisk(path)).toEqual({ id: await snapshotJournalId(path), records: 0 });
    await reopened.value.close();
  });

  it('run when the project is idle: the snapshot alone then holds the edit', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 50,
      seed: 41,
      errorRate: 0,
      name: 'idle',
    });
    workspace.configureCheckpoints({ idleMs: 50 });
    const edited = await workspace.editCell(5, 'XM', '空闲时保存', { who: '测试员', context });
    expect(edited.ok).toBe(true);
    await vi.waitFor(async () => expect(await journaledOperations(path)).toBe(0), {
      timeout: 60_000,
    });
    expect(await readSnapshot(path, 5)).toEqual({ value: '空闲时保存', journalSeq: '3' });
    await workspace.close();
  });

  it('run at once when the journal passes its limit', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 50,
      seed: 42,
      errorRate: 0,
      name: 'large',
    });
    workspace.configureCheckpoints({ idleMs: 3_600_000, journalBytes: 1 });
    const edited = await workspace.editCell(6, 'XM', '日志过大', { who: '测试员', context });
    expect(edited.ok).toBe(true);
    await vi.waitFor(async () => expect(await journaledOperations(path)).toBe(0), {
      timeout: 60_000,
    });
    expect((await readSnapshot(path, 6)).value).toBe('日志过大');
    await workspace.close();
  });

  it('that fail keep the journal whole, and the next one writes everything', async () => {
    const { workspace, path } = await createDemoWorkspace(disk.dir, {
      rows: 100,
      seed: 43,
      errorRate: 0,
      name: 'failing',
    });
    workspace.configureCheckpoints({ idleMs: 3_600_000 });
    const first = await workspace.editCell(7, 'XM', '第一次', { who: '测试员', context });
    expect(first.ok).toBe(true);
    const journal = await readFile(journalPathFor(path));
    await disk.fill();
    const failed = await workspace.checkpoint().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDiskFull(failed)).toBe(true);
    expect(await readFile(journalPathFor(path))).toEqual(journal);
    await disk.free();

    const second = await workspace.editCell(8, 'XM', '第二次', { who: '测试员', context });
    expect(second.ok).toBe(true);
    // A crash now: the snapshot from before and the journal hold both edits.
    const crashed = join(temp.dir, 'crashed.dsw');
    await copyFile(path, crashed);
    await copyFile(journalPathFor(path), journalPathFor(crashed));
    const reopened = await Workspace.open(crashed);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    const xm = reopened.value.dataset.fields.findIndex((f) => f.name === 'XM');
    expect(reopened.value.pageRecords(6, 2).map((r) => r.values[xm])).toEqual(['第一次', '第二次']);
    await reopened.value.close();

    await workspace.checkpoint();
    expect(await journaledOperations(path)).toBe(0);
    expect((await readSnapshot(path, 8)).value).toBe('第二次');
    await workspace.close();
  });

  it('are not written when nothing changed: opening and closing leaves the file as it was', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 20,
      seed: 44,
      errorRate: 0,
      name: 'untouched',
    });
    await workspace.close();
    const before = await stat(path);
    const bytes = await readFile(path);
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    expect(reopened.value.pageRecords(0, 1)).toHaveLength(1);
    await reopened.value.close();
    const after = await stat(path);
    // Not rewritten: the same inode (a checkpoint renames a new file into place) and bytes.
    expect(after.ino).toBe(before.ino);
    expect(await readFile(path)).toEqual(bytes);
    expect(existsSync(journalPathFor(path))).toBe(false);
  });
});
