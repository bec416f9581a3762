/**
 * Browser mode: the real renderer and the real engine on 127.0.0.1, for end-to-end tests and
 * demonstrations. A random port, a token in the URL, the Host header checked (no DNS
 * rebinding), every request checked against the IPC contract before the engine sees it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkRequest } from '../../shared/ipc/contract.ts';
import type { EngineClient } from '../engine/protocol-client.ts';

/** `2 GB`, `64 KB`: a size for a message. */
function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit += 1;
  }
  return `${value} ${units[unit] ?? 'B'}`;
}

/** A running browser-mode host. */
export interface BrowserHost {
  /** The full URL to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The page's security policy: everything from this origin, nothing from anywhere else. */
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The largest upload the host takes by default: 2 GB. */
export const defaultMaxUploadBytes = 2 * 1024 * 1024 * 1024;
const maxJsonBytes = 10 * 1024 * 1024;

function send(
  response: ServerResponse,
  status: number,
  body: string,
  type = 'application/json; charset=utf-8',
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

/** A refusal the host answers with, as the UI reads it: `{ ok: false, error }`. */
function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  zh: string,
  en: string,
): void {
  send(response, status, JSON.stringify({ ok: false, error: { code, message: { zh, en } } }));
}

/** An upload that went past the cap while it streamed. */
class UploadTooLarge extends Error {}

/** Longest file name most file systems store (ext4, NTFS: 255 bytes or units). */
const maxNameBytes = 255;

/**
 * The upload's file name, decoded strictly from the query (a malformed percent-encoding is a
 * URIError, never a garbled name), or why it cannot be stored as it is. Checked by hand: the
 * sanitising libraries rewrite a name, and a name is provenance, so it is kept or refused.
 */
function readUploadName(url: URL): { name: string } | { zh: string; en: string } {
  const raw = /(?:^|&)name=([^&]*)/.exec(url.search.slice(1))?.[1] ?? '';
  const name = decodeURIComponent(raw);
  if (name === '' || name === '.' || name === '..' || name.trim() === '')
    return { zh: '文件名为空或无效，请改名后再上传', en: 'The file name is empty or invalid' };
  // Separators, NUL, control characters and the characters Windows forbids in a file name.
  if (/[/\\<>:"|?*\p{Cc}]/u.test(name))
    return {
      zh: '文件名含有不能用于文件名的字符（如 / \\ : * ? " < > | 或控制字符），请改名后再上传',
      en: 'The file name has characters a file name cannot hold',
    };
  if (Buffer.byteLength(name, 'utf8') > maxNameBytes)
    return { zh: '文件名太长，请改短后再上传', en: 'The file name is too long' };
  return { name };
}

/** Counts the bytes that pass and fails the stream past `limit` (no Content-Length needed). */
function createByteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new UploadTooLarge());
      else callback(null, chunk);
    },
  });
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxJsonBytes) throw new Error('request too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

/** Starts the host on 127.0.0.1 at `port` (0: a free one), serving `rendererDir`. */
export async function startBrowserHost(options: {
  engine: EngineClient;
  rendererDir: string;
  uploadDir: string;
  port?: number;
  /** The largest upload taken, counted as it streams (default 2 GB). */
  maxUploadBytes?: number;
}): Promise<BrowserHost> {
  const maxUploadBytes = options.maxUploadBytes ?? defaultMaxUploadBytes;
  const token = randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const rendererDir = resolve(options.rendererDir);
  await mkdir(options.uploadDir, { recursive: true });
  const eventStreams = new Set<ServerResponse>();
  const closeGraceMs = 2_000;
  const stopEvents = options.engine.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  });
  let port = 0;

  const hasToken = (request: IncomingMessage, url: URL): boolean => {
    const given = Buffer.from(
      String(request.headers['x-steward-token'] ?? url.searchParams.get('token') ?? ''),
    );
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  let isClosing = false;
  const server = createServer((request, response) => {
    void (async () => {
      if (isClosing) {
        // A request on a kept-alive connection after close began (an event stream
        // reconnecting): answered, so it cannot hold the server open.
        response.setHeader('Connection', 'close');
        sendError(response, 503, 'closing', '浏览器模式正在关闭', 'Browser mode is closing');
        return;
      }
      const host = request.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        send(response, 403, JSON.stringify({ error: 'host not allowed' }));
        return;
      }
      const url = new URL(request.url ?? '/', `http://${host}`);
      // A malformed percent-encoding throws a URIError here, answered with 400 below.
      decodeURIComponent(url.pathname);
      if (url.pathname.startsWith('/api/')) {
        if (!hasToken(request, url)) {
          send(response, 401, JSON.stringify({ error: 'token required' }));
          return;
        }
        await handleApi(request, response, url);
        return;
      }
      if (request.method !== 'GET') {
        send(response, 405, JSON.stringify({ error: 'method not allowed' }));
        return;
      }
      await serveStatic(response, url.pathname);
    })().catch((error: unknown) => {
      if (error instanceof URIError) {
        // A malformed percent-encoding in the path or the query: the request is bad, not us.
        if (!response.headersSent)
          sendError(response, 400, 'bad-request', '请求地址格式错误', 'Malformed request URL');
        return;
      }
      console.error(error);
      if (!response.headersSent)
        sendError(response, 500, 'internal', '内部错误，请重试或联系技术支持', 'Internal error');
      else response.end();
    });
  });

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    if (url.pathname === '/api/events' && request.method === 'GET') {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      eventStreams.add(response);
      request.on('close', () => eventStreams.delete(response));
      return;
    }
    if (url.pathname === '/api/upload' && request.method === 'POST') {
      await receiveUpload(request, response, url);
      return;
    }
    if (url.pathname === '/api/download' && request.method === 'GET') {
      // A file the engine wrote for the clerk (the error workbook), by the id the UI was given;
      // the token comes in the query, since a download link cannot set a header.
      const found = await options.engine.resolveDownload(url.searchParams.get('id') ?? '');
      if (!found.ok) {
        send(response, 404, JSON.stringify(found));
        return;
      }
      const { path, name, size } = found.value;
      const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      response.writeHead(200, {
        'Content-Type': contentTypes[extname(name)] ?? 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      await pipeline(createReadStream(path), response);
      return;
    }
    const match = /^\/api\/call\/([a-z]+:[a-z-]+)$/.exec(url.pathname);
    if (match === null || request.method !== 'POST') {
      send(response, 404, JSON.stringify({ error: 'not found' }));
      return;
    }
    let input: unknown;
    try {
      input = await readJson(request);
    } catch {
      send(
        response,
        400,
        JSON.stringify({
          ok: false,
          error: { code: 'bad-json', message: { zh: '请求格式错误', en: 'Malformed request' } },
        }),
      );
      return;
    }
    const checked = checkRequest(match[1] ?? '', input);
    if (!checked.ok) {
      send(
        response,
        400,
        JSON.stringify({
          ok: false,
          error: { code: checked.code, message: { zh: '请求不符合接口约定', en: checked.message } },
        }),
      );
      return;
    }
    const result = await options.engine.call(checked.channel, checked.input as never);
    send(response, 200, JSON.stringify(result));
  }

  /**
   * Stores one upload in a folder of its own (the file keeps its name: provenance shows it).
   * The bytes are counted as they stream, so a body without Content-Length meets the cap too;
   * a refused or failed upload leaves no folder behind.
   */
  async function receiveUpload(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const tooLarge = (): void =>
      sendError(
        response,
        413,
        'too-large',
        `文件超过 ${formatBytes(maxUploadBytes)}，无法上传`,
        `The file is over ${formatBytes(maxUploadBytes)}`,
      );
    const checked = readUploadName(url);
    if (!('name' in checked)) {
      sendError(response, 400, 'bad-name', checked.zh, checked.en);
      return;
    }
    const { name } = checked;
    if (Number(request.headers['content-length'] ?? 0) > maxUploadBytes) {
      tooLarge();
      return;
    }
    const folder = join(options.uploadDir, randomBytes(8).toString('hex'));
    const path = join(folder, name);
    try {
      await mkdir(folder, { recursive: true });
      await pipeline(request, createByteLimit(maxUploadBytes), createWriteStream(path));
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      // The rest of a refused body is not read: the connection closes after the answer.
      response.setHeader('Connection', 'close');
      if (error instanceof UploadTooLarge) tooLarge();
      else if (isDiskFull(error))
        sendError(
          response,
          507,
          'disk-full',
          '磁盘空间不足，文件没有上传。请清理磁盘后重试',
          'The disk is full; the file was not uploaded',
        );
      else throw error;
      return;
    }
    let registered: Awaited<ReturnType<EngineClient['registerFile']>>;
    try {
      registered = await options.engine.registerFile(path, name);
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    if (!registered.ok) await rm(folder, { recursive: true, force: true });
    send(response, 200, JSON.stringify(registered));
  }

  async function serveStatic(response: ServerResponse, pathname: string): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(rendererDir, relative === '' ? 'index.html' : relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) {
      send(response, 403, 'forbidden', 'text/plain');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = join(rendererDir, 'index.html'); // the single-page app routes on the client
    }
    const body = await readFile(file);
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    response.end(body);
  }

  await new Promise<void>((resolvePromise) =>
    server.listen(options.port ?? 0, '127.0.0.1', resolvePromise),
  );
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      isClosing = true;
      stopEvents();
      for (const stream of eventStreams) stream.end();
      const closed = new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      server.closeIdleConnections();
      // Requests still running get a moment to finish; then their connections are cut, so
      // closing never waits on a browser that keeps its connections open.
      const cut = setTimeout(() => server.closeAllConnections(), closeGraceMs);
      await closed;
      clearTimeout(cut);
    },
  };
}
