/**
 * Browser mode's host: the real engine worker behind a local HTTP server that only answers
 * 127.0.0.1 with the right Host header and token, and checks every call against the contract.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type EngineClient } from '../../../electron/engine/protocol-client.ts';
import { startBrowserHost, type BrowserHost } from '../../../electron/serve/browser-host.ts';
import { createTempDir } from '../../helpers/run-steward.ts';

let temp: Awaited<ReturnType<typeof createTempDir>>;
let engine: EngineClient;
let host: BrowserHost;
let base: URL;
let token: string;

beforeAll(async () => {
  temp = await createTempDir();
  const rendererDir = join(temp.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>数据归集工作台</title>');
  engine = startEngine(
    new URL('../../../electron/engine/engine-worker.ts', import.meta.url),
    { dataDir: join(temp.dir, 'data'), mode: 'browser', version: 'test' },
    { runTypeScript: true },
  );
  host = await startBrowserHost({ engine, rendererDir, uploadDir: join(temp.dir, 'uploads') });
  base = new URL(host.url);
  token = base.searchParams.get('token') ?? '';
});

afterAll(async () => {
  await host.close();
  await engine.stop();
  await temp.cleanup();
});

/** Sends a raw request, so the Host header can be set to anything. */
function send(
  path: string,
  options: { method?: string; host?: string; token?: string; body?: string },
) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request(
      {
        hostname: '127.0.0.1',
        port: base.port,
        path,
        method: options.method ?? 'GET',
        headers: {
          Host: options.host ?? base.host,
          ...(options.token === undefined ? {} : { 'X-Steward-Token': options.token }),
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode host', () => {
  it('prints a URL on 127.0.0.1 with a random port and a long token', () => {
    expect(base.hostname).toBe('127.0.0.1');
    expect(Number(base.port)).toBeGreaterThan(0);
    expect(token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves the renderer with a strict content security policy', async () => {
    const page = await send('/', {});
    expect(page.status).toBe(200);
    expect(page.body).toContain('数据归集工作台');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses another Host header (DNS rebinding) and calls without the token', async () => {
    expect((await send('/', { host: 'evil.example:80' })).status).toBe(403);
    expect((await send('/api/call/packs:list', { method: 'POST', body: '{}' })).status).toBe(401);
    expect(
      (await send('/api/call/packs:list', { method: 'POST', body: '{}', token: 'x'.repeat(48) }))
        .status,
    ).toBe(401);
  });

  it('refuses unknown channels and inputs that break the contract', async () => {
    const unknown = await send('/api/call/fs:read', { method: 'POST', body: '{}', token });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    // A path that climbs out is folded back inside the renderer folder: the app's page, never the file.
    const traversal = await send('/..%2f..%2f..%2fetc%2fpasswd', {});
    expect(traversal.body).toContain('数据归集工作台');
    expect(traversal.body).not.toContain('root:');
    const bad = await send('/api/call/records:page', {
      method: 'POST',
      body: '{"offset":-1,"limit":5000}',
      token,
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('answers a valid call from the real engine', async () => {
    const packs = await send('/api/call/packs:list', { method: 'POST', body: '{}', token });
    expect(packs.status).toBe(200);
    const result = JSON.parse(packs.body) as { ok: boolean; value: { id: string }[] };
    expect(result.ok).toBe(true);
    expect(result.value.map((p) => p.id)).toContain('pop-base');
    const state = JSON.parse(
      (await send('/api/call/project:state', { method: 'POST', body: '{}', token })).body,
    ) as {
      ok: boolean;
      error: { code: string };
    };
    expect(state).toMatchObject({ ok: false, error: { code: 'no-project' } });
  });
  it('hands out an exported error workbook only with the token, by the id the UI was given', async () => {
    const post = async (channel: string, body: object) =>
      JSON.parse(
        (await send(`/api/call/${channel}`, { method: 'POST', body: JSON.stringify(body), token }))
          .body,
      ) as { ok: boolean; value: { downloadId: string; name: string } };
    expect((await post('project:training', { rows: 300 })).ok).toBe(true);
    const exported = await post('errors:export', {});
    expect(exported.ok).toBe(true);
    const { downloadId, name } = exported.value;
    const path = `/api/download?id=${downloadId}`;
    expect((await send(path, {})).status).toBe(401);
    expect((await send('/api/download?id=no-such-file', { token })).status).toBe(404);
    // The export is a job: the file is offered once it is written.
    let download = await send(path, { token });
    for (let tries = 0; download.status !== 200 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      download = await send(path, { token });
    }
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(download.headers['content-type']).toContain('spreadsheetml');
    expect(download.body.startsWith('PK')).toBe(true);
    await post('project:close', {});
    expect((await send(path, { token })).status).toBe(404);
  });
});
