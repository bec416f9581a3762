// A stand-in for the `electron` module, for running the built main bundle (out/main/main.cjs)
// under plain Node: `node --import ./fake-electron.mjs out/main/main.cjs`. It records what main
// asks of Electron (the window's preload, the page it loads, the IPC channels), then calls one
// channel as the app's own page would and prints everything as one JSON line, and exits.
import Module from 'node:module';
import { pathToFileURL } from 'node:url';

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

class BrowserWindow {
  webContents = { send() {} };
  constructor(options) {
    report.preload = options.webPreferences.preload;
  }
  once() {}
  show() {}
  isDestroyed() {
    return false;
  }
  async loadFile(page) {
    await finish(page);
  }
}

const electron = {
  app: {
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    whenReady: async () => undefined,
    on() {},
    getPath: () => process.env.FAKE_ELECTRON_USER_DATA,
    getVersion: () => '0.0.0-fake',
    quit() {},
  },
  BrowserWindow,
  Menu: { setApplicationMenu() {}, buildFromTemplate: (template) => template },
  dialog: {},
  ipcMain: { handle: (channel, handler) => handles.set(channel, handler) },
  session: {
    defaultSession: {
      webRequest: { onBeforeRequest() {}, onHeadersReceived() {} },
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
    },
  },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
