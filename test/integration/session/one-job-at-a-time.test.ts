/**
 * One of each job at a time (issue #12 item 14): a second request for a job of the same kind
 * while the first runs (a double-click on 生成数据包, a second export) is refused with a plain
 * Chinese message, on the real engine handlers, and only one package is written. Once the
 * first job has ended, the same request is taken again.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../shared/ipc/contract.ts';
import type { Result } from '../../../shared/result.ts';
import { createFileTestSession } from '../../helpers/engine-session.ts';

const engine = createFileTestSession({ mode: 'electron' });
const { answer: ask, jobDone } = engine;

/** The one job started among `results`, and the refusals. */
function split<T extends { jobId: string }>(results: Result<T>[]) {
  const started = results.flatMap((r) => (r.ok ? [r.value.jobId] : []));
  const refused = results.flatMap((r) => (r.ok ? [] : [r.error]));
  return { started, refused };
}

const packagesDir = () => join(engine.dir, 'data', 'packages');
const zips = async () =>
  (await readdir(packagesDir()).catch(() => [])).filter((name) => name.endsWith('.zip'));

const shareRequest = {
  kind: 'share',
  onError: 'exclude',
  steward: '王科员',
} as const satisfies ChannelInput<'package:write'>;

beforeEach(async () => {
  const opened = await ask('project:training', { rows: 200 });
  if (!opened.ok) throw new Error(opened.error.message.en);
});

describe('a job of a kind that already runs is refused', () => {
  it('two package requests at once write one package and refuse the other', async () => {
    const before = (await zips()).length;
    const { started, refused } = split(
      await Promise.all([ask('package:write', shareRequest), ask('package:write', shareRequest)]),
    );
    expect(started).toHaveLength(1);
    expect(refused.map((e) => e.message.zh)).toEqual(['数据包正在生成，请等待完成']);
    expect(refused[0]?.code).toBe('job-running');
    const ended = await jobDone(started[0] ?? '');
    expect(ended.ok, ended.message.zh).toBe(true);
    expect((await zips()).length).toBe(before + 1);

    // The first package has been written: the next request is taken.
    const again = await ask('package:write', { ...shareRequest, kind: 'open' });
    expect(again.ok).toBe(true);
    if (again.ok) expect((await jobDone(again.value.jobId)).ok).toBe(true);
    expect((await zips()).length).toBe(before + 2);
  });

  it('two error-workbook exports at once run one export', async () => {
    const { started, refused } = split(
      await Promise.all([ask('errors:export', {}), ask('errors:export', {})]),
    );
    expect(started).toHaveLength(1);
    expect(refused.map((e) => e.message.zh)).toEqual(['问题数据表正在导出，请等待完成']);
    expect((await jobDone(started[0] ?? '')).ok).toBe(true);
  });
});
