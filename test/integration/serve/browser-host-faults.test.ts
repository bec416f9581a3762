/**
 * Browser mode's host on hostile requests and faults: malformed percent-encodings and odd
 * upload names get a 400 with a JSON error, an upload past the cap gets a 413 even when it
 * declares no length, a full disk gets a 507 in Chinese, and a failed upload leaves nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../electron/engine/protocol-client.ts';
import { startBrowserHost, type BrowserHost } from '../../../electron/serve/browser-host.ts';
import { ok } from '../../../shared/result.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let uploadDir: string;
let host: BrowserHost;
const registered: string[] = [];
const maxUploadBytes = 64 * 1024;

/** An engine that only takes uploads: these tests are about the host, not the engine. */
const engine = {
  registerFile: (path: string, name: string) => {
    registered.push(path);
    return Promise.resolve(ok({ fileId: 'f1', name, size: 0 }));
  },
  onEvent: () => () => undefined,
} as unknown as EngineClient;

beforeAll(async () => {
  temp = await createTempDir();
  const rendererDir = join(temp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>数据归集工作台</title>');
  uploadDir = join(temp.dir, 'uploads');
  host = await startBrowserHost({ engine, rendererDir, uploadDir, maxUploadBytes });
});

afterAll(async () => {
  await host.close();
  await temp.cleanup();
});

interface Answer {
  status: number;
  body: string;
}

/**
 * Sends a request to `target`; a body given as chunks goes without Content-Length (chunked),
 * as a hostile client may send it. Write errors after the host answered are expected.
 */
function send(target: BrowserHost, path: string, chunks?: readonly Buffer[]): Promise<Answer> {
  const base = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: '127.0.0.1',
        port: base.port,
        path,
        method: chunks === undefined ? 'GET' : 'POST',
        headers: {
          Host: base.host,
          'X-Steward-Token': base.searchParams.get('token') ?? '',
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    for (const chunk of chunks ?? []) req.write(chunk);
    req.end();
  });
}

function errorOf(answer: Answer): { code: string; message: { zh: string; en: string } } {
  const parsed = JSON.parse(answer.body) as {
    ok: false;
    error: { code: string; message: { zh: string; en: string } };
  };
  expect(parsed.ok).toBe(false);
  expect(parsed.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  return parsed.error;
}

const upload = (name: string) => `/api/upload?name=${encodeURIComponent(name)}`;

describe('browser mode host on hostile input', () => {
  it.each(['/api/x%E0%A4%A', '/x%E0%A4%A', '/api/upload?name=%E0%A4%A'])(
    'answers the malformed percent-encoding %s with 400 and a JSON error',
    async (path) => {
      const answer = await send(
        host,
        path,
        path.includes('upload') ? [Buffer.from('a')] : undefined,
      );
      expect(answer.status).toBe(400);
      expect(errorOf(answer).code).toBe('bad-request');
      expect(await readdir(uploadDir)).toEqual([]);
    },
  );

  it.each([
    '..',
    '.',
    '',
    'a/b',
    'a\\b',
    'a\u0000b.csv',
    'a\u0007b.csv',
    'a\nb.csv',
    `${'数'.repeat(100)}.csv`,
    `${'x'.repeat(300)}.csv`,
  ])('refuses the upload name %j with 400 and stores nothing', async (name) => {
    const answer = await send(host, upload(name), [Buffer.from('a,b\n1,2\n')]);
    expect(answer.status).toBe(400);
    expect(errorOf(answer).code).toBe('bad-name');
    expect(await readdir(uploadDir)).toEqual([]);
    expect(registered).toEqual([]);
  });

  it('stores an upload under its own name, Chinese and spaces included', async () => {
    const answer = await send(host, upload('户籍 2026.csv'), [Buffer.from('a,b\n1,2\n')]);
    expect(answer.status).toBe(200);
    expect(registered).toHaveLength(1);
    expect(registered[0]?.endsWith('/户籍 2026.csv')).toBe(true);
    registered.length = 0;
  });

  it('answers 413 to a chunked upload past the cap and removes what it received', async () => {
    const before = await readdir(uploadDir);
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const answer = await send(host, upload('big.csv'), Array(8).fill(chunk) as Buffer[]);
    expect(answer.status).toBe(413);
    expect(errorOf(answer).code).toBe('too-large');
    expect(await readdir(uploadDir)).toEqual(before);
    expect(registered).toEqual([]);
  });

  it('removes the stored upload when the engine fails to take it', async () => {
    const failingDir = join(temp.dir, 'uploads-failing');
    const failing = await startBrowserHost({
      engine: {
        ...engine,
        registerFile: () => Promise.reject(new Error('engine crashed')),
      } as EngineClient,
      rendererDir: join(temp.dir, 'renderer'),
      uploadDir: failingDir,
    });
    try {
      const answer = await send(failing, upload('a.csv'), [Buffer.from('a,b\n1,2\n')]);
      expect(answer.status).toBe(500);
      expect(errorOf(answer).code).toBe('internal');
      expect(answer.body).not.toContain('engine crashed');
      expect(await readdir(failingDir)).toEqual([]);
    } finally {
      await failing.close();
    }
  });

  it('answers 507 in Chinese when the disk fills during an upload, and leaves nothing', async () => {
    // A 64 KB filesystem stands in for a full disk; the test needs root to mount it (CI runs
    // as root) and fails, not skips, when it cannot.
    const full = join(temp.dir, 'full');
    await mkdir(full);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full]);
    const fullHost = await startBrowserHost({
      engine,
      rendererDir: join(temp.dir, 'renderer'),
      uploadDir: join(full, 'uploads'),
    });
    try {
      const chunk = Buffer.alloc(32 * 1024, 'a');
      const answer = await send(fullHost, upload('a.csv'), Array(8).fill(chunk) as Buffer[]);
      expect(answer.status).toBe(507);
      const error = errorOf(answer);
      expect(error.code).toBe('disk-full');
      expect(error.message.zh).toContain('磁盘空间不足');
      expect(answer.body).not.toContain('ENOSPC');
      expect(await readdir(join(full, 'uploads'))).toEqual([]);
      expect(registered).toEqual([]);
    } finally {
      await fullHost.close();
      execFileSync('umount', [full]);
    }
  });
});

describe('closing browser mode', () => {
  it('closes while a call is still unanswered and an event stream is open', async () => {
    const stuck = {
      call: () => new Promise(() => undefined),
      onEvent: () => () => undefined,
    } as unknown as EngineClient;
    const rendererDir = join(temp.dir, 'renderer');
    const closing = await startBrowserHost({
      engine: stuck,
      rendererDir,
      uploadDir: join(temp.dir, 'uploads-closing'),
    });
    const base = new URL(closing.url);
    const token = base.searchParams.get('token') ?? '';
    const open = (path: string, method: string) => {
      const req = request({
        hostname: '127.0.0.1',
        port: base.port,
        path,
        method,
        headers: { 'X-Steward-Token': token, 'Content-Type': 'application/json' },
      });
      req.on('error', () => undefined);
      req.on('response', (response) => response.resume());
      req.end(method === 'POST' ? '{}' : undefined);
    };
    open('/api/events', 'GET');
    open('/api/call/app:info', 'POST');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closed = await Promise.race([
      closing.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 10 s'), 10_000)),
    ]);
    expect(closed).toBe('closed');
  }, 20_000);
});
