/**
 * `npm run serve` stopped by SIGTERM (a service manager, `docker stop`): it stops the engine,
 * closes the server, removes this process's upload folder and exits 0.
 */
import { spawn } from 'node:child_process';
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDir, repoRoot } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;

beforeAll(async () => {
  temp = await createTempDir();
});

afterAll(async () => {
  await temp.cleanup();
});

describe('npm run serve', () => {
  it('on SIGTERM stops the engine, removes its upload folder and exits 0', async () => {
    const dataDir = join(temp.dir, 'data');
    const rendererDir = join(temp.dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>工作台</title>');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'electron/serve/serve-main.ts'),
        '--data-dir',
        dataDir,
        '--renderer',
        rendererDir,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const url = await new Promise<URL>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(stdout);
        if (found !== null) resolve(new URL(found[0]));
      });
      void exited.then(() => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const token = url.searchParams.get('token') ?? '';
    const uploaded = await fetch(new URL('/api/upload?name=a.csv', url), {
      method: 'POST',
      headers: { 'X-Steward-Token': token },
      body: 'a,b\n1,2\n',
    });
    expect(uploaded.status).toBe(200);
    const uploads = join(dataDir, 'uploads');
    const own = await readdir(uploads);
    expect(own).toEqual([`serve-${child.pid}`]);
    expect(await readdir(join(uploads, own[0] ?? ''))).toHaveLength(1);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    await expect(access(join(uploads, own[0] ?? ''))).rejects.toThrow();
  }, 60_000);
});
