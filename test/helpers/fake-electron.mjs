// A stand-in for the `electron` module, for running the built main bundle (out/main/main.cjs)
// under plain Node: `node --import ./fake-electron.mjs out/main/main.cjs`. It records what main
// asks of Electron (the window's preload, the page it loads, the IPC channels), then calls one
// channel as the app's own page would and prints everything as one JSON line, and exits.
//
// With `--self-test <report.json>` (the packaged app's self-test) it plays the real app
// instead: the window loads, the page "requests" its own files through the session's request
// hook (and the URLs in FAKE_ELECTRON_REQUESTS, space-separated, to prove a stray one is caught),
// the page probe calls app:info through main's IPC handler, eval is refused unless
// FAKE_ELECTRON_CSP=off, the executable is FAKE_ELECTRON_EXE, and app.exit ends the process.
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const isSelfTest = process.argv.some((arg) => arg.startsWith('--self-test'));
let beforeRequest;

const handles = new Map();
const report = {
  preload: '',
  page: '',
  channels: [],
  info: undefined,
  packs: undefined,
  refused: undefined,
};

const finish = async (page) => {
  report.page = page;
  report.channels = [...handles.keys()].sort();
  const fromPage = { senderFrame: { url: pathToFileURL(page).href } };
  report.info = await handles.get('app:info')(fromPage, {});
  report.packs = await handles.get('packs:list')(fromPage, {});
  report.refused = await handles.get('packs:list')(
    { senderFrame: { url: 'https://example.com/' } },
    {},
  );
  process.stdout.write(`FAKE_ELECTRON ${JSON.stringify(report)}\n`);
  process.exit(0);
};

/** The page's own files (index.html and the assets it names) as file URLs. */
function pageRequests(page) {
  const html = readFileSync(page, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map(
    (m) => pathToFileURL(join(dirname(page), m[1])).href,
  );
  const stray = (process.env.FAKE_ELECTRON_REQUESTS ?? '').split(' ').filter(Boolean);
  return [pathToFileURL(page).href, ...assets, ...stray];
}

class BrowserWindow {
  constructor(options) {
    report.preload = options.webPreferences.preload;
    this.url = '';
    this.webContents = {
      send() {},
      getURL: () => this.url,
      executeJavaScript: async () => {
        const fromPage = { senderFrame: { url: this.url } };
        return {
          hasApi: true,
          rendered: true,
          isEvalBlocked: process.env.FAKE_ELECTRON_CSP !== 'off',
          info: await handles.get('app:info')(fromPage, {}),
        };
      },
    };
  }
  once() {}
  show() {}
  destroy() {}
  isDestroyed() {
    return false;
  }
  async loadFile(page) {
    if (!isSelfTest) {
      await finish(page);
      return;
    }
    this.url = pathToFileURL(page).href;
    for (const url of pageRequests(page)) beforeRequest?.({ url }, () => undefined);
  }
}

const electron = {
  app: {
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    whenReady: async () => undefined,
    on() {},
    getPath: (name) =>
      name === 'exe'
        ? process.env.FAKE_ELECTRON_EXE
        : name === 'temp'
          ? tmpdir()
          : process.env.FAKE_ELECTRON_USER_DATA,
    setPath() {},
    getVersion: () => '0.0.0-fake',
    getName: () => 'data-steward-workbench',
    isPackaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
    disableHardwareAcceleration() {},
    quit() {},
    exit: (code) => process.exit(code),
  },
  BrowserWindow,
  Menu: { setApplicationMenu() {}, buildFromTemplate: (template) => template },
  dialog: {},
  ipcMain: { handle: (channel, handler) => handles.set(channel, handler) },
  session: {
    defaultSession: {
      webRequest: {
        onBeforeRequest(listener) {
          beforeRequest = listener;
        },
        onHeadersReceived() {},
      },
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
    },
  },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
