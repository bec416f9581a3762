/**
 * package:changes (增量 before writing, issue #15) on the real engine handlers: before any
 * package it says the first submission is in full; after a full package, an edit, an exclusion
 * and an import of more records it counts 新增 · 变更 · 删除 · 未变, and the incremental package
 * then written states the same counts and holds those records; a dataset with no primary key
 * cannot be incremental, and it says so.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../../shared/ipc/contract.ts';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import type { Result } from '../../../shared/result.ts';
import { engineHandlers } from '../../../electron/engine/session/engine-handlers.ts';
import { EngineSession } from '../../../electron/engine/session/engine-session.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import {
  createPackWorkspace,
  packageContext,
  readZipEntries,
  requirePack,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let session: EngineSession;
let workspace: Workspace;
const ended = new Map<string, EventPayload<'job:done'>>();
const pack = requirePack('pop-base');
const actor = { who: '测试员', context: packageContext };

async function invoke<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  const handler = engineHandlers[channel] as (
    input: ChannelInput<C>,
    s: EngineSession,
  ) => Promise<Result<ChannelOutput<C>>>;
  return handler(input, session);
}

async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const result = await invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message.zh}`);
  return result.value;
}

/** Writes a package through package:write and waits for its job; returns what package:last says. */
async function write(input: Partial<ChannelInput<'package:write'>>) {
  const { jobId } = await call('package:write', {
    kind: 'share',
    onError: 'exclude',
    steward: '王科员',
    division: '371702',
    ...input,
  });
  for (let i = 0; i < 1200 && !ended.has(jobId); i += 1)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const done = ended.get(jobId);
  if (done?.ok !== true) throw new Error(`package:write: ${JSON.stringify(done)}`);
  const written = (await call('package:last', {})).written;
  if (written === null) throw new Error('a package was written');
  return written;
}

/** The lines of a written package's data file (header first). */
async function dataRows(name: string): Promise<string[]> {
  const zip = await readZipEntries(join(temp.dir, 'data/packages', name));
  return (zip.entries.get('data/population.csv')?.toString('utf8') ?? '').trim().split('\r\n');
}

beforeAll(async () => {
  temp = await createTempDir();
  session = new EngineSession(
    { dataDir: join(temp.dir, 'data'), mode: 'browser', version: 'test' },
    <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event !== 'job:done') return;
      const done = payload as EventPayload<'job:done'>;
      ended.set(done.jobId, done);
    },
  );
  // Demo records with some errors: 排除 (exclude) leaves those records out, and so must the count.
  ({ workspace } = await createPackWorkspace(temp.dir, 'pop-base', {
    rows: 150,
    seed: 8,
    errorRate: 0.05,
  }));
  await session.replaceProject({ workspace, isTraining: false });
}, 60_000);

afterAll(async () => {
  await session.replaceProject(undefined);
  await temp.cleanup();
});

describe('package:changes', () => {
  it('says a first submission is in full when the project has written no package', async () => {
    const changes = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(changes).toEqual({
      packages: [],
      base: null,
      cannotCount: null,
      unavailable: {
        zh: '这个项目还没有写过数据包：第一次报送请用全量',
        en: 'This project has written no package yet: the first submission is in full',
      },
      changes: null,
    });
  });

  it('counts an edit, an exclusion and more records, as the written increment states them', async () => {
    const full = await write({ mode: 'full' });
    const before = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(before.unavailable).toBeNull();
    expect(before.packages).toHaveLength(1);
    expect(before.base).toBe(before.packages[0]?.sha256);
    expect(before.changes).toEqual({ added: 0, changed: 0, removed: 0, unchanged: full.rows });

    // Two records the full package holds (the rules left them in): one edited, one left out.
    const packaged = new Set(
      (await dataRows(full.name)).slice(1).map((line) => line.split(',')[0] ?? ''),
    );
    const clean = [...workspace.iterateRecords()]
      .filter((r) => packaged.has(r.values[0] ?? ''))
      .map((r) => r.rid);
    const [edited, excluded] = clean;
    if (edited === undefined || excluded === undefined) throw new Error('two clean records');
    const edit = await workspace.editCell(edited, 'LXDH', '13800138000', actor);
    expect(edit.ok).toBe(true);
    expect((await workspace.excludeRecords([excluded], { who: '测试员' })).ok).toBe(true);
    const demo = createDemo(pack, {
      rows: 4,
      seed: 901,
      errorRate: 0,
      today: packageContext.today,
    });
    if (!demo.ok) throw new Error('pop-base has a demo');
    const rows = [...demo.value.rows()].map((cells) => [...cells]);
    async function* records(): AsyncIterable<{ sourceRow: number; cells: readonly string[] }> {
      for (let i = 0; i < rows.length; i += 1) yield { sourceRow: i + 2, cells: rows[i] ?? [] };
    }
    const imported = await workspace.importRecords(
      {
        file: '第二批.xlsx',
        sheet: 'Sheet1',
        format: 'xlsx',
        headerRow: 1,
        columns: pack.datasets[0]?.fields.map((f) => f.title) ?? [],
      },
      records(),
      (cells) => cells,
      actor,
    );
    expect(imported.ok).toBe(true);

    const preview = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(preview.changes).toEqual({
      added: 4,
      changed: 1,
      removed: 1,
      unchanged: full.rows - 2,
    });
    // Without shouldCount only the choices are answered.
    const choices = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      shouldCount: false,
    });
    expect(choices.changes).toBeNull();
    expect(choices.unavailable).toBeNull();

    const delta = await write({
      mode: 'incremental',
      ...(preview.base === null ? {} : { baseSha256: preview.base }),
    });
    expect(delta.mode).toBe('incremental');
    expect(delta.base?.sha256).toBe(preview.base);
    expect(delta.changes).toEqual(preview.changes);
    const lines = await dataRows(delta.name);
    expect(lines[0]?.endsWith(',CZLX,GXSJ')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').at(-2))).toEqual([
      '变更',
      '新增',
      '新增',
      '新增',
      '新增',
      '删除',
    ]);

    // The project now has two packages to choose from, newest first; the full one is a base too.
    const after = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      ...(before.base === null ? {} : { baseSha256: before.base }),
      shouldCount: true,
    });
    expect(after.packages.map((p) => p.mode)).toEqual(['incremental', 'full']);
    expect(after.changes).toEqual(preview.changes);
  }, 120_000);

  it('says 增量 needs a base of the same kind, and a key the kind writes whole', async () => {
    // pop-base's 开放 package masks the key (公民身份号码): it can only be submitted in full.
    const open = await call('package:changes', {
      kind: 'open',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(open.unavailable?.zh).toBe(
      '主键字段 GMSFHM 在这种数据包中被脱敏或删除，无法增量报送，请改用全量',
    );
    // legal-entity-base opens its key: a 开放 increment against a 共享 package is refused.
    const entities = await createPackWorkspace(temp.dir, 'legal-entity-base', {
      rows: 20,
      errorRate: 0,
    });
    await session.replaceProject({ workspace: entities.workspace, isTraining: false });
    const share = await write({ mode: 'full' });
    const otherKind = await call('package:changes', {
      kind: 'open',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(otherKind.packages.map((p) => p.kind)).toEqual(['share']);
    expect(otherKind.changes).toBeNull();
    expect(otherKind.unavailable?.zh).toBe(
      '作为基础的数据包是共享数据包，本次是开放数据包，不能比较；请选一个开放数据包作为基础，或改用全量',
    );
    const sameKind = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(sameKind.changes).toEqual({ added: 0, changed: 0, removed: 0, unchanged: share.rows });

    // A key twice: 剔除 leaves the second out (an error), 阻止打包 cannot tell them apart.
    const [first, second] = [...entities.workspace.iterateRecords()];
    const key = first?.values[0];
    if (second === undefined || key == null) throw new Error('two records');
    expect((await entities.workspace.editCell(second.rid, 'TYSHXYDM', key, actor)).ok).toBe(true);
    const excluding = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(excluding.changes).toEqual({
      added: 0,
      changed: 0,
      removed: 1,
      unchanged: share.rows - 1,
    });
    const blocking = await call('package:changes', {
      kind: 'share',
      onError: 'block',
      shouldCount: true,
    });
    expect(blocking.unavailable).toBeNull();
    expect(blocking.changes).toBeNull();
    expect(blocking.cannotCount?.zh).toBe(
      `主键 ${key} 有重复记录，增量报送无法区分它们；请先处理重复记录，或改用全量`,
    );
  }, 60_000);

  it('says a dataset with no primary key can only be submitted in full', async () => {
    const dataset = pack.datasets[0];
    if (dataset === undefined) throw new Error('pop-base has a dataset');
    const { primaryKey: _key, ...keyless } = dataset;
    const created = await Workspace.create(join(temp.dir, 'keyless.dsw'), {
      pack: { ...pack, datasets: [keyless] },
      dataset: dataset.name,
      department: '牡丹区行政审批服务局',
      period: '2026Q4',
      who: '测试员',
    });
    if (!created.ok) throw new Error(created.error.message.en);
    await session.replaceProject({ workspace: created.value, isTraining: false });
    const changes = await call('package:changes', {
      kind: 'share',
      onError: 'exclude',
      shouldCount: true,
    });
    expect(changes.changes).toBeNull();
    expect(changes.unavailable?.zh).toBe(
      '数据集「人口基础信息」没有主键，无法判断哪些记录新增、变更或删除，只能全量报送',
    );
  });
});
