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
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../../shared/ipc/contract.ts';
import type { Result } from '../../../shared/result.ts';
import { engineHandlers } from '../../../electron/engine/session/engine-handlers.ts';
import { EngineSession } from '../../../electron/engine/session/engine-session.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let session: EngineSession;
const done = new Map<string, EventPayload<'job:done'>>();
const waiting = new Map<string, (payload: EventPayload<'job:done'>) => void>();
const previous = { templates: process.env.STEWARD_TEMPLATES_DIR, home: process.env.HOME };

async function call<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const handler = engineHandlers[channel] as (
    input: ChannelInput<C>,
    s: EngineSession,
  ) => Promise<Result<ChannelOutput<C>>>;
  const result = await handler(input, session);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message.en}`);
  return result.value;
}

function jobDone(jobId: string): Promise<EventPayload<'job:done'>> {
  const ended = done.get(jobId);
  if (ended !== undefined) return Promise.resolve(ended);
  return new Promise((resolve) => waiting.set(jobId, resolve));
}

/** Every record's value in a field, by record id. */
async function allValues(field: string): Promise<Map<number, string | null | undefined>> {
  const index = session.project?.workspace.dataset.fields.findIndex((f) => f.name === field);
  const values = new Map<number, string | null | undefined>();
  for (let offset = 0; ; offset += 1000) {
    const page = await call('records:page', { offset, limit: 1000, filter: {} });
    for (const row of page.rows) values.set(row.rid, row.values[index ?? -1]);
    if (offset + 1000 >= page.total) return values;
  }
}

beforeAll(async () => {
  temp = await createTempDir();
  delete process.env.STEWARD_TEMPLATES_DIR;
  process.env.HOME = join(temp.dir, 'home');
  session = new EngineSession(
    { dataDir: join(temp.dir, 'data'), mode: 'browser', version: 'test' },
    <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event !== 'job:done') return;
      const ended = payload as EventPayload<'job:done'>;
      done.set(ended.jobId, ended);
      waiting.get(ended.jobId)?.(ended);
    },
  );
});

afterAll(async () => {
  await session.replaceProject(undefined);
  if (previous.templates === undefined) delete process.env.STEWARD_TEMPLATES_DIR;
  else process.env.STEWARD_TEMPLATES_DIR = previous.templates;
  process.env.HOME = previous.home;
  await temp.cleanup();
});

describe('a value map saved from 检查与修正', () => {
  it('goes to the data folder’s template store, and the next import applies it', async () => {
    await call('project:training', {});
    const folder = join(temp.dir, 'data/training');
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
    const home = await readdir(join(temp.dir, 'home'), { recursive: true }).catch(() => []);
    expect(home.filter((name) => String(name).endsWith('.json'))).toEqual([]);

    // A new project of the same department imports the same layout: the map applies by itself.
    await call('project:create', {
      packId: 'pop-base',
      dataset: 'population',
      department: session.project?.workspace.info.department ?? '',
      period: '复核',
    });
    const file = await session.registerFile(csv, 'again.csv');
    if (!file.ok) throw new Error(file.error.message.en);
    const { jobId } = await call('project:import', { sources: [{ fileId: file.value.fileId }] });
    expect((await jobDone(jobId)).ok).toBe(true);
    const values = await allValues('MZ');
    for (const injection of alike) expect(values.get(injection.row)).toBe('97');
  });
});
