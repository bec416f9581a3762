/**
 * Saves are atomic: the engine is killed (SIGKILL, no chance to clean up) at random moments
 * while it edits and saves, many times over, and the project always reopens with at least
 * every edit whose save had finished.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { createDemoWorkspace } from '../../helpers/open-demo-workspace.ts';
import { createTempDir, repoRoot } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
beforeAll(async () => {
  temp = await createTempDir();
});
afterAll(async () => {
  await temp.cleanup();
});

/** Runs the writer until it has acknowledged at least one save, waits a random while, kills it. */
function runAndKill(path: string, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'test/helpers/workspace-writer.ts'), path],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let lastSaved = 0;
    let output = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/saved (\d+)\n/g))
        lastSaved = Math.max(lastSaved, Number(match[1]));
      if (lastSaved > 0 && timer === undefined)
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself: ${output}\n${stderr}`));
      else resolve(lastSaved);
    });
  });
}

describe('a kill at any moment', () => {
  it('always leaves the last good save readable, with every acknowledged edit', async () => {
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 20_000,
      seed: 21,
      errorRate: 0.05,
      name: 'killed',
    });
    await workspace.close();
    const rounds = 12;
    for (let round = 0; round < rounds; round += 1) {
      const acknowledged = await runAndKill(path, 5 + Math.floor(Math.random() * 400));
      const opened = await Workspace.open(path);
      if (!opened.ok) throw new Error(`round ${round}: ${opened.error.message.en}`);
      const done = opened.value
        .history()
        .filter((op) => op.kind === 'cell-edit' && op.state === 'done');
      const newest = Math.max(...done.map((op) => op.id));
      expect(newest, `round ${round}`).toBeGreaterThanOrEqual(acknowledged);
      expect(opened.value.countRecords()).toBe(20_000);
      await opened.value.close();
    }
    const leftovers = (await readdir(dirname(path))).filter(
      (name) => name.endsWith('.saving') || name.endsWith('.lock'),
    );
    expect(leftovers).toEqual([]);
  }, 240_000);
});
