/**
 * One writer (issue #11): an edit, an undo, an exemption or closing the project while an import
 * job runs waits for the import to finish, then happens, on the real engine handlers with a
 * real import of generated demo data big enough to span many awaits. None of them throws or
 * fails, and the import is whole afterwards.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import { findBundledPack } from '../../../shared/packs/index.ts';
import { writeDemoData } from '../../../electron/engine/demo/write-demo-data.ts';
import { lockPathFor } from '../../../electron/engine/workspace/project-file.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

/** Rows in the imported file: enough that the import reads it in many chunks. */
const importedRows = 20_000;
/** Rows of the training project each test starts from. */
const trainingRows = 50;

const engine = createFileTestSession({ mode: 'electron', templates: 'temp' });
const { call, jobDone } = engine;
let csv: string;

/** Starts importing the big file into the open project; resolves when the job is under way. */
async function startImport(): Promise<string> {
  const file = await engine.session.registerFile(csv, '牡丹区户籍人口.csv');
  if (!file.ok) throw new Error(file.error.message.en);
  const { jobId } = await call('project:import', { sources: [{ fileId: file.value.fileId }] });
  return jobId;
}

/** A record's value in a field. */
async function cellOf(rid: number, field: string): Promise<string | null | undefined> {
  const page = await call('records:page', { offset: rid - 1, limit: 1, filter: {} });
  expect(page.rows[0]?.rid).toBe(rid);
  const index = engine.session.project?.workspace.dataset.fields.findIndex((f) => f.name === field);
  return page.rows[0]?.values[index ?? -1];
}

beforeAll(async () => {
  const pack = findBundledPack('pop-base');
  if (pack === undefined) throw new Error('pop-base is bundled');
  const options = { rows: importedRows, seed: 1111, errorRate: 0.05, today: '2026-11-26' };
  const generator = createDemo(pack, options);
  if (!generator.ok) throw new Error(generator.error.message.en);
  csv = join(engine.dir, '牡丹区户籍人口.csv');
  await writeDemoData(generator.value, options, csv);
});

beforeEach(async () => {
  await call('project:training', { rows: trainingRows });
});

describe('a change made while an import runs waits its turn', () => {
  it('an edit during an import is made after it, and both are kept', async () => {
    const jobId = await startImport();
    const edited = await call('edit:cell', { rid: 1, field: 'XM', value: '张三丰' });
    const imported = await jobDone(jobId);
    expect(imported).toMatchObject({ ok: true });
    expect(edited.records).toBe(trainingRows + importedRows);
    expect(await cellOf(1, 'XM')).toBe('张三丰');
    const history = await call('history:list', {});
    expect(history.map((h) => h.kind).slice(-2)).toEqual(['import', 'cell-edit']);
  });

  it('an undo during an import takes back the import, the newest operation when its turn comes', async () => {
    const jobId = await startImport();
    const undone = await call('history:undo', {});
    expect((await jobDone(jobId)).ok).toBe(true);
    expect(undone.summary).toMatch(/^导入 /);
    expect(undone.state.records).toBe(trainingRows);
    expect((await call('project:state', {})).records).toBe(trainingRows);
  });

  it('an exemption during an import is saved after it', async () => {
    const jobId = await startImport();
    const exempted = await call('package:exempt', {
      rule: 'code-table',
      field: 'MZ',
      reason: '民族代码待公安核实',
      reviewer: '李四',
    });
    expect((await jobDone(jobId)).ok).toBe(true);
    expect(exempted.exemptions).toMatchObject([{ rule: 'code-table', field: 'MZ' }]);
    expect(exempted.records).toBe(trainingRows + importedRows);
    // On disk too: the project file reopened elsewhere has the import and the exemption.
    const path = engine.session.project?.workspace.path ?? '';
    await call('project:close', {});
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    expect(reopened.value.countRecords()).toBe(trainingRows + importedRows);
    expect(reopened.value.exemptions()).toMatchObject([{ rule: 'code-table', field: 'MZ' }]);
    await reopened.value.close();
  });

  it('a package asked for during an import is written from the whole import, not part of it', async () => {
    const imported = await startImport();
    const { jobId } = await call('package:write', {
      kind: 'share',
      onError: 'exclude',
      steward: '王管理',
    });
    expect((await jobDone(imported)).ok).toBe(true);
    const packaged = await jobDone(jobId);
    expect(packaged.ok, packaged.message.zh).toBe(true);
    const { written } = await call('package:last', {});
    expect((written?.rows ?? 0) + (written?.excluded ?? 0)).toBe(trainingRows + importedRows);
  });

  it('closing during an import waits for it, saves it and releases the lock', async () => {
    const path = engine.session.project?.workspace.path ?? '';
    const jobId = await startImport();
    await call('project:close', {});
    expect(engine.session.project).toBeUndefined();
    expect((await jobDone(jobId)).ok).toBe(true);
    await expect(access(lockPathFor(path))).rejects.toThrow();
    const reopened = await Workspace.open(path);
    if (!reopened.ok) throw new Error(reopened.error.message.en);
    expect(reopened.value.countRecords()).toBe(trainingRows + importedRows);
    await reopened.value.close();
    expect((await readFile(path)).length).toBeGreaterThan(0);
  });
});
