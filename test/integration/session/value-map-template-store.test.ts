/**
 * A value map saved from 检查与修正 (同时存入本部门的映射模板, issue #12 item 10) lands in the one
 * template store the mapping step uses, the data folder's `templates`, and the next import of a
 * file of the same layout from the same department applies it. No `STEWARD_TEMPLATES_DIR` here:
 * the app runs with its data folder only, and HOME points at the temp folder so that a template
 * written to `~/.data-steward` would be seen (and would not touch the machine's).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Injection } from '../../../shared/demo/demo-data.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ templates: 'unset' });
const { call, jobDone } = engine;
const previousHome = process.env.HOME;

/** Every record's value in a field, by record id. */
async function allValues(field: string): Promise<Map<number, string | null | undefined>> {
  const index = engine.session.project?.workspace.dataset.fields.findIndex((f) => f.name === field);
  const values = new Map<number, string | null | undefined>();
  for (let offset = 0; ; offset += 1000) {
    const page = await call('records:page', { offset, limit: 1000, filter: {} });
    for (const row of page.rows) values.set(row.rid, row.values[index ?? -1]);
    if (offset + 1000 >= page.total) return values;
  }
}

beforeAll(() => {
  process.env.HOME = join(engine.dir, 'home');
});

afterAll(() => {
  process.env.HOME = previousHome;
});

describe('a value map saved from 检查与修正', () => {
  it('goes to the data folder’s template store, and the next import applies it', async () => {
    await call('project:training', {});
    const folder = join(engine.dir, 'data/training');
    const names = await readdir(folder);
    const csv = join(folder, names.find((n) => n.endsWith('.csv')) as string);
    const truthName = names.find((n) => n.endsWith('.truth.json')) as string;
    const truth = (
      JSON.parse(await readFile(join(folder, truthName), 'utf8')) as { injected: Injection[] }
    ).injected;
    const bad = truth.filter((i) => i.kind === 'unknown-code' && i.field === 'MZ');
    const value = bad[0]?.value as string;
    const alike = bad.filter((i) => i.value === value);
    expect(alike.length).toBeGreaterThan(0);

    const applied = await call('edit:apply-value-map', {
      field: 'MZ',
      map: { [value]: '97' },
      shouldSaveTemplate: true,
    });
    expect(applied.templates).toHaveLength(1);

    // One store: the data folder's templates, listed by the mapping step; none in the home folder.
    const listed = await call('templates:list', {});
    expect(listed.map((t) => t.name)).toEqual([applied.templates[0]?.name]);
    const home = await readdir(join(engine.dir, 'home'), { recursive: true }).catch(() => []);
    expect(home.filter((name) => String(name).endsWith('.json'))).toEqual([]);

    // A new project of the same department imports the same layout: the map applies by itself.
    await call('project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: engine.session.project?.workspace.info.department ?? '',
      period: '复核',
    });
    const file = await engine.session.registerFile(csv, 'again.csv');
    if (!file.ok) throw new Error(file.error.message.en);
    const { jobId } = await call('project:import', { sources: [{ fileId: file.value.fileId }] });
    expect((await jobDone(jobId)).ok).toBe(true);
    const values = await allValues('MZ');
    for (const injection of alike) expect(values.get(injection.row)).toBe('97');
  });
});
