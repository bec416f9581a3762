/**
 * Project locks: a lock whose pid now belongs to another live process but whose heartbeat
 * stopped long ago is stale and taken over; a fresh one is respected. Training mode takes the
 * lock before it replaces the training project, so it never deletes a project open elsewhere.
 */
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acquireLock,
  lockPathFor,
  lockStaleMs,
} from '../../../electron/engine/workspace/project-file.ts';
import { createTestSession } from '../../helpers/engine-session.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

/** Writes a lock held by a live process that is not this one (the pid was reused). */
async function writeLiveLock(projectPath: string, ageMs: number): Promise<void> {
  const lock = lockPathFor(projectPath);
  const at = new Date(Date.now() - ageMs);
  await writeFile(lock, JSON.stringify({ pid: process.ppid, host: hostname(), at }));
  await utimes(lock, at, at);
}

describe('a stale lock', () => {
  it('is taken over when its heartbeat stopped, even though its pid is alive', async () => {
    const path = join(temp.dir, 'reused-pid.dsw');
    await writeLiveLock(path, lockStaleMs + 60_000);
    const lock = await acquireLock(path);
    expect(lock.ok ? 'taken' : lock.error.code).toBe('taken');
    expect(JSON.parse(await readFile(lockPathFor(path), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    if (lock.ok) await lock.value();
  });

  it('is respected while its heartbeat is fresh', async () => {
    const path = join(temp.dir, 'held.dsw');
    await writeLiveLock(path, 10_000);
    const lock = await acquireLock(path);
    expect(lock.ok ? 'taken' : lock.error.code).toBe('project-locked');
  });
});

describe('training mode', () => {
  it('takes the lock before replacing the training project, so a project open elsewhere is kept', async () => {
    const dataDir = join(temp.dir, 'data');
    const { session, answer } = createTestSession({ dataDir, mode: 'electron' });
    const first = await answer('project:training', { rows: 50, seed: 7 });
    expect(first.ok).toBe(true);
    await session.replaceProject(undefined);
    const path = join(dataDir, 'training', '培训项目-7.dsw');
    const bytes = await readFile(path);
    // Another window has the training project open.
    const other = await acquireLock(path);
    if (!other.ok) throw new Error(other.error.message.en);
    const second = await answer('project:training', { rows: 50, seed: 7 });
    expect(second.ok ? 'opened' : second.error.code).toBe('project-locked');
    expect(await readFile(path)).toEqual(bytes);
    await other.value();
  });
});
