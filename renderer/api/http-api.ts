/**
 * Browser mode's window.api: the same contract over HTTP to the local host (127.0.0.1), with
 * the token from the page's URL on every request and events over server-sent events.
 */
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';
import type { FileRef, WindowApi } from './window-api.ts';

const networkError = <T>(): Result<T> => ({
  ok: false,
  error: {
    code: 'host-unreachable',
    message: {
      zh: '无法连接本机服务，请重新启动工作台',
      en: 'Cannot reach the local host; restart the workbench',
    },
  },
});

/** Creates the HTTP-backed API for a page opened with `?token=...`. */
export function createHttpApi(token: string): WindowApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  const subscribe = (event: string): void => {
    source.addEventListener(event, (message) => {
      const payload = JSON.parse((message as MessageEvent<string>).data) as unknown;
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  };
  return {
    async invoke<C extends Channel>(
      channel: C,
      input: ChannelInput<C>,
    ): Promise<Result<ChannelOutput<C>>> {
      try {
        const response = await fetch(`/api/call/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Steward-Token': token },
          body: JSON.stringify(input),
        });
        return (await response.json()) as Result<ChannelOutput<C>>;
      } catch {
        return networkError();
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
        subscribe(event);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    download(downloadId: string, name: string): void {
      // A link, since the browser saves a response with Content-Disposition itself; the token
      // goes in the query because a link cannot set a header.
      const link = document.createElement('a');
      link.href = `/api/download?id=${encodeURIComponent(downloadId)}&token=${encodeURIComponent(token)}`;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
    },
    async upload(file: File): Promise<Result<FileRef>> {
      try {
        const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: { 'X-Steward-Token': token, 'Content-Type': 'application/octet-stream' },
          body: file,
        });
        return (await response.json()) as Result<FileRef>;
      } catch {
        return networkError();
      }
    },
  };
}
