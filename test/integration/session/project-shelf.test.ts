/**
 * The project list and shelf on the real engine handlers: the list shows each project's pack,
 * record count, errors and last change from the summary beside the file; a project is renamed
 * (refused while another window holds it), archived, deleted only from the archive (to 待清空,
 * the file kept) and removed for good only by 清空归档.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../../../electron/engine/workspace/project-file.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession();
const { answer, call } = engine;

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Creates a closed project of a department and answers its id. */
async function createClosed(department: string): Promise<string> {
  const state = await call('project:create', {
    packId: 'pop-base',
    dataset: 'population',
    department,
    period: '2026年第4季度',
  });
  await call('project:close', {});
  return state.projectId;
}

const dataDir = () => join(engine.dir, 'data');

describe('the project list', () => {
  it('shows the pack, records, errors and last change of each project', async () => {
    const state = await call('project:training', { rows: 60, seed: 7 });
    expect(state.records).toBe(60);
    expect(state.errors).toBeGreaterThan(0);
    await call('project:close', {});
    const emptyId = await createClosed('牡丹区民政局');
    const list = await call('project:list', {});
    const training = list.find((p) => p.projectId === state.projectId);
    expect(training).toMatchObject({
      place: 'training',
      packTitle: state.packTitle,
      datasetTitle: state.datasetTitle,
      records: 60,
      errors: state.errors,
      warnings: state.warnings,
    });
    expect(list.find((p) => p.projectId === emptyId)).toMatchObject({
      place: 'projects',
      packTitle: state.packTitle,
      records: 0,
      errors: 0,
    });
    expect(Number.isNaN(Date.parse(training?.modifiedAt ?? ''))).toBe(false);
  });

  it('follows edits: the counts after a change and its checkpoint are the new ones', async () => {
    const list = await call('project:list', {});
    const training = list.find((p) => p.place === 'training');
    if (training === undefined) throw new Error('the training project is listed');
    await call('project:open', { projectId: training.projectId });
    const before = await call('project:state', {});
    const page = await call('records:page', { offset: 0, limit: 1, filter: {} });
    const rid = page.rows[0]?.rid;
    if (rid === undefined) throw new Error('a record');
    // Clearing a required name is one more error.
    await call('edit:cell', { rid, field: 'XM', value: '', why: '测试' });
    const state = await call('project:state', {});
    await call('project:close', {});
    const after = (await call('project:list', {})).find((p) => p.projectId === training.projectId);
    expect(state.errors).toBeGreaterThan(before.errors);
    expect(after?.records).toBe(60);
    expect(after?.errors).toBe(state.errors);
  });
});

describe('renaming, archiving and deleting projects', () => {
  it('renames a project and its file, refused while another window holds it', async () => {
    const projectId = await createClosed('牡丹区卫健局');
    const renamed = await call('project:rename', { projectId, name: ' 卫健局名册/四季度 ' });
    expect(renamed.projectId).toBe('projects/卫健局名册_四季度.dsw');
    const list = await call('project:list', {});
    expect(list.find((p) => p.projectId === renamed.projectId)?.name).toBe('卫健局名册_四季度');
    expect(list.some((p) => p.projectId === projectId)).toBe(false);
    expect(await exists(join(dataDir(), 'projects', '卫健局名册_四季度.dsw.summary.json'))).toBe(
      true,
    );

    // Another window holds the project: the rename is refused and the file stays.
    const lock = await acquireLock(join(dataDir(), renamed.projectId));
    if (!lock.ok) throw new Error('the lock');
    try {
      const refused = await answer('project:rename', {
        projectId: renamed.projectId,
        name: '别名',
      });
      expect(refused.ok ? '' : refused.error.code).toBe('project-locked');
      expect(await exists(join(dataDir(), renamed.projectId))).toBe(true);
    } finally {
      await lock.value();
    }
    // A training project keeps its name (培训模式 finds a trainee's project by it).
    const training = (await call('project:list', {})).find((p) => p.place === 'training');
    const kept = await answer('project:rename', {
      projectId: training?.projectId ?? '',
      name: '别名',
    });
    expect(kept.ok ? '' : kept.error.code).toBe('project-not-renamable');
    // A name another project has is refused, never replacing that project.
    const other = await createClosed('牡丹区教育局');
    const clash = await answer('project:rename', { projectId: other, name: '卫健局名册_四季度' });
    expect(clash.ok ? '' : clash.error.code).toBe('project-exists');
    expect(await exists(join(dataDir(), other))).toBe(true);
  });

  it('renames the project open in this session after saving and closing it', async () => {
    const projectId = await createClosed('牡丹区人社局');
    await call('project:open', { projectId });
    const renamed = await call('project:rename', { projectId, name: '人社局' });
    expect(engine.session.project).toBeUndefined();
    const opened = await call('project:open', { projectId: renamed.projectId });
    expect(opened.department).toBe('牡丹区人社局');
    await call('project:close', {});
  });

  it('deletes only from the archive, keeps the file until 清空归档, then removes it', async () => {
    const projectId = await createClosed('牡丹区住建局');
    const kept = await createClosed('牡丹区文旅局');
    const refused = await answer('project:delete', { projectId, isConfirmed: true });
    expect(refused.ok ? '' : refused.error.code).toBe('project-not-archived');
    expect(await exists(join(dataDir(), projectId))).toBe(true);

    const archived = await call('project:archive', { projectId });
    expect(archived.projectId.startsWith('archive/')).toBe(true);
    const keptArchived = await call('project:archive', { projectId: kept });
    let list = await call('project:list', {});
    expect(list.find((p) => p.projectId === archived.projectId)?.place).toBe('archive');
    expect(list.find((p) => p.projectId === archived.projectId)?.packTitle).toBeDefined();
    // An archived project is not opened from the list until it is restored.
    const open = await answer('project:open', { projectId: archived.projectId });
    expect(open.ok).toBe(false);

    const deleted = await call('project:delete', {
      projectId: archived.projectId,
      isConfirmed: true,
    });
    list = await call('project:list', {});
    expect(list.find((p) => p.projectId === deleted.projectId)?.place).toBe('deleted');
    expect(await exists(join(dataDir(), deleted.projectId))).toBe(true);
    // A deleted project can still come back to the archive before the archive is emptied.
    const back = await call('project:restore', { projectId: deleted.projectId });
    expect(back.projectId).toBe(archived.projectId);
    const again = await call('project:delete', { projectId: back.projectId, isConfirmed: true });

    expect(await call('project:empty-archive', { isConfirmed: true })).toEqual({
      removed: 1,
      kept: [],
    });
    expect(await exists(join(dataDir(), again.projectId))).toBe(false);
    expect(await exists(join(dataDir(), `${again.projectId}.summary.json`))).toBe(false);
    // The archived project that was not deleted is kept.
    expect(await exists(join(dataDir(), keptArchived.projectId))).toBe(true);
    list = await call('project:list', {});
    expect(list.some((p) => p.projectId === again.projectId)).toBe(false);
    const restored = await call('project:restore', { projectId: keptArchived.projectId });
    expect(restored.projectId).toBe(kept);
  });

  it('keeps a file open in another window when emptying, and names it', async () => {
    const open = await createClosed('牡丹区水利局');
    const closed = await createClosed('牡丹区林业局');
    const deleted = [];
    for (const projectId of [open, closed]) {
      const archived = await call('project:archive', { projectId });
      deleted.push(
        (await call('project:delete', { projectId: archived.projectId, isConfirmed: true }))
          .projectId,
      );
    }
    const [openDeleted, closedDeleted] = deleted;
    if (openDeleted === undefined || closedDeleted === undefined) throw new Error('two deleted');
    const lock = await acquireLock(join(dataDir(), openDeleted));
    if (!lock.ok) throw new Error('the lock');
    try {
      const emptied = await call('project:empty-archive', { isConfirmed: true });
      expect(emptied).toEqual({
        removed: 1,
        kept: [openDeleted.replace(/^.*\//, '').replace(/\.dsw$/, '')],
      });
      expect(await exists(join(dataDir(), openDeleted))).toBe(true);
      expect(await exists(join(dataDir(), closedDeleted))).toBe(false);
    } finally {
      await lock.value();
    }
    expect(await call('project:empty-archive', { isConfirmed: true })).toEqual({
      removed: 1,
      kept: [],
    });
  });
});
