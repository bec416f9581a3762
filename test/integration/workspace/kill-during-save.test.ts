/**
 * Saves are atomic: the engine is killed (SIGKILL, no chance to clean up) at random moments
 * while it edits and saves, many times over, and the project always reopens with at least
 * every edit whose save had finished. The second test kills it during journal appends and
 * during checkpoints (snapshot written, journal dropped), with a seed logged for replay.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/engine/workspace/workspace.ts';
import { createRandom } from '../../../shared/demo/random.ts';
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

/** An edit the writer acknowledged: its operation, record and value. */
interface AckedEdit {
  readonly id: number;
  readonly rid: number;
  readonly value: string;
}

/**
 * Runs the checkpointing writer and kills it `delayMs` after the moment asked for: the start of
 * a checkpoint, or an acknowledged edit (edits go on meanwhile). Says which edits it
 * acknowledged and whether a checkpoint was running when it was killed.
 */
function runAndKillDuring(
  path: string,
  seed: number,
  during: 'edit' | 'checkpoint',
  delayMs: number,
): Promise<{ acked: AckedEdit[]; isInCheckpoint: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'test/helpers/workspace-writer.ts'), path, String(seed)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.setEncoding('utf8');
    const acked: AckedEdit[] = [];
    let isInCheckpoint = false;
    let partial = '';
    let timer: NodeJS.Timeout | undefined;
    const killLater = (): void => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    child.stdout.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const [word, id, rid, value] = line.split(' ');
        if (word === 'edit') acked.push({ id: Number(id), rid: Number(rid), value: value ?? '' });
        if (word === 'checkpoint') isInCheckpoint = true;
        if (word === 'checkpointed') isInCheckpoint = false;
        if (word === 'checkpoint' && during === 'checkpoint') killLater();
        if (word === 'saved' && during === 'edit' && acked.length >= 3) killLater();
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself: ${stderr}`));
      else resolve({ acked, isInCheckpoint });
    });
  });
}

describe('a kill during journal appends and checkpoints', () => {
  it('reopens with every acknowledged edit, in every round', async () => {
    const seed = Number(process.env.KILL_TEST_SEED ?? randomInt(2 ** 31));
    console.log(`kill test seed ${seed} (replay with KILL_TEST_SEED=${seed})`);
    const random = createRandom(seed);
    const { workspace, path } = await createDemoWorkspace(temp.dir, {
      rows: 2_000,
      seed: 22,
      errorRate: 0.05,
      name: 'journaled',
    });
    const field = workspace.dataset.fields.findIndex((f) => f.name === 'XM');
    await workspace.close();
    let killsInCheckpoint = 0;
    const rounds = 12;
    for (let round = 0; round < rounds; round += 1) {
      const during = round % 2 === 0 ? 'edit' : 'checkpoint';
      const delayMs = random.int(0, 30);
      const { acked, isInCheckpoint } = await runAndKillDuring(
        path,
        random.int(1, 2 ** 31 - 1),
        during,
        delayMs,
      );
      if (isInCheckpoint) killsInCheckpoint += 1;
      const where = `round ${round} (seed ${seed}, killed ${delayMs} ms into ${during}${isInCheckpoint ? ', inside a checkpoint' : ''})`;
      const opened = await Workspace.open(path);
      if (!opened.ok) throw new Error(`${where}: ${opened.error.code} ${opened.error.message.en}`);
      const done = new Set(
        opened.value
          .history()
          .filter((op) => op.state === 'done')
          .map((op) => op.id),
      );
      expect(acked.length, where).toBeGreaterThan(0);
      for (const edit of acked) {
        expect(done.has(edit.id), `${where}: operation ${edit.id}`).toBe(true);
        expect(
          opened.value.pageRecords(edit.rid - 1, 1)[0]?.values[field],
          `${where}: record ${edit.rid}`,
        ).toBe(edit.value);
      }
      expect(opened.value.countRecords(), where).toBe(2_000);
      await opened.value.close();
    }
    console.log(`kill test: ${killsInCheckpoint} of ${rounds} kills landed inside a checkpoint`);
    expect(killsInCheckpoint).toBeGreaterThan(0);
    const leftovers = (await readdir(dirname(path))).filter(
      (name) => name.endsWith('.saving') || name.endsWith('.lock'),
    );
    expect(leftovers).toEqual([]);
  }, 420_000);
});
