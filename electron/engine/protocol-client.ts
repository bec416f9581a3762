/**
 * The host's end of the engine protocol: starts the engine worker and turns requests into
 * promises. Part of the protocol surface main may import (it holds no engine logic, only the
 * worker and its messages); used by Electron main and the browser-mode server.
 */
import { Worker } from 'node:worker_threads';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/result.ts';
import type {
  Download,
  EngineConfig,
  EngineMessage,
  EngineRequest,
  PackageVerification,
} from './protocol.ts';

type Listener = (event: EventName, payload: EventPayload<EventName>) => void;

/** A running engine worker. */
export interface EngineClient {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Lets the UI use a file the host received; returns its id. */
  registerFile(
    path: string,
    name: string,
  ): Promise<Result<{ fileId: string; name: string; size: number }>>;
  /** Where a file the engine wrote for the UI is (hosts only: to send or save it). */
  resolveDownload(downloadId: string): Promise<Result<Download>>;
  /** Re-checks a package file as `steward verify` does (the packaged app's self-test). */
  verifyPackage(path: string): Promise<Result<PackageVerification>>;
  onEvent(listener: Listener): () => void;
  /** Saves and stops the engine. */
  stop(): Promise<void>;
}

/**
 * Starts the engine worker from `workerUrl` (the TypeScript source in development, run through
 * tsx; the bundled script in the packaged app).
 */
export function startEngine(
  workerUrl: URL,
  config: EngineConfig,
  options: { runTypeScript?: boolean; onCrash?: (message: string, stack?: string) => void } = {},
): EngineClient {
  const worker =
    options.runTypeScript === true
      ? // Development and browser mode run the sources: the worker registers tsx's loader first.
        new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`,
          { eval: true, workerData: config },
        )
      : new Worker(workerUrl, { workerData: config });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<Listener>();
  let nextId = 1;
  worker.on('message', (message: EngineMessage) => {
    if (message.kind === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.kind === 'event') {
      for (const listener of listeners) listener(message.event, message.payload);
    } else {
      options.onCrash?.(message.message, message.stack);
    }
  });
  // Once the worker is gone (stopped or crashed) every call is answered, never left waiting:
  // an unanswered call keeps a browser-mode request open and the host could not close.
  let stopped = false;
  const engineStopped: Result<never> = {
    ok: false,
    error: {
      code: 'engine-stopped',
      message: {
        zh: '处理引擎意外停止，请重新打开项目',
        en: 'The engine stopped unexpectedly; reopen the project',
      },
    },
  };
  const answerAllStopped = (): void => {
    stopped = true;
    for (const resolve of pending.values()) resolve(engineStopped);
    pending.clear();
  };
  worker.on('error', (error) => {
    options.onCrash?.(error.message, error.stack);
    answerAllStopped();
  });
  worker.on('exit', answerAllStopped);
  const send = (request: EngineRequest): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      if (stopped) {
        resolve(engineStopped);
        return;
      }
      pending.set(request.id, resolve);
      worker.postMessage(request);
    });
  return {
    call: (channel, input) =>
      send({ kind: 'call', id: nextId++, channel, input }) as Promise<
        Result<ChannelOutput<typeof channel>>
      >,
    registerFile: (path, name) =>
      send({ kind: 'register-file', id: nextId++, path, name }) as Promise<
        Result<{ fileId: string; name: string; size: number }>
      >,
    resolveDownload: (downloadId) =>
      send({ kind: 'resolve-download', id: nextId++, downloadId }) as Promise<Result<Download>>,
    verifyPackage: (path) =>
      send({ kind: 'verify-package', id: nextId++, path }) as Promise<Result<PackageVerification>>,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      await send({ kind: 'call', id: nextId++, channel: 'project:close', input: {} });
      await worker.terminate();
      answerAllStopped();
    },
  };
}
