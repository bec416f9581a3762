/**
 * A job that hits a bug (issue #12 item 15: a JavaScript message in the merge failure) tells the
 * clerk which job and file failed and what to do, in both languages, and never the raw error text.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSession } from '../../helpers/engine-session.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;

beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

describe('a job that crashes', () => {
  it('names the job and its file and says what to do, without the JavaScript message', async () => {
    const { session, jobDone } = createTestSession({ dataDir: join(temp.dir, 'data') });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { jobId } = session.startJob(
      () => {
        logged.mockClear();
        return Promise.reject(
          new TypeError("Cannot read properties of undefined (reading 'comments')"),
        );
      },
      { zh: '正在合并 问题数据表-已改.xlsx', en: 'Merging 问题数据表-已改.xlsx' },
    );
    const done = await jobDone(jobId);
    expect(done.ok).toBe(false);
    const { zh, en } = done.message;
    expect(zh).toContain('合并 问题数据表-已改.xlsx');
    expect(en).toContain('Merging 问题数据表-已改.xlsx');
    expect(zh).toMatch(/请/);
    for (const text of [zh, en]) {
      expect(text).not.toContain('Cannot read');
      expect(text).not.toContain('comments');
    }
  });
});
