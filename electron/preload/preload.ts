/**
 * The preload: exposes only `window.api` (invoke and on, for the contract's channels and
 * events) and, for dropped files, a function that hands their paths to main without the page
 * ever seeing a path.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName } from '../../shared/ipc/contract.ts';

const refused = (what: string) => ({
  ok: false,
  error: { code: 'unknown-channel', message: { zh: '未知的请求', en: `Unknown ${what}` } },
});

contextBridge.exposeInMainWorld('api', {
  invoke(channel: string, input: unknown) {
    if (!isChannel(channel)) return Promise.resolve(refused(`channel ${channel}`));
    return ipcRenderer.invoke(channel, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!isEventName(event)) throw new Error(`unknown event ${event}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
  dropFiles(files: File[]) {
    const paths = files.map((file) => webUtils.getPathForFile(file)).filter((path) => path !== '');
    return ipcRenderer.invoke('files:drop', paths);
  },
});
