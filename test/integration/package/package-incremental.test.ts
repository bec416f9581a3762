/**
 * Incremental submissions (增量报送, issue #15): a project remembers the packages it wrote, an
 * incremental package holds only the records added, changed and removed since its base, and
 * the province rebuilds the full data from a base and its deltas: over six generations of demo
 * records with additions, edits and removals, full(t) == apply(full(t-1), delta(t)) byte for
 * byte on the data file, and the whole chain apply(full(t0), delta1..delta5) == full(t5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo } from '../../../shared/demo/create-demo.ts';
import { serializeCsvRow } from '../../../shared/package/serialize-csv-row.ts';
import {
  applyPackages,
  writeProjectPackage,
} from '../../../electron/engine/package/incremental-package.ts';
import { readPackageData } from '../../../electron/engine/package/read-package-data.ts';
import { verifyPackage } from '../../../electron/engine/package/verify-package.ts';
import type { WrittenPackage } from '../../../electron/engine/package/write-package.ts';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import {
  createPackWorkspace,
  packageContext,
  readZipEntries,
  requirePack,
} from '../../helpers/create-pack-workspace.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

const pack = requirePack('pop-base');
const dataPath = 'data/population.csv';
const actor = { who: '测试员', context: packageContext };

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
let projectPath: string;

beforeAll(async () => {
  ({ dir, cleanup } = await createTempDir());
  ({ workspace, path: projectPath } = await createPackWorkspace(dir, 'pop-base', {
    rows: 120,
    seed: 3,
    errorRate: 0,
  }));
}, 60_000);

afterAll(async () => {
  await workspace.close();
  await cleanup();
});

function options(hour: number) {
  return {
    kind: 'share' as const,
    onError: 'exclude' as const,
    created: new Date(Date.UTC(2026, 10, 26, hour)),
    outDir: dir,
    division: '371702',
    steward: '王管理',
    toolVersion: '0.0.0-test',
  };
}

function must(result: Awaited<ReturnType<typeof writeProjectPackage>>): WrittenPackage {
  if (!result.ok) throw new Error(result.error.message.zh);
  return result.value;
}

async function dataOf(path: string): Promise<Buffer> {
  const entry = (await readZipEntries(path)).entries.get(dataPath);
  if (entry === undefined) throw new Error(`${path} has ${dataPath}`);
  return entry;
}

/** Adds, changes and removes records: what a department does between two submissions. */
async function mutate(generation: number): Promise<void> {
  const rids = [...workspace.iterateRecords()].map((r) => r.rid);
  const excluded = workspace.excludedRecords();
  const active = rids.filter((rid) => !excluded.has(rid));
  for (let i = 0; i < 4; i += 1) {
    const rid = active[(generation * 7 + i * 13) % active.length] as number;
    const edited = await workspace.editCell(
      rid,
      'XZZ',
      `菏泽市牡丹区第${generation}-${i}号`,
      actor,
    );
    if (!edited.ok) throw new Error(edited.error.message.en);
  }
  const removed = await workspace.excludeRecords(
    [
      active[(generation * 11) % active.length] as number,
      active[(generation * 5 + 3) % active.length] as number,
    ],
    { who: '测试员' },
  );
  if (!removed.ok) throw new Error(removed.error.message.en);
  const demo = createDemo(pack, {
    rows: 3,
    seed: 100 + generation,
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
      file: `第${generation}批.xlsx`,
      sheet: 'Sheet1',
      format: 'xlsx',
      headerRow: 1,
      columns: pack.datasets[0]?.fields.map((f) => f.title) ?? [],
    },
    records(),
    (cells) => cells,
    actor,
  );
  if (!imported.ok) throw new Error(imported.error.message.en);
}

describe('incremental packages', () => {
  it('rebuilds every generation byte for byte from its base and delta', async () => {
    const full0 = must(await writeProjectPackage(workspace, { ...options(0), mode: 'full' }));
    expect(workspace.packageHistory()).toMatchObject([
      {
        sha256: full0.sha256,
        kind: 'share',
        mode: 'full',
        records: full0.manifest['x-submission'].rows.packaged,
      },
    ]);
    const fulls = [full0];
    const deltas: WrittenPackage[] = [];
    for (let generation = 1; generation <= 5; generation += 1) {
      await mutate(generation);
      // Each delta follows the delta before it (the first follows the first full package).
      const previous = deltas[deltas.length - 1] ?? full0;
      const delta = must(
        await writeProjectPackage(workspace, {
          ...options(generation * 2),
          mode: 'incremental',
          baseSha256: previous.sha256,
        }),
      );
      const full = must(
        await writeProjectPackage(workspace, { ...options(generation * 2 + 1), mode: 'full' }),
      );
      const s = delta.manifest['x-submission'];
      expect(s.mode).toBe('增量');
      expect(s.base).toEqual({ sha256: previous.sha256 });
      expect(s.changes?.added).toBe(3);
      expect(s.changes?.removed).toBe(2);
      expect(s.changes?.changed).toBeGreaterThan(0);
      expect(s.rows.packaged).toBe(3 + 2 + (s.changes?.changed ?? 0));
      expect(full.manifest['x-submission'].mode).toBeUndefined();

      const rebuilt = applyPackages(pack, await readData(fulls[generation - 1] as WrittenPackage), [
        await readData(
          must(
            await writeProjectPackage(workspace, {
              ...options(generation * 2 + 100),
              mode: 'incremental',
              baseSha256: (fulls[generation - 1] as WrittenPackage).sha256,
            }),
          ),
        ),
      ]);
      if (!rebuilt.ok) throw new Error(rebuilt.error.message.zh);
      expect(toCsv(rebuilt.value)).toEqual(await dataOf(full.path));
      fulls.push(full);
      deltas.push(delta);
    }
    const chain = applyPackages(
      pack,
      await readData(full0),
      await Promise.all(deltas.map((d) => readData(d))),
    );
    if (!chain.ok) throw new Error(chain.error.message.zh);
    expect(toCsv(chain.value)).toEqual(await dataOf((fulls[5] as WrittenPackage).path));
  }, 120_000);

  it('verifies an incremental package', async () => {
    await mutate(6);
    const delta = must(
      await writeProjectPackage(workspace, { ...options(200), mode: 'incremental' }),
    );
    const verified = await verifyPackage(delta.path);
    expect(verified.problems).toEqual([]);
    const lines = (await dataOf(delta.path)).toString('utf8').split('\r\n');
    expect(lines[0]?.endsWith(',CZLX,GXSJ')).toBe(true);
    expect(lines.filter((l) => l.includes(',新增,'))).toHaveLength(3);
    // A removed record carries its key and nothing else.
    const removed = lines.filter((l) => l.includes(',删除,'));
    expect(removed).toHaveLength(2);
    expect(removed[0]).toMatch(/^\d{17}[\dX],{13}删除,2026-12-04T16:00:00.000\+08:00$/);
  });

  it('remembers its packages when the project is opened again', async () => {
    const count = workspace.packageHistory().length;
    await workspace.close();
    const opened = await Workspace.open(projectPath);
    if (!opened.ok) throw new Error(opened.error.message.en);
    workspace = opened.value;
    expect(workspace.packageHistory()).toHaveLength(count);
  });
});

async function readData(written: WrittenPackage) {
  const data = await readPackageData(written.path);
  if (!data.ok) throw new Error(data.error.message.zh);
  return data.value;
}

function toCsv(table: { header: string[]; rows: string[][] }): Buffer {
  return Buffer.from(
    [table.header, ...table.rows].map((row) => serializeCsvRow(row)).join(''),
    'utf8',
  );
}
