/**
 * The journal's last record is what a crash can tear: cut at every byte, or with any one byte
 * damaged, the project reopens with exactly the operations before it, and the torn bytes are
 * cut off. Damage before the last record is refused with a message, never dropped silently.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  journalPathFor,
  parseJournal,
} from '../../../electron/engine/workspace/project-journal.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { context, createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
/** The snapshot and journal as a crash after three acknowledged edits leaves them. */
let snapshot: Buffer;
let journal: Buffer;
/** Each edit: its operation, the record it changed, the value before and after. */
const edits: { id: number; rid: number; before: string | null; after: string }[] = [];
let fieldIndex = 0;

beforeAll(async () => {
  temp = await createTempDir();
  const { workspace, path } = await createDemoWorkspace(temp.dir, {
    rows: 30,
    seed: 31,
    errorRate: 0,
    name: 'journaled',
  });
  fieldIndex = workspace.dataset.fields.findIndex((f) => f.name === 'XM');
  for (const [i, rid] of [3, 7, 11].entries()) {
    const before = workspace.pageRecords(rid - 1, 1)[0]?.values[fieldIndex] ?? null;
    const after = `修改${i + 1}`;
    const edited = await workspace.editCell(rid, 'XM', after, { who: '测试员', context });
    if (!edited.ok) throw new Error(edited.error.message.en);
    edits.push({ id: edited.value, rid, before, after });
  }
  // What is on disk now is what a crash at this instant would leave.
  snapshot = await readFile(path);
  journal = await readFile(journalPathFor(path));
  await workspace.close();
}, 120_000);
afterAll(async () => {
  await temp.cleanup();
});

/** Writes the snapshot and `journalBytes` as a project, opens it, and says what it holds. */
async function reopenWith(journalBytes: Buffer): Promise<{
  edits: number[];
  values: (string | null)[];
  journalSize: number;
}> {
  const path = join(temp.dir, 'crashed.dsw');
  await writeFile(path, snapshot);
  await writeFile(journalPathFor(path), journalBytes);
  const opened = await Workspace.open(path);
  if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message.en}`);
  const journalSize = (await stat(journalPathFor(path))).size;
  const found = {
    edits: opened.value
      .history()
      .filter((op) => op.kind === 'cell-edit' && op.state === 'done')
      .map((op) => op.id),
    values: edits.map((e) => opened.value.pageRecords(e.rid - 1, 1)[0]?.values[fieldIndex] ?? null),
    journalSize,
  };
  await opened.value.close();
  return found;
}

describe('the last journal record', () => {
  it('holds the three acknowledged edits when whole', async () => {
    const reading = parseJournal(journal);
    expect(reading.kind === 'read' ? reading.records.map((r) => r.seq) : reading).toHaveLength(3);
    const found = await reopenWith(journal);
    expect(found.edits).toEqual(edits.map((e) => e.id));
    expect(found.values).toEqual(edits.map((e) => e.after));
  });

  it('cut at any byte: the project reopens with exactly the first two edits, the rest cut off', async () => {
    const reading = parseJournal(journal);
    if (reading.kind !== 'read') throw new Error(reading.kind);
    const last = reading.records[2];
    if (last === undefined) throw new Error('three records');
    const expected = {
      edits: edits.slice(0, 2).map((e) => e.id),
      values: [edits[0]?.after, edits[1]?.after, edits[2]?.before],
      journalSize: last.start,
    };
    for (let cut = last.start; cut < last.end; cut += 1) {
      expect(await reopenWith(journal.subarray(0, cut)), `cut at byte ${cut}`).toEqual(expected);
    }
  }, 300_000);

  it('with any one byte damaged: the project reopens with exactly the first two edits', async () => {
    const reading = parseJournal(journal);
    if (reading.kind !== 'read') throw new Error(reading.kind);
    const last = reading.records[2];
    if (last === undefined) throw new Error('three records');
    const expected = {
      edits: edits.slice(0, 2).map((e) => e.id),
      values: [edits[0]?.after, edits[1]?.after, edits[2]?.before],
      journalSize: last.start,
    };
    for (let at = last.start; at < last.end; at += 1) {
      const damaged = Buffer.from(journal);
      damaged[at] = (damaged[at] ?? 0) ^ 0xff;
      expect(await reopenWith(damaged), `byte ${at} flipped`).toEqual(expected);
    }
  }, 300_000);
});

describe('a damaged record before the last', () => {
  it('is refused with a message, and the journal is left as it was', async () => {
    const reading = parseJournal(journal);
    if (reading.kind !== 'read') throw new Error(reading.kind);
    const middle = reading.records[1];
    if (middle === undefined) throw new Error('three records');
    const path = join(temp.dir, 'damaged.dsw');
    for (const at of [middle.start, middle.start + 9, middle.start + 14, middle.end - 2]) {
      const damaged = Buffer.from(journal);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      await writeFile(path, snapshot);
      await writeFile(journalPathFor(path), damaged);
      const opened = await Workspace.open(path);
      expect(opened.ok, `byte ${at}`).toBe(false);
      if (opened.ok) await opened.value.close();
      else {
        expect(opened.error.code).toBe('project-journal-corrupt');
        expect(opened.error.message.zh).toMatch(/修改记录文件.*已损坏.*联系技术支持/);
      }
      expect(await readFile(journalPathFor(path))).toEqual(damaged);
    }
    // Refusing released the lock: the same answer again, not "locked".
    const again = await Workspace.open(path);
    expect(again.ok ? 'opened' : again.error.code).toBe('project-journal-corrupt');
  });
});
