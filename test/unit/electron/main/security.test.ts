/**
 * The security settings of the Electron main process, and the save dialog it answers itself,
 * checked by loading main with a faked `electron` module (the Electron binary never runs in
 * tests).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../../shared/ipc/contract.ts';

type Handler = (...args: never[]) => unknown;

const recorded = vi.hoisted(() => ({
  windowOptions: [] as Record<string, unknown>[],
  handles: new Map<string, Handler>(),
  appEvents: new Map<string, Handler>(),
  beforeRequest: undefined as Handler | undefined,
  headersReceived: undefined as Handler | undefined,
  permissionRequest: undefined as Handler | undefined,
  permissionCheck: undefined as Handler | undefined,
  isSandboxEnabled: false,
  engineCalls: [] as string[],
  /** What the fake save dialog answers, and the file the fake engine wrote. */
  saveDialog: { canceled: true, filePath: '' },
  download: { path: '', name: '' },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn() };
    constructor(options: Record<string, unknown>) {
      recorded.windowOptions.push(options);
    }
    once() {}
    show() {}
    isDestroyed() {
      return false;
    }
    async loadFile() {}
  }
  return {
    app: {
      enableSandbox: () => {
        recorded.isSandboxEnabled = true;
      },
      requestSingleInstanceLock: () => true,
      whenReady: async () => undefined,
      on: (event: string, handler: Handler) => recorded.appEvents.set(event, handler),
      getPath: () => '/tmp/steward-test-user-data',
      getVersion: () => '0.0.0-test',
      quit: vi.fn(),
    },
    BrowserWindow,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (template: unknown) => template },
    dialog: {
      showOpenDialog: vi.fn(),
      showMessageBox: vi.fn(),
      showSaveDialog: vi.fn(async () => recorded.saveDialog),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => recorded.handles.set(channel, handler),
    },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (handler: Handler) => (recorded.beforeRequest = handler),
          onHeadersReceived: (handler: Handler) => (recorded.headersReceived = handler),
        },
        setPermissionRequestHandler: (handler: Handler) => (recorded.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (recorded.permissionCheck = handler),
      },
    },
  };
});

vi.mock('../../../../electron/engine/protocol-client.ts', () => ({
  startEngine: () => ({
    call: async (channel: string) => {
      recorded.engineCalls.push(channel);
      return { ok: true, value: [] };
    },
    registerFile: async () => ({ ok: false, error: { code: 'x', message: { zh: '', en: '' } } }),
    resolveDownload: async (downloadId: string) =>
      downloadId === 'written'
        ? { ok: true, value: { ...recorded.download, size: 1 } }
        : { ok: false, error: { code: 'download-unknown', message: { zh: '', en: '' } } },
    onEvent: () => () => undefined,
    stop: async () => undefined,
  }),
}));

const { startApp } = await import('../../../../electron/main/main.ts');
let appRoot = '';

beforeAll(async () => {
  await startApp();
  const options = recorded.windowOptions[0] as { webPreferences: { preload: string } };
  appRoot = options.webPreferences.preload.replace(/\/out\/preload\/preload\.cjs$/, '');
});

const decide = (url: string): boolean => {
  let cancel: boolean | undefined;
  (
    recorded.beforeRequest as unknown as (
      d: { url: string },
      cb: (r: { cancel: boolean }) => void,
    ) => void
  )({ url }, (r) => {
    cancel = r.cancel;
  });
  if (cancel === undefined) throw new Error('no decision');
  return cancel;
};

describe('Electron main security', () => {
  it('opens the window isolated and sandboxed, with no Node in the page', () => {
    expect(recorded.isSandboxEnabled).toBe(true);
    expect(recorded.windowOptions).toHaveLength(1);
    expect(recorded.windowOptions[0]?.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('blocks every network request and allows only the app’s own files', () => {
    expect(decide('https://example.com/tracker.js')).toBe(true);
    expect(decide('http://127.0.0.1:8080/')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide(`file://${appRoot}/dist/renderer/index.html`)).toBe(false);
  });

  it('sets a strict content security policy on every response', () => {
    let headers: Record<string, string[]> = {};
    (
      recorded.headersReceived as unknown as (
        d: object,
        cb: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void
    )({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
    expect(headers['Content-Security-Policy']?.[0]).toContain("connect-src 'none'");
  });

  it('denies every permission request and check', () => {
    const granted: boolean[] = [];
    (
      recorded.permissionRequest as unknown as (
        w: unknown,
        p: string,
        cb: (g: boolean) => void,
      ) => void
    )({}, 'media', (g) => granted.push(g));
    expect(granted).toEqual([false]);
    expect((recorded.permissionCheck as unknown as () => boolean)()).toBe(false);
  });

  it('denies navigation away from the app and every new window', () => {
    const listeners = new Map<
      string,
      (event: { preventDefault: () => void }, url: string) => void
    >();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault: () => void }, url: string) => void) =>
        listeners.set(name, listener),
      setWindowOpenHandler: (handler: () => { action: string }) => (openHandler = handler),
    };
    (
      recorded.appEvents.get('web-contents-created') as unknown as (
        e: unknown,
        c: typeof contents,
      ) => void
    )({}, contents);
    const prevented: string[] = [];
    listeners.get('will-navigate')?.(
      { preventDefault: () => prevented.push('away') },
      'https://example.com/',
    );
    listeners.get('will-navigate')?.(
      { preventDefault: () => prevented.push('home') },
      `file://${appRoot}/dist/renderer/index.html`,
    );
    expect(prevented).toEqual(['away']);
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });

  it('answers every channel of the contract, checking the sender and the input', async () => {
    expect([...recorded.handles.keys()].filter((c) => c !== 'files:drop').sort()).toEqual(
      Object.keys(contract).sort(),
    );
    const handler = recorded.handles.get('records:page') as unknown as (
      event: object,
      input: unknown,
    ) => Promise<{ ok: boolean; error?: { code: string } }>;
    const trusted = { senderFrame: { url: `file://${appRoot}/dist/renderer/index.html` } };
    const untrusted = { senderFrame: { url: 'https://evil.example/' } };
    expect(await handler(untrusted, { offset: 0, limit: 10, filter: {} })).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(await handler(trusted, { offset: -5, limit: 10, filter: {} })).toMatchObject({
      ok: false,
      error: { code: 'bad-input' },
    });
    expect(recorded.engineCalls).toEqual([]);
    expect(await handler(trusted, { offset: 0, limit: 10, filter: {} })).toMatchObject({
      ok: true,
    });
    expect(recorded.engineCalls).toEqual(['records:page']);
  });

  it('saves a file the engine wrote where the clerk chooses, and nowhere when the clerk cancels', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'steward-main-'));
    try {
      recorded.download = { path: join(dir, 'written.xlsx'), name: '问题数据表.xlsx' };
      await writeFile(recorded.download.path, 'workbook bytes');
      const handler = recorded.handles.get('files:save') as unknown as (
        event: object,
        input: unknown,
      ) => Promise<{ ok: boolean; value?: { isSaved: boolean }; error?: { code: string } }>;
      const trusted = { senderFrame: { url: `file://${appRoot}/dist/renderer/index.html` } };
      recorded.saveDialog = { canceled: true, filePath: '' };
      expect(await handler(trusted, { downloadId: 'written' })).toEqual({
        ok: true,
        value: { isSaved: false },
      });
      const chosen = join(dir, 'chosen.xlsx');
      recorded.saveDialog = { canceled: false, filePath: chosen };
      expect(await handler(trusted, { downloadId: 'written' })).toEqual({
        ok: true,
        value: { isSaved: true },
      });
      expect(await readFile(chosen, 'utf8')).toBe('workbook bytes');
      expect(await handler(trusted, { downloadId: 'gone' })).toMatchObject({
        ok: false,
        error: { code: 'download-unknown' },
      });
      expect(recorded.engineCalls).not.toContain('files:save');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
