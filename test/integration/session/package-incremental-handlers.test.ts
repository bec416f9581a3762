/**
 * 增量报送 in the app (issue #15): package:write with mode incremental writes only the changes
 * since the project's last package of the kind, refuses when there is none yet, and package:last
 * says the mode, the base and the counts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSession } from '../../helpers/engine-session.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('package:write in 增量 mode', () => {
  it('refuses before a first package, then writes the changes since it', async () => {
    const { answer, jobDone: finished } = createTestSession({ dataDir: join(temp.dir, 'data') });
    const write = async (mode: 'full' | 'incremental') => {
      const started = await answer('package:write', {
        kind: 'share',
        onError: 'exclude',
        steward: '王科员',
        mode,
      });
      if (!started.ok) throw new Error(started.error.message.zh);
      return finished(started.value.jobId);
    };
    expect((await answer('project:training', { rows: 200, seed: 4 })).ok).toBe(true);
    const refused = await write('incremental');
    expect(refused?.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain('这个项目还没有写过共享数据包：第一次报送请用全量');

    expect((await write('full'))?.ok).toBe(true);
    const full = await answer('package:last', {});
    if (!full.ok || full.value.written === null) throw new Error('a package was written');
    expect(full.value.written.mode).toBe('full');

    const delta = await write('incremental');
    expect(JSON.stringify(delta)).toContain('增量数据包');
    const last = await answer('package:last', {});
    if (!last.ok || last.value.written === null) throw new Error('a package was written');
    expect(last.value.written.mode).toBe('incremental');
    expect(last.value.written.base?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(last.value.written.changes).toEqual({
      added: 0,
      changed: 0,
      removed: 0,
      unchanged: full.value.written.rows,
    });
    expect(last.value.written.rows).toBe(0);
  }, 120_000);
});
