/**
 * The Electron main process: the window, the menu, the dialogs and the IPC handlers. Thin:
 * everything else is the engine's, in a worker thread; main never touches rows.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { basename, dirname, extname, join } from 'node:path';
import { copyFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ChannelInput, EventName, EventPayload } from '../../shared/ipc/contract.ts';
import { err, ok } from '../../shared/result.ts';
import { startEngine, type EngineClient } from '../engine/protocol-client.ts';
import { registerIpc } from './ipc.ts';
import { createMenuTemplate } from './menu.ts';
import { projectPathsIn } from './project-paths.ts';
import {
  isTrustedSender,
  secureContents,
  secureSession,
  secureWebPreferences,
} from './security.ts';

/** Where the app's files are: out/main/main.cjs beside out/preload, out/engine and dist/renderer. */
const appRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** The save dialog's file type, by a download's extension. */
const saveFilterNames: Readonly<Record<string, string>> = {
  xlsx: 'Excel 工作簿',
  zip: '数据包',
  html: '网页',
};

/** Starts the app: one window over one engine. */
export async function startApp(): Promise<void> {
  app.enableSandbox();
  const gotLock = app.requestSingleInstanceLock();
  if (!gotLock) {
    app.quit();
    return;
  }
  await app.whenReady();
  secureSession(session.defaultSession, appRoot);
  app.on('web-contents-created', (_event, contents) => secureContents(contents, appRoot));

  // The engine runs from its bundle (scripts/write-app-bundles.ts), never from the sources.
  const engine: EngineClient = startEngine(
    new URL('../engine/engine-worker.cjs', import.meta.url),
    { dataDir: join(app.getPath('userData'), 'data'), mode: 'electron', version: app.getVersion() },
    { onCrash: (message, stack) => console.error(`engine crash: ${message}\n${stack ?? ''}`) },
  );

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: '数据归集工作台',
    show: false,
    webPreferences: secureWebPreferences(join(appRoot, 'out/preload/preload.cjs')),
  });
  window.once('ready-to-show', () => window.show());

  const send = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    if (!window.isDestroyed()) window.webContents.send(event, payload);
  };
  engine.onEvent((event, payload) => send(event, payload));

  const registerPaths = async (paths: readonly string[]) => {
    const refs = [];
    for (const path of paths) {
      const registered = await engine.registerFile(path, basename(path));
      if (registered.ok) refs.push(registered.value);
    }
    return refs;
  };

  // A project file opened from outside the window: the file manager (.dsw is associated with
  // the app), a second start of the app, or 文件 › 打开项目. The engine opens it where it is.
  const openProjectFile = async (path: string): Promise<void> => {
    const registered = await engine.registerFile(path, basename(path));
    const opened = registered.ok
      ? await engine.call('project:open-file', { fileId: registered.value.fileId })
      : registered;
    if (opened.ok) {
      app.addRecentDocument(path);
      send('project:opened', opened.value);
    } else {
      void dialog.showMessageBox(window, {
        type: 'error',
        title: '无法打开项目',
        message: opened.error.message.zh,
      });
    }
  };
  app.on('second-instance', (_event, argv) => {
    if (window.isMinimized()) window.restore();
    window.focus();
    const [path] = projectPathsIn(argv.slice(1));
    if (path !== undefined) void openProjectFile(path);
  });

  /** Where the clerk saved each download (打开所在文件夹 shows it there). */
  const savedPaths = new Map<string, string>();
  registerIpc(engine, appRoot, {
    'files:pick': async () => {
      const picked = await dialog.showOpenDialog(window, {
        title: '选择要导入的文件',
        properties: ['openFile', 'multiSelections'],
        filters: [
          {
            name: '表格文件',
            extensions: ['xlsx', 'xlsm', 'xlsb', 'xls', 'et', 'ods', 'csv', 'tsv', 'txt'],
          },
          { name: '所有文件', extensions: ['*'] },
        ],
      });
      return ok(picked.canceled ? [] : await registerPaths(picked.filePaths));
    },
    // A file the engine wrote (the error workbook, a package, its report): the clerk chooses
    // where it goes, in the Documents folder unless they pick another.
    'files:save': async (_event, input) => {
      const { downloadId } = input as ChannelInput<'files:save'>;
      const download = await engine.resolveDownload(downloadId);
      if (!download.ok) return download;
      const extension = extname(download.value.name).slice(1).toLowerCase();
      const chosen = await dialog.showSaveDialog(window, {
        title: '保存文件',
        defaultPath: join(app.getPath('documents'), download.value.name),
        filters: [{ name: saveFilterNames[extension] ?? '文件', extensions: [extension] }],
      });
      if (chosen.canceled || chosen.filePath === undefined || chosen.filePath === '')
        return ok({ isSaved: false });
      try {
        await copyFile(download.value.path, chosen.filePath);
      } catch (error) {
        console.error(`save ${download.value.name} to ${chosen.filePath}: ${String(error)}`);
        return err(
          'save-failed',
          `无法保存到 ${chosen.filePath}，请换一个位置`,
          `Cannot save to ${chosen.filePath}; choose another place`,
        );
      }
      savedPaths.set(downloadId, chosen.filePath);
      return ok({ isSaved: true });
    },
    // 打开所在文件夹: where the clerk saved it, else where the workbench keeps it.
    'files:show': async (_event, input) => {
      const { downloadId } = input as ChannelInput<'files:show'>;
      const saved = savedPaths.get(downloadId);
      const download = saved === undefined ? await engine.resolveDownload(downloadId) : undefined;
      if (download !== undefined && !download.ok) return download;
      shell.showItemInFolder(saved ?? download?.value.path ?? '');
      return ok({});
    },
    // 打开校验报告: the system's browser opens the report page.
    'files:open': async (_event, input) => {
      const { downloadId } = input as ChannelInput<'files:open'>;
      const download = await engine.resolveDownload(downloadId);
      if (!download.ok) return download;
      const failure = await shell.openPath(download.value.path);
      if (failure !== '') {
        console.error(`open ${download.value.path}: ${failure}`);
        return err(
          'open-failed',
          `无法打开 ${download.value.name}，请先保存后用浏览器打开`,
          `Cannot open ${download.value.name}; save it and open it in a browser`,
        );
      }
      return ok({});
    },
  });
  // Dropped files: the preload turns File objects into paths; main checks they are files.
  ipcMain.handle('files:drop', async (event, paths: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, appRoot))
      return err('untrusted-sender', '拒绝来自未知页面的请求', 'Refused');
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string'))
      return err('bad-input', '拖入的文件无效', 'Bad drop');
    const files: string[] = [];
    for (const path of paths as string[])
      if ((await stat(path).catch(() => undefined))?.isFile() === true) files.push(path);
    return ok(await registerPaths(files));
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      createMenuTemplate({
        openProject: () =>
          void dialog
            .showOpenDialog(window, {
              title: '打开项目',
              properties: ['openFile'],
              filters: [{ name: '数据归集项目', extensions: ['dsw'] }],
            })
            .then(async (picked) => {
              const [path] = picked.filePaths;
              if (!picked.canceled && path !== undefined) await openProjectFile(path);
            }),
        openFiles: () => send('app:command', { command: 'open-files' }),
        save: () => send('app:command', { command: 'save' }),
        undo: () => send('app:command', { command: 'undo' }),
        redo: () => send('app:command', { command: 'redo' }),
        help: () => send('app:command', { command: 'help' }),
        about: () =>
          void dialog.showMessageBox(window, {
            title: '关于',
            message: `数据归集工作台 ${app.getVersion()}`,
            detail: '离线运行，不连接任何网络。',
          }),
      }),
    ),
  );

  await window.loadFile(join(appRoot, 'dist/renderer/index.html'));
  const [startPath] = projectPathsIn(process.argv.slice(1));
  if (startPath !== undefined) await openProjectFile(startPath);
  app.on('window-all-closed', () => {
    void engine.stop().finally(() => app.quit());
  });
}
