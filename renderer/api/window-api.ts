/**
 * The renderer's only way out: `window.api`, exposed by the preload in Electron, or installed
 * by browser mode over HTTP. Both speak the IPC contract in shared/ipc/contract.ts.
 */
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';

/** A file the host let the UI use. */
export interface FileRef {
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
}

/** What the UI can ask of the engine. */
export interface WindowApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Browser mode only: hands a picked or dropped file to the engine. */
  upload?(file: File): Promise<Result<FileRef>>;
  /** Browser mode only: offers a file the engine wrote as a browser download (Electron: files:save). */
  download?(downloadId: string, name: string): void;
}

declare global {
  interface Window {
    api?: WindowApi;
  }
}

/** The API the app was started with. */
export function getApi(): WindowApi {
  if (window.api === undefined) throw new Error('window.api is missing');
  return window.api;
}
